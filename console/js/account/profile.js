// The account page's details, email address and profile photo sections
// (seeds/managed-account-edit.txt "To edit the user's name, job title, department, or location",
// "To edit the account's email address", "To change the user's profile picture").

import { h, replace } from '../dom.js';
import { api, apiPath } from '../api.js';
import { section, field, form, details, button, badge, formatTime } from '../ui.js';

// The profile fields of PATCH /accounts/{id}, and whether a synced account's identity provider
// owns them (docs/accounts.md "The sync lock, action by action": location and pictureUrl are the
// organization's).
const PROFILE_FIELDS = [
  { name: 'displayName', label: 'Display name', synced: true },
  { name: 'givenName', label: 'Given name', synced: true },
  { name: 'familyName', label: 'Family name', synced: true },
  { name: 'jobTitle', label: 'Job title', synced: true },
  { name: 'department', label: 'Department', synced: true },
  { name: 'organizationName', label: 'Organization', synced: true },
  { name: 'location', label: 'Location', synced: false },
  { name: 'timezone', label: 'Time zone', synced: true, hint: 'An IANA zone, e.g. Europe/Paris' },
  { name: 'preferredLanguage', label: 'Preferred language', synced: true, hint: 'e.g. en-GB' },
];

function lockReason(account) {
  return account.synced && account.syncedBy ? `Managed by the directory "${account.syncedBy.name}"` : null;
}

export function detailsSection(account, context) {
  const container = h('div', {});
  const lock = lockReason(account);
  const editable = context.managed;

  function showDetails(focusEdit = false) {
    const editButton = editable ? button('Edit details', { small: true, 'data-focus-key': 'edit-details', onclick: () => showForm() }) : null;
    replace(container, details(PROFILE_FIELDS.map((item) => [
      item.label,
      account[item.name] ? h('span', {}, account[item.name],
        item.synced && lock ? h('span', { class: 'locked-mark', title: lock }, ' ', badge('Synced', 'synced')) : null) : null,
    ])));
    replace(actions, editButton);
    if (focusEdit) editButton?.focus();
  }

  function showForm() {
    const inputs = PROFILE_FIELDS.map((item) => field({
      label: item.label, name: item.name, value: account[item.name] ?? '',
      locked: item.synced && lock ? lock : null, hint: item.hint, autocomplete: 'off',
    }));
    const cancel = button('Cancel', { onclick: () => showDetails(true) });
    const editForm = form({
      label: 'Edit details',
      onSubmit: async () => {
        const changes = {};
        PROFILE_FIELDS.forEach((item, index) => {
          const control = inputs[index].control;
          if (control.readOnly) return;
          const value = control.value.trim();
          const before = account[item.name] ?? '';
          if (value !== before) changes[item.name] = value === '' ? null : value;
        });
        if (!Object.keys(changes).length) {
          showDetails(true);
          return;
        }
        await api('PATCH', apiPath`/accounts/${account.id}`, { body: changes, signal: context.signal });
        await context.refresh('The details are saved.');
      },
    },
    h('div', { class: 'form-grid' }, inputs),
    h('div', { class: 'form-actions' }, button('Save details', { type: 'submit', kind: 'primary' }), cancel));
    replace(container, editForm);
    replace(actions);
    inputs.find((input) => !input.control.readOnly)?.control.focus();
  }

  const actions = h('div', { class: 'panel-actions-slot' });
  const element = section('Details', {
    actions,
    description: lock ? 'Fields marked Synced come from the identity provider: change them there.' : null,
  }, container);
  showDetails();
  return element;
}

