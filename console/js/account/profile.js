// The account page's details, email address and profile photo (seeds/managed-account-edit.txt).

import { api } from '../api.js';
import { h, replace, section, field, form, details, button, badge, formatTime, submitRow } from '../ui.js';

// The profile fields of PATCH /accounts/{id}: [name, label, hint].
const PROFILE_FIELDS = [
  ['displayName', 'Display name'], ['givenName', 'Given name'], ['familyName', 'Family name'], ['jobTitle', 'Job title'],
  ['department', 'Department'], ['organizationName', 'Organization'], ['location', 'Location'],
  ['timezone', 'Time zone', 'An IANA zone, e.g. Europe/Paris'], ['preferredLanguage', 'Preferred language', 'e.g. en-GB'],
];
// A synced account's identity provider owns all but the location (docs/accounts.md "The sync
// lock, action by action": location and pictureUrl are the organization's).
const synced = (name) => name !== 'location';

function lockReason(account) {
  return account.synced && account.syncedBy ? `Managed by the directory "${account.syncedBy.name}"` : null;
}

export function detailsSection(account, context) {
  const container = h('div');
  const actions = h('div');
  const lock = lockReason(account);

  function showDetails(focusEdit) {
    const editButton = context.managed && button('Edit details', { small: true, 'data-focus-key': 'edit-details', onclick: showForm });
    replace(container, details(PROFILE_FIELDS.map(([name, label]) => [
      label,
      account[name] && h('span', account[name],
        synced(name) && lock && h('span.locked-mark', { title: lock }, ' ', badge('Synced', 'synced'))),
    ])));
    replace(actions, editButton);
    if (focusEdit) editButton.focus();
  }

  function showForm() {
    const inputs = PROFILE_FIELDS.map(([name, label, hint]) => field({
      label, name, value: account[name] ?? '', locked: synced(name) && lock, hint,
    }));
    replace(container, form({
      label: 'Edit details', className: '',
      onSubmit: async () => {
        // Only what changed is sent; an emptied field clears the value.
        const changes = {};
        for (const { control } of inputs) {
          const value = control.value.trim();
          if (!control.readOnly && value !== (account[control.name] ?? '')) changes[control.name] = value || null;
        }
        if (!Object.keys(changes).length) return showDetails(true);
        await api('PATCH', context.path, { body: changes });
        await context.refresh('The details are saved.');
      },
    },
    h('div.form-grid', inputs),
    submitRow('Save details', button('Cancel', { onclick: () => showDetails(true) }))));
    replace(actions);
    inputs.find((input) => !input.control.readOnly)?.control.focus();
  }

  showDetails();
  return section('Details', {
    actions,
    description: lock && 'Fields marked Synced come from the identity provider: change them there.',
  }, container);
}

export function emailSection(account, context) {
  const errors = h('div.section-errors');
  const lock = lockReason(account);
  const parts = [errors, details([
    ['Email address', h('span', account.email ?? '—', ' ',
      account.emailVerified ? badge('Verified', 'success') : badge('Not verified', 'warning'))],
    account.pendingEmail && ['Changing to', h('span', account.pendingEmail, ' ', badge('Waiting for confirmation', 'info'))],
  ])];
  const block = (text, ...buttons) => h('div.section-block', h('p', text), h('div.button-row', buttons));

  if (context.managed) {
    if (!account.emailVerified) {
      parts.push(block('The owner has not verified this address yet. Until they do, the address cannot be changed. A verification email goes to the current address; its link marks the address verified.',
        context.button('Send verification email', 'address-verification', { small: true }, {
          request: ['POST', '/address-verification'],
          success: `A verification email is on its way to ${account.email}.`, slot: errors,
        })));
    }
    if (account.pendingEmail) {
      parts.push(block(`We emailed ${account.pendingEmail} a link to confirm the change. Until it is confirmed, you continue to manage this account with the original email address.`,
        context.button('Resend confirmation email', 'email-resend', { small: true, disabled: !!lock }, {
          request: ['POST', '/email/resend'],
          success: `A new confirmation email is on its way to ${account.pendingEmail}; the earlier link no longer works.`, slot: errors,
        }),
        context.button('Cancel email change', 'email-cancel', { small: true, kind: 'danger-outline', disabled: !!lock }, {
          confirm: {
            title: 'Cancel the email change?',
            body: [`The account keeps ${account.email}. The link sent to ${account.pendingEmail} stops working.`],
            confirmLabel: 'Cancel email change', cancelLabel: 'Keep it', danger: true,
          },
          request: ['DELETE', '/email'],
          success: 'The email change is cancelled.', slot: errors,
        })));
    }
    const newEmail = field({
      label: 'New email address', name: 'email', type: 'email', required: true,
      locked: lock, hint: !lock && 'We’ll email the new address a link to confirm the change.',
    });
    parts.push(form({
      label: 'Change email address',
      onSubmit: async () => {
        const email = newEmail.text();
        if (!email) throw new Error('Enter the new email address.');
        const confirmed = await context.perform({
          confirm: {
            title: `Change the email address to ${email}?`,
            body: [
              'We’ll email the user to verify the change. Until then, you’ll continue to manage this account with the original email address.',
              'If the email address has a domain you haven’t verified, we’ll remove this account from your organization once the change is confirmed: your security policies will no longer apply to it.',
            ],
            confirmLabel: 'Change email address',
          },
          request: ['POST', '/email', { email }],
          success: `A confirmation email is on its way to ${email}.`, slot: errors,
        });
        if (confirmed) newEmail.control.value = '';
      },
    },
    newEmail,
    h('div.form-actions', button('Change email', { type: 'submit', disabled: !!lock, 'data-focus-key': 'email-change' }))));
  }
  parts.push(outboxList(account, context));
  return section('Email address', {}, parts);
}

