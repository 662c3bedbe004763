// The account page's security options (seeds/users-vs-managed-accounts.txt: "Check the status of
// Two-step verification", "View and control API Tokens", "View and administer recently used
// devices"; managed-account-edit.txt "To exclude the user from logging in with two-step
// verification", "To revoke API tokens the user created").

import { h } from '../dom.js';
import { api, apiPath } from '../api.js';
import { section, field, form, details, button, badge, formatTime, dataTable, emptyState, load, formatNumber } from '../ui.js';

export function securitySection(account, context) {
  const path = apiPath`/accounts/${account.id}`;
  const errors = h('div', { class: 'section-errors' });
  const twoStep = account.twoStepVerification ?? {};
  const excluded = twoStep.excludedUntil && new Date(twoStep.excludedUntil) > new Date();
  const rows = [
    ['Two-step verification', twoStep.enrolled ? badge('Enrolled', 'success') : badge('Not enrolled', 'neutral')],
    ['Excluded until', excluded ? formatTime(twoStep.excludedUntil) : h('span', { class: 'muted' }, 'Not excluded')],
    ['Password', account.passwordResetRequired ? badge('Reset required at next login', 'warning') : h('span', { class: 'muted' }, 'No reset required')],
  ];
  const parts = [errors, details(rows)];

  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
  const until = field({
    label: 'Exclude from two-step verification until', name: 'until', type: 'date', min: tomorrow, required: true,
    hint: 'If your organization enforces two-step verification, the account can log in without a second step until this date (midnight UTC).',
  });
  parts.push(form({
    label: 'Exclude from two-step verification',
    className: 'form form-inline',
    onSubmit: async () => {
      const date = until.control.value;
      if (!date) throw new Error('Choose the date the exclusion ends.');
      // The seed: "temporarily exclude a user from being required to log in with a second step".
      await context.perform({
        confirm: {
          title: `Exclude ${account.displayName || account.email} from two-step verification until ${date}?`,
          body: [`If your organization enforces two-step verification, they are temporarily excluded from being required to log in with a second step, until ${date} (midnight UTC). From then on the requirement applies to them again.`],
          confirmLabel: 'Exclude from two-step verification',
        },
        call: () => api('POST', `${path}/two-step-exclusion`, { body: { until: `${date}T00:00:00Z` } }),
        success: `The account is excluded from two-step verification until ${date}.`, slot: errors,
      });
    },
  }, until, h('div', { class: 'form-actions' },
    button(excluded ? 'Change the exclusion' : 'Exclude from two-step verification', { type: 'submit', 'data-focus-key': 'two-step-exclude' }),
    excluded ? button('End the exclusion', {
      kind: 'danger-outline', 'data-focus-key': 'two-step-end',
      onclick: () => context.perform({
        confirm: { title: 'End the exclusion?', body: ['If your organization enforces two-step verification, the account needs its second step again at its next login.'], confirmLabel: 'End the exclusion' },
        call: () => api('POST', `${path}/two-step-exclusion`, { body: { until: null } }),
        success: 'The two-step verification exclusion is ended.', slot: errors,
      }),
    }) : null)));
  return section('Security', {}, parts);
}

