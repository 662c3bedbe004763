// The account page's product access (seeds/managed-account-edit.txt) and groups.

import { href, itemHref } from '../router.js';
import { h, section, dataTable, emptyState, badge } from '../ui.js';
import { kindBadge, siteStatusBadge } from '../badges.js';

export function accessSection(account) {
  const memberships = account.siteMemberships ?? [];
  const table = dataTable({
    caption: 'Product access by site',
    columns: [
      { key: 'siteName', label: 'Site' },
      { label: 'Status on site', render: (row) => siteStatusBadge(row.status) },
      { label: 'Products', render: (row) => (row.products?.length
        ? h('span.badges', row.products.map((product) => badge(product)))
        : h('span.muted', 'No product')) },
      { label: 'Manage', className: 'actions', render: (row) => h('a', {
        href: href('users', { site: row.site }),
        'aria-label': `Manage product access on ${row.siteName}`,
      }, 'Manage product access') },
    ],
    rows: memberships,
    empty: emptyState('Not on any site.', 'Invite the account to a site on the Users page to give it product access.',
      h('a.button.button-secondary', { href: href('users') }, 'Go to Users')),
  });
  return section('Product access', { description: 'The products the account can use on each of your sites, directly or through a group.' }, table);
}

export function groupsSection(account) {
  const groups = account.groups ?? [];
  const list = groups.length
    ? h('ul.plain-list', groups.map((group) => h('li.plain-list-item',
      h('a', { href: itemHref('groups', group.id) }, group.displayName),
      kindBadge(group))))
    : emptyState('Not in any group.', null);
  return section('Groups', {}, list);
}
