// The account page (seeds/managed-account-edit.txt, users-vs-managed-accounts.txt "Managed
// Accounts Page"): the account's lifecycle actions from the top right (reset password,
// deactivate / reactivate, delete / cancel deletion), then its sections: details, email address,
// profile photo, product access, groups, security (two-step verification, API tokens, recently
// used devices) and its journal. Every action is the admin API's (docs/admin-api.md "Accounts");
// what the server refuses (403 sync lock, 409 lifecycle) is shown with its detail.

import { h, replace } from '../dom.js';
import { api, apiPath } from '../api.js';
import { href } from '../router.js';
import { pageHeader, loading, errorBox, notice, confirmDialog, announce, button, formatTime } from '../ui.js';
import { lifecycleBadge, syncedBadge, accountTypeBadge } from '../badges.js';
import { detailsSection, emailSection, photoSection } from '../account/profile.js';
import { accessSection, groupsSection } from '../account/access.js';
import { securitySection, apiTokensSection, devicesSection } from '../account/security.js';
import { journalSection } from '../account/journal.js';

function lifecycleActions(account, context) {
  const who = account.displayName || account.email;
  // A button calling POST /accounts/{id}/<verb> once its confirmation is accepted.
  const action = (label, verb, kind, confirm, success) => button(label, {
    kind, 'data-focus-key': verb,
    onclick: () => context.perform({
      confirm: { confirmLabel: label, ...confirm },
      call: () => api('POST', apiPath`/accounts/${account.id}/${verb}`),
      success,
    }),
  });
  const actions = [action('Reset password', 'require-password-reset', 'secondary', {
    title: `Require ${who} to reset their password?`,
    body: ['They will have to set a new password the next time they log in. Their current password stops being enough to sign in.'],
    confirmLabel: 'Require password reset',
  }, 'The account must reset its password at its next login.')];
  if (account.lifecycle === 'active') {
    actions.push(action('Deactivate account', 'deactivate', 'danger-outline', {
      title: `Deactivate ${who}?`,
      body: [
        'Deactivating marks the account as inactive: they can no longer log in to any product or site.',
        'Their product access, group memberships and data stay, and you can reactivate the account at any time.',
      ],
      danger: true,
    }, 'The account is deactivated.'));
  } else if (account.lifecycle === 'deactivated') {
    actions.push(action('Reactivate account', 'reactivate', 'secondary', {
      title: `Reactivate ${who}?`,
      body: ['They can log in again, with the product access and group memberships they had.'],
    }, 'The account is active again.'));
  }
  if (account.lifecycle === 'pending_deletion') {
    actions.push(action('Cancel deletion', 'cancel-deletion', 'primary', {
      title: `Cancel the deletion of ${who}?`,
      body: ['The account will not be deleted. It stays deactivated: reactivate it afterwards if they should log in again.'],
    }, 'The deletion is cancelled; the account is deactivated.'));
  } else {
    actions.push(action('Delete account', 'delete', 'danger', {
      title: `Delete ${who}?`,
      body: [
        'Deleting the account deletes it everywhere: they will no longer be able to use it to access any product, site or your organization.',
        'The account is deactivated at once and deleted after a grace period of 14 days, during which you can cancel the deletion. Then its personal data and provisioning records are erased and its email address is free for a new account.',
      ],
      danger: true,
    }, 'The account is scheduled for deletion.'));
  }
  return actions;
}

