// The account page's security options (seeds/users-vs-managed-accounts.txt,
// managed-account-edit.txt): two-step verification, API tokens, recently used devices.

import { api } from '../api.js';
import { h, section, field, form, details, button, badge, formatTime, formatDate, dataTable, emptyState, load, formatNumber, muted, actionsColumn } from '../ui.js';

export function securitySection(account, context) {
  const errors = h('div.section-errors');
  const twoStep = account.twoStepVerification ?? {};
  const excluded = twoStep.excludedUntil && new Date(twoStep.excludedUntil) > new Date();
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
  const until = field({
    label: 'Exclude from two-step verification until', name: 'until', type: 'date', min: tomorrow, required: true,
    hint: 'If your organization enforces two-step verification, the account can log in without a second step until this date (midnight UTC).',
  });
  return section('Security', {}, errors, details([
    ['Two-step verification', twoStep.enrolled ? badge('Enrolled', 'success') : badge('Not enrolled')],
    ['Excluded until', excluded ? formatTime(twoStep.excludedUntil) : muted('Not excluded')],
    ['Password', account.passwordResetRequired ? badge('Reset required at next login', 'warning') : muted('No reset required')],
  ]), form({
    label: 'Exclude from two-step verification',
    onSubmit: () => {
      const date = until.control.value;
      if (!date) throw new Error('Choose the date the exclusion ends.');
      // The seed: "temporarily exclude a user from being required to log in with a second step".
      return context.perform({
        confirm: {
          title: `Exclude ${account.displayName || account.email} from two-step verification until ${date}?`,
          body: [`They are temporarily excluded from being required to log in with a second step until ${date} (midnight UTC); then the requirement applies again.`],
          confirmLabel: 'Exclude from two-step verification',
        },
        request: ['POST', '/two-step-exclusion', { until: `${date}T00:00:00Z` }],
        success: `The account is excluded from two-step verification until ${date}.`, slot: errors,
      });
    },
  }, until, h('div.form-actions',
    button(excluded ? 'Change the exclusion' : 'Exclude from two-step verification', { type: 'submit', 'data-focus-key': 'two-step-exclude' }),
    excluded && context.button('End the exclusion', 'two-step-end', { kind: 'danger-outline' }, {
      confirm: { title: 'End the exclusion?', body: ['If your organization enforces two-step verification, the account needs its second step again at its next login.'], confirmLabel: 'End the exclusion' },
      request: ['POST', '/two-step-exclusion', { until: null }],
      success: 'The two-step verification exclusion is ended.', slot: errors,
    }))));
}

// A section listing the `key` of GET <account>/<list> in a table; its actions' errors above it.
function listSection(title, context, list, key, table, description) {
  const errors = h('div.section-errors');
  const container = h('div');
  load(container, () => api('GET', `${context.path}/${list}`), (answer) => dataTable({ rows: answer[key], ...table(errors) }));
  return section(title, { description }, errors, container);
}

export function apiTokensSection(account, context) {
  return listSection('API tokens', context, 'api-tokens', 'tokens', (errors) => ({
    caption: 'API tokens',
    columns: [
      { key: 'label', label: 'Label' },
      { label: 'Created', className: 'nowrap', render: (token) => formatDate(token.created) },
      { label: 'Last used', className: 'nowrap', render: (token) => formatDate(token.lastUsed) },
      { label: 'Expires', className: 'nowrap', render: (token) => (token.expires ? formatDate(token.expires) : muted('Never')) },
      { label: 'Status', render: (token) => (token.revoked ? badge('Revoked')
        : token.expires && new Date(token.expires) < new Date() ? badge('Expired') : badge('Active', 'success')) },
      actionsColumn((token) => !token.revoked && context.button('Revoke', `token-${token.id}`, {
        small: true, kind: 'danger-outline', 'aria-label': `Revoke the token ${token.label}`,
      }, {
        confirm: {
          title: `Revoke the token "${token.label}"?`,
          body: ['Anything that uses this token to call the product APIs stops working at once. This cannot be undone: the user has to create a new token.'],
          confirmLabel: 'Revoke token', danger: true,
        },
        request: ['DELETE', `/api-tokens/${encodeURIComponent(token.id)}`],
        success: `The token "${token.label}" is revoked.`, slot: errors,
      })),
    ],
    empty: emptyState('No API tokens.', 'The user has not created any token for the product APIs.'),
  }), 'Tokens the user created to call the product APIs. Revoking one stops it at once.');
}

// "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) … Firefox/128.0" → "Firefox on Linux".
function describeAgent(agent) {
  if (!agent) return 'Unknown device';
  const named = (...pairs) => pairs.find(([mark]) => agent.includes(mark))?.[1];
  const browser = named(['Edg/', 'Edge'], ['Firefox/', 'Firefox'], ['Chrome/', 'Chrome'], ['Safari/', 'Safari']);
  const system = named(['Windows', 'Windows'], ['Android', 'Android'], ['iPhone', 'iOS'], ['iPad', 'iPadOS'], ['Mac OS', 'macOS'], ['Linux', 'Linux']);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? agent.slice(0, 40);
}

export function devicesSection(account, context) {
  return listSection('Recently used devices', context, 'devices', 'devices', (errors) => ({
    caption: 'Recently used devices',
    columns: [
      { label: 'Device', render: (device) => h('span', { title: device.userAgent ?? '' }, describeAgent(device.userAgent),
        h('span.cell-secondary.mono-inline', device.deviceId)) },
      { label: 'Last address', render: (device) => h('span.mono-inline', device.lastAddress ?? '—') },
      { label: 'Last sign-in', className: 'nowrap', render: (device) => formatTime(device.lastSignIn) },
      { label: 'Sign-ins', className: 'numeric', render: (device) => formatNumber(device.signIns) },
      { label: 'Status', render: (device) => (device.signedOutAt && new Date(device.signedOutAt) >= new Date(device.lastSignIn)
        ? h('span', badge('Signed out'), ' ', formatDate(device.signedOutAt))
        : badge('Signed in', 'success')) },
      actionsColumn((device) => context.button('Sign out', `device-${device.id}`, {
        small: true, 'aria-label': `Sign out ${describeAgent(device.userAgent)} (${device.deviceId})`,
      }, {
        confirm: {
          title: 'Sign out this device?',
          body: [`${describeAgent(device.userAgent)}, last used ${device.lastSignIn ? new Date(device.lastSignIn).toLocaleString() : 'at an unknown time'} from ${device.lastAddress ?? 'an unknown address'}: the login service ends its sessions, and the user has to log in again on it.`],
          confirmLabel: 'Sign out device',
        },
        request: ['POST', `/devices/${encodeURIComponent(device.id)}/sign-out`],
        success: 'The device is signed out.', slot: errors,
      })),
    ],
    empty: emptyState('No devices yet.', 'Devices appear when the user logs in to a product.'),
  }));
}