export function apiTokensSection(account, context) {
  const path = apiPath`/accounts/${account.id}`;
  const errors = h('div', { class: 'section-errors' });
  const container = h('div', {});
  load(container, () => api('GET', `${path}/api-tokens`, { signal: context.signal }), ({ tokens }) => dataTable({
    caption: 'API tokens',
    columns: [
      { key: 'label', label: 'Label' },
      { key: 'created', label: 'Created', className: 'nowrap', render: (token) => formatTime(token.created, { dateOnly: true }) },
      { key: 'lastUsed', label: 'Last used', className: 'nowrap', render: (token) => formatTime(token.lastUsed, { dateOnly: true }) },
      { key: 'expires', label: 'Expires', className: 'nowrap', render: (token) => (token.expires ? formatTime(token.expires, { dateOnly: true }) : h('span', { class: 'muted' }, 'Never')) },
      { key: 'state', label: 'Status', render: (token) => (token.revoked ? badge('Revoked', 'neutral')
        : token.expires && new Date(token.expires) < new Date() ? badge('Expired', 'neutral') : badge('Active', 'success')) },
      { key: 'actions', label: 'Actions', className: 'actions', render: (token) => (token.revoked ? null : button('Revoke', {
        small: true, kind: 'danger-outline', 'data-focus-key': `token-${token.id}`, 'aria-label': `Revoke the token ${token.label}`,
        onclick: () => context.perform({
          confirm: {
            title: `Revoke the token "${token.label}"?`,
            body: ['Anything that uses this token to call the product APIs stops working at once. This cannot be undone: the user has to create a new token.'],
            confirmLabel: 'Revoke token', danger: true,
          },
          call: () => api('DELETE', `${path}/api-tokens/${encodeURIComponent(token.id)}`),
          success: `The token "${token.label}" is revoked.`, slot: errors,
        }),
      })) },
    ],
    rows: tokens,
    empty: emptyState('No API tokens.', 'The user has not created any token for the product APIs.'),
  }));
  return section('API tokens', { description: 'Tokens the user created to call the product APIs. Revoking one stops it at once.' }, errors, container);
}

// "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) … Firefox/128.0" → "Firefox on Linux".
function describeAgent(agent) {
  if (!agent) return 'Unknown device';
  const browser = [['Edg/', 'Edge'], ['Firefox/', 'Firefox'], ['Chrome/', 'Chrome'], ['Safari/', 'Safari']].find(([mark]) => agent.includes(mark))?.[1];
  const system = [['Windows', 'Windows'], ['Android', 'Android'], ['iPhone', 'iOS'], ['iPad', 'iPadOS'], ['Mac OS', 'macOS'], ['Linux', 'Linux']].find(([mark]) => agent.includes(mark))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? agent.slice(0, 40);
}

export function devicesSection(account, context) {
  const path = apiPath`/accounts/${account.id}`;
  const errors = h('div', { class: 'section-errors' });
  const container = h('div', {});
  load(container, () => api('GET', `${path}/devices`, { signal: context.signal }), ({ devices }) => dataTable({
    caption: 'Recently used devices',
    columns: [
      { key: 'device', label: 'Device', render: (device) => h('span', { title: device.userAgent ?? '' }, describeAgent(device.userAgent),
        h('span', { class: 'cell-secondary mono-inline' }, device.deviceId)) },
      { key: 'lastAddress', label: 'Last address', render: (device) => h('span', { class: 'mono-inline' }, device.lastAddress ?? '—') },
      { key: 'lastSignIn', label: 'Last sign-in', className: 'nowrap', render: (device) => formatTime(device.lastSignIn) },
      { key: 'signIns', label: 'Sign-ins', className: 'numeric', render: (device) => formatNumber(device.signIns) },
      { key: 'status', label: 'Status', render: (device) => (device.signedOutAt && new Date(device.signedOutAt) >= new Date(device.lastSignIn)
        ? h('span', {}, badge('Signed out', 'neutral'), ' ', formatTime(device.signedOutAt, { dateOnly: true }))
        : badge('Signed in', 'success')) },
      { key: 'actions', label: 'Actions', className: 'actions', render: (device) => button('Sign out', {
        small: true, kind: 'secondary', 'data-focus-key': `device-${device.id}`, 'aria-label': `Sign out ${describeAgent(device.userAgent)} (${device.deviceId})`,
        onclick: () => context.perform({
          confirm: {
            title: 'Sign out this device?',
            body: [`${describeAgent(device.userAgent)}, last used ${device.lastSignIn ? new Date(device.lastSignIn).toLocaleString() : 'at an unknown time'} from ${device.lastAddress ?? 'an unknown address'}: the login service ends its sessions, and the user has to log in again on it.`],
            confirmLabel: 'Sign out device',
          },
          call: () => api('POST', `${path}/devices/${encodeURIComponent(device.id)}/sign-out`),
          success: 'The device is signed out.', slot: errors,
        }),
      }) },
    ],
    rows: devices,
    empty: emptyState('No devices yet.', 'Devices appear when the user logs in to a product.'),
  }));
  return section('Recently used devices', {}, errors, container);
}