function statusNotices(account) {
  const notices = [];
  if (account.accountType === 'external') {
    notices.push(notice('Your organization does not manage this account: only its owner can change its details and lifecycle. You manage its site and group memberships on the Users page.', { tone: 'warning', title: 'External user' }));
  }
  if (account.lifecycle === 'pending_deletion') {
    notices.push(h('div', { class: 'alert alert-error' },
      h('p', { class: 'alert-title' }, 'Pending deletion'),
      h('p', { class: 'alert-detail' }, 'This account will be deleted on ', formatTime(account.deletionDueAt),
        '. Cancel the deletion before then to keep it.')));
  } else if (account.lifecycle === 'deactivated') {
    notices.push(notice('This account cannot log in. Its product access, groups and data are kept.', { tone: 'warning', title: 'Deactivated' }));
  }
  if (account.passwordResetRequired) {
    notices.push(notice('The account must set a new password at its next login.', { tone: 'info', title: 'Password reset required' }));
  }
  if (account.synced && account.syncedBy) {
    notices.push(notice(`This account is provisioned by the directory "${account.syncedBy.name}". Its identity provider owns its name, job details, time zone, language, email address and whether it is active: change those there.`, { tone: 'info', title: 'Synced via provisioning' }));
  }
  return notices;
}

export default {
  path: 'accounts/:id',
  title: 'Account',
  nav: 'accounts',
  async render(main, params, query, { signal }) {
    const id = params.id;
    const path = apiPath`/accounts/${id}`;
    const back = { href: href('accounts'), label: 'Managed accounts' };
    const body = h('div', { class: 'account' }, loading('Loading the account…'));
    main.append(pageHeader('Account', { back }), body);

    const context = {
      signal,
      // Runs an action: its confirmation first, then the call; on success the page is drawn
      // again from the server's state and the outcome announced; a refusal shows the server's
      // detail in `slot` (the section's error area) or at the top of the page.
      async perform({ confirm, call, success, slot }) {
        if (confirm && !(await confirmDialog(confirm))) return false;
        const target = slot ?? context.pageErrors;
        replace(target);
        try {
          await call();
        } catch (error) {
          if (error?.signedOut || error?.name === 'AbortError') return false;
          replace(target, errorBox(error));
          target.querySelector('.alert')?.setAttribute('tabindex', '-1');
          target.querySelector('.alert')?.focus();
          return false;
        }
        await draw(success);
        return true;
      },
      pageErrors: null,
      refresh: (message) => draw(message),
    };

    async function draw(message) {
      const focusKey = document.activeElement?.getAttribute?.('data-focus-key');
      let account;
      try {
        account = await api('GET', path, { signal });
      } catch (error) {
        if (error?.signedOut || error?.name === 'AbortError') return;
        replace(main, pageHeader(error.status === 404 ? 'Account not found' : 'Account', { back }),
          errorBox(error, { title: error.status === 404 ? 'There is no such account in your organization' : 'Could not load the account' }));
        main.querySelector('[data-page-title]')?.focus();
        return;
      }
      const who = account.displayName || account.email || account.id;
      const managed = account.accountType !== 'external';
      context.account = account;
      context.managed = managed;
      context.pageErrors = h('div', { class: 'page-errors' });
      const header = pageHeader(who, {
        back,
        actions: managed ? lifecycleActions(account, context) : null,
        meta: h('div', { class: 'account-meta' },
          h('span', { class: 'account-email' }, account.email ?? ''),
          h('span', { class: 'badges' }, accountTypeBadge(account), lifecycleBadge(account), syncedBadge(account))),
      });
      const sections = [
        detailsSection(account, context),
        emailSection(account, context),
        photoSection(account, context),
        accessSection(account, context),
        groupsSection(account, context),
      ];
      if (managed) {
        sections.push(securitySection(account, context), apiTokensSection(account, context), devicesSection(account, context));
      }
      sections.push(journalSection(account, context));
      const oldTitle = main.querySelector('[data-page-title]');
      const hadTitleFocus = oldTitle && document.activeElement === oldTitle;
      replace(main, header, context.pageErrors, h('div', { class: 'account-notices' }, statusNotices(account)),
        h('div', { class: 'account-sections' }, sections));
      if (message) announce(message);
      const again = focusKey ? main.querySelector(`[data-focus-key="${focusKey}"]`) : null;
      if (again) again.focus();
      else if (hadTitleFocus || message) main.querySelector('[data-page-title]')?.focus();
    }

    await draw();
  },
};
