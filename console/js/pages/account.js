// The account page (seeds/managed-account-edit.txt, users-vs-managed-accounts.txt "Managed
// Accounts Page"; docs/admin-api.md "Accounts"): what the server refuses (403 sync lock, 409
// lifecycle) is shown with its detail.

import { api, apiPath } from '../api.js';
import { href } from '../router.js';
import { h, replace, pageHeader, loading, errorBox, notice, confirmDialog, announce, button, formatTime, attempt, isQuiet } from '../ui.js';
import { lifecycleBadge, syncedBadge, accountTypeBadge } from '../badges.js';
import { detailsSection, emailSection, photoSection } from '../account/profile.js';
import { accessSection, groupsSection } from '../account/access.js';
import { securitySection, apiTokensSection, devicesSection } from '../account/security.js';
import { journalSection } from '../account/journal.js';

function lifecycleActions(account, context) {
  const who = account.displayName || account.email;
  const { lifecycle } = account;
  // A button calling POST /accounts/{id}/<verb> once its confirmation is accepted.
  const action = (label, verb, kind, title, body, success, confirmLabel = label) => context.button(label, verb, { kind }, {
    confirm: { title, body, confirmLabel, danger: kind.startsWith('danger') },
    request: ['POST', `/${verb}`],
    success,
  });
  return [
    action('Reset password', 'require-password-reset', 'secondary', `Require ${who} to reset their password?`,
      ['They will have to set a new password the next time they log in. Their current password stops being enough to sign in.'],
      'The account must reset its password at its next login.', 'Require password reset'),
    lifecycle === 'active' && action('Deactivate account', 'deactivate', 'danger-outline', `Deactivate ${who}?`, [
      'Deactivating marks the account as inactive: they can no longer log in to any product or site.',
      'Their product access, group memberships and data stay, and you can reactivate the account at any time.',
    ], 'The account is deactivated.'),
    lifecycle === 'deactivated' && action('Reactivate account', 'reactivate', 'secondary', `Reactivate ${who}?`,
      ['They can log in again, with the product access and group memberships they had.'], 'The account is active again.'),
    lifecycle === 'pending_deletion'
      ? action('Cancel deletion', 'cancel-deletion', 'primary', `Cancel the deletion of ${who}?`,
        ['The account will not be deleted. It stays deactivated: reactivate it afterwards if they should log in again.'],
        'The deletion is cancelled; the account is deactivated.')
      : action('Delete account', 'delete', 'danger', `Delete ${who}?`, [
        'Deleting the account deletes it everywhere: they will no longer be able to use it to access any product, site or your organization.',
        'The account is deactivated at once and deleted after a grace period of 14 days, during which you can cancel the deletion. Then its personal data and provisioning records are erased and its email address is free for a new account.',
      ], 'The account is scheduled for deletion.'),
  ];
}

function statusNotices(account) {
  return [
    account.accountType === 'external' && notice('Your organization does not manage this account: only its owner can change its details and lifecycle. You manage its site and group memberships on the Users page.', 'External user', 'warning'),
    account.lifecycle === 'pending_deletion' && notice(['This account will be deleted on ', formatTime(account.deletionDueAt),
      '. Cancel the deletion before then to keep it.'], 'Pending deletion', 'error'),
    account.lifecycle === 'deactivated' && notice('This account cannot log in. Its product access, groups and data are kept.', 'Deactivated', 'warning'),
    account.passwordResetRequired && notice('The account must set a new password at its next login.', 'Password reset required'),
    account.synced && account.syncedBy && notice(`This account is provisioned by the directory "${account.syncedBy.name}". Its identity provider owns its name, job details, time zone, language, email address and whether it is active: change those there.`, 'Synced via provisioning'),
  ];
}

export default {
  path: 'accounts/:id',
  title: 'Account',
  nav: 'accounts',
  async render(main, params, query) {
    const path = apiPath`/accounts/${params.id}`;
    const back = { href: href('accounts'), label: 'Managed accounts' };
    main.append(pageHeader('Account', { back }), loading());

    const context = {
      path,
      // Runs an action: its confirmation first, then `request` [method, path under the account's,
      // body]; on success the page is drawn again from the server's state and the outcome
      // announced; a refusal shows the server's detail in `slot` (the section's error area) or at
      // the top of the page.
      async perform({ confirm, request: [method, suffix, body], success, slot = context.pageErrors }) {
        if (confirm && !(await confirmDialog(confirm))) return false;
        if (await attempt(slot, () => api(method, path + suffix, { body }))) return draw(success).then(() => true);
        slot.firstChild?.setAttribute('tabindex', '-1');
        slot.firstChild?.focus();
        return false;
      },
      refresh: draw,
      // A button running perform(what); its focus key finds it again on the page drawn anew.
      button: (label, key, options, what) => button(label, { ...options, 'data-focus-key': key, onclick: () => context.perform(what) }),
    };

    async function draw(message) {
      const focusKey = document.activeElement?.getAttribute?.('data-focus-key');
      let account;
      try {
        account = await api('GET', path);
      } catch (error) {
        if (isQuiet(error)) return;
        replace(main, pageHeader(error.status === 404 ? 'Account not found' : 'Account', { back }),
          errorBox(error, error.status === 404 ? 'There is no such account in your organization' : 'Could not load the account'));
        main.querySelector('[data-page-title]')?.focus();
        return;
      }
      const managed = account.accountType !== 'external';
      context.managed = managed;
      context.pageErrors = h('div.page-errors');
      const hadTitleFocus = document.activeElement?.hasAttribute('data-page-title');
      replace(main, pageHeader(account.displayName || account.email || account.id, {
        back,
        actions: managed && lifecycleActions(account, context),
        meta: h('div.account-meta',
          h('span.account-email', account.email ?? ''),
          h('span.badges', accountTypeBadge(account), lifecycleBadge(account), syncedBadge(account))),
      }), context.pageErrors, h('div.account-notices', statusNotices(account)),
        [detailsSection, emailSection, photoSection, accessSection, groupsSection,
          ...(managed ? [securitySection, apiTokensSection, devicesSection] : []), journalSection]
          .map((part) => part(account, context)));
      if (message) announce(message);
      const again = focusKey ? main.querySelector(`[data-focus-key="${focusKey}"]`) : null;
      if (again) again.focus();
      else if (hadTitleFocus || message) main.querySelector('[data-page-title]')?.focus();
    }

    await draw();
  },
};
