// The account page's product access table (seeds/managed-account-edit.txt "To manage product
// access": the products it reaches on each site) and its groups.

import { h } from '../dom.js';
import { href, itemHref } from '../router.js';
import { section, dataTable, emptyState, badge } from '../ui.js';
import { syncedBadge, siteStatusBadge } from '../badges.js';

export function accessSection(account) {
  const memberships = account.siteMemberships ?? [];
  const table = dataTable({
    caption: 'Product access by site',
    columns: [
      { key: 'siteName', label: 'Site' },
      { key: 'status', label: 'Status on site', render: (row) => siteStatusBadge(row.status) },
      { key: 'products', label: 'Products', render: (row) => (row.products?.length
        ? h('span', { class: 'badges' }, row.products.map((product) => badge(product, 'neutral')))
        : h('span', { class: 'muted' }, 'No product')) },
      { key: 'manage', label: 'Manage', className: 'actions', render: (row) => h('a', {
        href: href('users', { site: row.site }),
        'aria-label': `Manage product access on ${row.siteName}`,
      }, 'Manage product access') },
    ],
    rows: memberships,
    empty: emptyState('Not on any site.', 'Invite the account to a site on the Users page to give it product access.',
      h('a', { class: 'button button-secondary', href: href('users') }, 'Go to Users')),
  });
  return section('Product access', { description: 'The products the account can use on each of your sites, directly or through a group.' }, table);
}

export function groupsSection(account) {
  const groups = account.groups ?? [];
  const list = groups.length
    ? h('ul', { class: 'plain-list' }, groups.map((group) => h('li', { class: 'plain-list-item' },
      h('a', { href: itemHref('groups', group.id) }, group.displayName),
      group.synced ? syncedBadge({ synced: true, syncedBy: group.syncedBy }) : badge('Admin-kept', 'neutral'))))
    : emptyState('Not in any group.', null);
  return section('Groups', {}, list);
}