// The account's messages (verifications, invitations, password resets), newest first: whether
// the confirmation mail went out.
const MESSAGES = { email_change: 'Email change', address_verification: 'Address verification', site_invitation: 'Site invitation', password_reset: 'Password reset' };
const MESSAGE_TONES = { queued: 'info', sent: 'success', failed: 'danger', consumed: 'success', invalidated: 'neutral', expired: 'neutral' };

function outboxList(account, context) {
  const container = h('div.section-block.outbox');
  api('GET', '/outbox', { query: { account: account.id } }).then((result) => {
    const messages = (result?.messages ?? []).slice(0, 5);
    if (!messages.length) return;
    replace(container, h('h3.subheading', 'Recent messages'),
      h('ul.plain-list', messages.map((message) => h('li.plain-list-item',
        h('span', MESSAGES[message.kind] ?? message.kind, ' to ', h('span.mono-inline', message.to)),
        h('span.plain-list-meta', badge(message.state, MESSAGE_TONES[message.state]), ' ', formatTime(message.created)),
        message.lastError && h('span.cell-secondary', message.lastError)))));
  }, () => replace(container));
  return container;
}

export function photoSection(account, context) {
  const errors = h('div.section-errors');
  const who = account.displayName || account.email || '';
  const initials = who.split(/[\s@.]+/).filter(Boolean).slice(0, 2).map((part) => part[0].toUpperCase()).join('');
  const parts = [errors, h('div.photo-row',
    account.pictureUrl
      ? h('img.avatar', { src: account.pictureUrl, alt: `Profile photo of ${who}`, width: '72', height: '72', referrerpolicy: 'no-referrer' })
      : h('span.avatar.avatar-initials', { 'aria-hidden': 'true' }, initials || '?'),
    h('p.muted', account.pictureUrl ? 'The photo shown in the products.' : 'No profile photo: the products show the initials.'))];
  if (context.managed) {
    const url = field({
      label: 'Photo URL', name: 'pictureUrl', type: 'url', value: account.pictureUrl ?? '',
      hint: 'An https:// address of the image.', placeholder: 'https://',
    });
    parts.push(form({
      label: 'Change profile photo',
      onSubmit: () => {
        const value = url.text();
        return context.perform({
          request: ['PATCH', '', { pictureUrl: value || null }],
          success: value ? 'The profile photo is changed.' : 'The profile photo is removed.', slot: errors,
        });
      },
    }, url, h('div.form-actions',
      button('Save photo', { type: 'submit', 'data-focus-key': 'photo-save' }),
      account.pictureUrl && context.button('Remove photo', 'photo-remove', { kind: 'danger-outline' }, {
        confirm: { title: 'Remove the profile photo?', body: ['The products show the initials instead.'], confirmLabel: 'Remove photo', danger: true },
        request: ['PATCH', '', { pictureUrl: null }],
        success: 'The profile photo is removed.', slot: errors,
      }))));
  }
  return section('Profile photo', {}, parts);
}
