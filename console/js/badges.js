// Badges for an account's lifecycle and sync state, shared by the pages that list accounts.

import { badge } from './ui.js';
import { capitalized } from './page-parts.js';

const LIFECYCLE = {
  active: ['Active', 'success'],
  deactivated: ['Deactivated'],
  pending_deletion: ['Pending deletion', 'danger'],
  deleted: ['Deleted', 'danger'],
};

export function lifecycleBadge(account) {
  return badge(...LIFECYCLE[account.lifecycle] ?? [account.lifecycle ?? 'Unknown']);
}

const SITE_STATUS_TONE = { active: 'success', invited: 'info', suspended: 'warning' };

export function siteStatusBadge(status) {
  return badge(capitalized(status), SITE_STATUS_TONE[status]);
}

// "Synced · okta": the directory whose identity provider owns the account (or group).
export function syncedBadge(item) {
  if (!item.synced) return null;
  const name = item.syncedBy?.name;
  return badge(name ? `Synced · ${name}` : 'Synced', 'synced', {
    title: name ? `Provisioned by the directory "${name}": its identity provider owns the synced fields` : 'Provisioned by a directory',
  });
}

// A group's: synced (by which directory) or admin-kept.
export const kindBadge = (group) => syncedBadge(group) ?? badge('Admin-kept');

export function accountTypeBadge(account) {
  return account.accountType === 'external' ? badge('External user', 'warning') : badge('Managed', 'info');
}