export function emailSection(account, context) {
  const path = apiPath`/accounts/${account.id}`;
  const errors = h('div', { class: 'section-errors' });
  const lock = lockReason(account);
  const rows = [
    ['Email address', h('span', { class: 'email-current' }, account.email ?? '—', ' ',
      account.emailVerified ? badge('Verified', 'success') : badge('Not verified', 'warning'))],
  ];
  if (account.pendingEmail) {
    rows.push(['Changing to', h('span', {}, account.pendingEmail, ' ', badge('Waiting for confirmation', 'info'))]);
  }
  const parts = [errors, details(rows)];

  if (context.managed) {
    if (!account.emailVerified) {
      parts.push(h('div', { class: 'section-block' },
        h('p', {}, 'The owner has not verified this address yet. Until they do, the address cannot be changed. A verification email goes to the current address; its link marks the address verified.'),
        h('div', { class: 'button-row' }, button('Send verification email', {
          small: true, 'data-focus-key': 'address-verification',
          onclick: () => context.perform({
            call: () => api('POST', `${path}/address-verification`),
            success: `A verification email is on its way to ${account.email}.`, slot: errors,
          }),
        }))));
    }
    if (account.pendingEmail) {
      parts.push(h('div', { class: 'section-block' },
        h('p', {}, `We emailed ${account.pendingEmail} a link to confirm the change. Until it is confirmed, you continue to manage this account with the original email address.`),
        h('div', { class: 'button-row' },
          button('Resend confirmation email', {
            small: true, 'data-focus-key': 'email-resend', disabled: Boolean(lock),
            onclick: () => context.perform({
              call: () => api('POST', `${path}/email/resend`),
              success: `A new confirmation email is on its way to ${account.pendingEmail}; the earlier link no longer works.`, slot: errors,
            }),
          }),
          button('Cancel email change', {
            small: true, kind: 'danger-outline', 'data-focus-key': 'email-cancel', disabled: Boolean(lock),
            onclick: () => context.perform({
              confirm: {
                title: 'Cancel the email change?',
                body: [`The account keeps ${account.email}. The link sent to ${account.pendingEmail} stops working.`],
                confirmLabel: 'Cancel email change', cancelLabel: 'Keep it', danger: true,
              },
              call: () => api('DELETE', `${path}/email`),
              success: 'The email change is cancelled.', slot: errors,
            }),
          }))));
    }
    const newEmail = field({
      label: 'New email address', name: 'email', type: 'email', autocomplete: 'off', required: true,
      locked: lock, hint: lock ? null : 'We’ll email the new address a link to confirm the change.',
    });
    const changeForm = form({
      label: 'Change email address',
      className: 'form form-inline',
      onSubmit: async () => {
        const email = newEmail.control.value.trim();
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
          call: () => api('POST', `${path}/email`, { body: { email } }),
          success: `A confirmation email is on its way to ${email}.`, slot: errors,
        });
        if (confirmed) newEmail.control.value = '';
      },
    },
    newEmail,
    h('div', { class: 'form-actions' }, button('Change email', { type: 'submit', disabled: Boolean(lock), 'data-focus-key': 'email-change' })));
    parts.push(changeForm);
  }
  parts.push(outboxList(account, context));
  return section('Email address', {}, parts);
}

// The account's messages (verifications, invitations, password resets), newest first: whether
// the confirmation mail went out.
function outboxList(account, context) {
  const container = h('div', { class: 'section-block outbox' });
  const LABELS = { email_change: 'Email change', address_verification: 'Address verification', site_invitation: 'Site invitation', password_reset: 'Password reset' };
  const TONES = { queued: 'info', sent: 'success', failed: 'danger', consumed: 'success', invalidated: 'neutral', expired: 'neutral' };
  api('GET', '/outbox', { query: { account: account.id }, signal: context.signal }).then((result) => {
    const messages = (result?.messages ?? []).slice(0, 5);
    if (!messages.length) return;
    replace(container, h('h3', { class: 'subheading' }, 'Recent messages'),
      h('ul', { class: 'plain-list' }, messages.map((message) => h('li', { class: 'plain-list-item' },
        h('span', {}, LABELS[message.kind] ?? message.kind, ' to ', h('span', { class: 'mono-inline' }, message.to)),
        h('span', { class: 'plain-list-meta' }, badge(message.state, TONES[message.state] ?? 'neutral'), ' ', formatTime(message.created)),
        message.lastError ? h('span', { class: 'cell-secondary' }, message.lastError) : null))));
  }, () => replace(container));
  return container;
}

export function photoSection(account, context) {
  const path = apiPath`/accounts/${account.id}`;
  const errors = h('div', { class: 'section-errors' });
  const who = account.displayName || account.email || '';
  const initials = who.split(/[\s@.]+/).filter(Boolean).slice(0, 2).map((part) => part[0].toUpperCase()).join('');
  const picture = account.pictureUrl
    ? h('img', { class: 'avatar', src: account.pictureUrl, alt: `Profile photo of ${who}`, width: '72', height: '72', referrerpolicy: 'no-referrer' })
    : h('span', { class: 'avatar avatar-initials', 'aria-hidden': 'true' }, initials || '?');
  const parts = [errors, h('div', { class: 'photo-row' }, picture,
    h('p', { class: 'muted' }, account.pictureUrl ? 'The photo shown in the products.' : 'No profile photo: the products show the initials.'))];
  if (context.managed) {
    const url = field({
      label: 'Photo URL', name: 'pictureUrl', type: 'url', value: account.pictureUrl ?? '', autocomplete: 'off',
      hint: 'An https:// address of the image.', placeholder: 'https://',
    });
    parts.push(form({
      label: 'Change profile photo',
      className: 'form form-inline',
      onSubmit: async () => {
        const value = url.control.value.trim();
        await context.perform({
          call: () => api('PATCH', path, { body: { pictureUrl: value || null } }),
          success: value ? 'The profile photo is changed.' : 'The profile photo is removed.', slot: errors,
        });
      },
    }, url, h('div', { class: 'form-actions' },
      button('Save photo', { type: 'submit', 'data-focus-key': 'photo-save' }),
      account.pictureUrl ? button('Remove photo', {
        kind: 'danger-outline', 'data-focus-key': 'photo-remove',
        onclick: () => context.perform({
          confirm: { title: 'Remove the profile photo?', body: ['The products show the initials instead.'], confirmLabel: 'Remove photo', danger: true },
          call: () => api('PATCH', path, { body: { pictureUrl: null } }),
          success: 'The profile photo is removed.', slot: errors,
        }),
      }) : null)));
  }
  return section('Profile photo', {}, parts);
}

