// The Users page (users-vs-managed-accounts.txt; docs/sites.md "The Users page"): everyone on the
// organization's sites; invite, suspend, restore, remove, products per site, admin-kept groups,
// export. Memberships only: an account's lifecycle is on Managed accounts.
// State in the URL: ?status=&site=&page=.

import { h, replace } from '../dom.js';
import { api, orgPath, apiPath } from '../api.js';
import { href, setQuery, itemHref } from '../router.js';
import {
  pageHeader, section, dataTable, pageNav, pageQuery, badge, field, form, errorBox, notice, announce, actionButton, button,
  loading, emptyState, formatNumber, formatTime, isQuiet, confirmButton, submitRow, pageNumber, stat, personCell,
} from '../ui.js';
import { loadSites, productsOf, productLabel } from '../page-parts.js';
import { accountTypeBadge, siteStatusBadge } from '../badges.js';

const PAGE_SIZE = 50;
const STATUSES = ['active', 'invited', 'suspended'];

const capitalized = (word) => word.charAt(0).toUpperCase() + word.slice(1);


export default {
  path: 'users',
  title: 'Users',
  render(main, params, query, { signal }) {
    const state = {
      status: STATUSES.includes(query.get('status')) ? query.get('status') : '',
      site: query.get('site') ?? '',
      page: pageNumber(query),
    };
    const exportLink = h('a', { class: 'button button-secondary', download: '' }, 'Export users');
    const counts = h('div', { class: 'stats stats-4' });
    const inviteArea = h('div');
    const filters = h('div', { class: 'filter-bar' });
    const list = h('div', {}, loading());
    main.append(
      pageHeader('Users', {
        description: 'Everyone on your sites, managed or external: their access, products and groups. Account lifecycles are on Managed accounts.',
        actions: exportLink,
      }),
      counts,
      section('Invite a user', { description: 'By email address or account id; the invitation is mailed.' }, inviteArea),
      section('Site users', {}, filters, list));

    let sites = [];
    let groups = [];

    const reload = async () => {
      setQuery({ status: state.status, site: state.site, page: state.page > 1 ? state.page : '' });
      exportLink.href = orgPath('/exports/site-users', { site: state.site });
      replace(list, loading());
      try {
        const answer = await api('GET', '/users', {
          signal,
          query: { status: state.status, site: state.site, ...pageQuery(state.page, PAGE_SIZE) },
        });
        drawCounts(counts, answer.counts);
        replace(list, drawList(answer));
      } catch (error) {
        if (!isQuiet(error)) replace(list, errorBox(error, { title: 'Could not load the users' }));
      }
    };

    const drawList = (answer) => {
      const rows = answer.users ?? [];
      const table = dataTable({
        caption: 'Users of the sites shown',
        rows,
        empty: emptyState(state.status || state.site ? 'No user matches these filters.' : 'Nobody is on your sites yet.',
          state.status || state.site ? 'Change the status or the site above.' : 'Invite someone above: they appear here as invited.'),
        columns: [
          { key: 'user', label: 'User', render: (user) => personCell(user.accountId, user.displayName, user.email, accountTypeBadge(user)) },
          { key: 'status', label: 'Status', render: (user) => siteStatusBadge(user.status) },
          { key: 'sites', label: 'Sites and product access', render: (user) => sitesCell(user) },
          { key: 'groups', label: 'Groups', render: (user) => groupsCell(user) },
          { key: 'lastActive', label: 'Last active on site', render: (user) => lastActive(user) },
          {
            key: 'actions', label: 'Actions', className: 'actions',
            render: (user) => button('Manage', {
              small: true, 'aria-label': `Manage ${user.displayName || user.email}`,
              onclick: () => manageUser(user),
            }),
          },
        ],
      });
      return [
        table,
        pageNav({
          page: state.page, size: PAGE_SIZE, answer, label: 'Pages of users',
          onPage: (page) => { state.page = page; reload(); },
        }),
      ];
    };

    const manageUser = (user) => {
      const dialog = userDialog(user, sites, groups, () => reload());
      document.body.append(dialog);
      dialog.showModal();
    };

    (async () => {
      try {
        [sites, groups] = await Promise.all([loadSites(signal), loadAdminGroups(signal)]);
      } catch (error) {
        if (!isQuiet(error)) replace(list, errorBox(error, { title: 'Could not load the sites' }));
        return;
      }
      if (state.site && !sites.some((site) => site.id === state.site)) state.site = '';
      replace(filters, filterBar(state, sites, reload));
      replace(inviteArea, sites.length ? inviteForm(sites, state, reload) :
        notice('No site yet: add one with the admin API (POST /sites), then invite people here.'));
      await reload();
    })();
  },
};

// Admin-kept groups only: synced ones are their identity provider's to fill (docs/groups.md).
async function loadAdminGroups(signal) {
  const answer = await api('GET', '/groups', { signal, query: { count: 1000 } });
  return (answer.groups ?? []).filter((group) => !group.synced);
}

function drawCounts(container, counts = {}) {
  const total = STATUSES.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  replace(container,
    stat('Users', formatNumber(total)),
    ...STATUSES.map((status) => stat(capitalized(status), formatNumber(counts[status] ?? 0))));
}

function filterBar(state, sites, reload) {
  const status = field({
    label: 'Status', name: 'status', kind: 'select', value: state.status,
    options: [{ value: '', label: 'All statuses' }, ...STATUSES.map((s) => ({ value: s, label: capitalized(s) }))],
  });
  const site = field({
    label: 'Site', name: 'site', kind: 'select', value: state.site,
    options: [{ value: '', label: 'All sites' }, ...sites.map((s) => ({ value: s.id, label: s.name }))],
  });
  status.control.addEventListener('change', () => { state.status = status.control.value; state.page = 1; reload(); });
  site.control.addEventListener('change', () => { state.site = site.control.value; state.page = 1; reload(); });
  return [status, site];
}

function inviteForm(sites, state, reload) {
  const site = field({
    label: 'Site', name: 'inviteSite', kind: 'select', required: true, value: state.site || sites[0].id,
    options: sites.map((s) => ({ value: s.id, label: `${s.name} (${s.url})` })),
  });
  const who = field({
    label: 'Email address or account id', name: 'invitee', required: true, autocomplete: 'off',
    placeholder: 'jane@example.com',
  });
  const invite = form({
    label: 'Invite a user',
    className: 'form form-inline',
    onSubmit: async () => {
      const value = who.control.value.trim();
      if (!value) throw new Error('Type the email address or the account id of the person to invite.');
      const body = value.includes('@') ? { email: value } : { accountId: value };
      const user = await api('POST', apiPath`/sites/${site.control.value}/users`, { body });
      who.control.value = '';
      const siteName = sites.find((s) => s.id === site.control.value)?.name ?? 'the site';
      announce(`${user.email ?? value} is invited to ${siteName}.`);
      await reload();
    },
  }, site, who, submitRow('Invite'));
  return invite;
}


function productText(products) {
  if (!products?.length) return 'no product';
  return products.map((p) => productLabel(p.product)).join(', ');
}

function sitesCell(user) {
  return h('ul', { class: 'plain-list' }, (user.sites ?? []).map((membership) =>
    h('li', {},
      h('span', { class: 'site-name' }, membership.siteName), ' ',
      membership.status !== user.status || (user.sites ?? []).length > 1 ? siteStatusBadge(membership.status) : null,
      h('span', { class: 'cell-secondary' }, productText(membership.products)))));
}

function groupsCell(user) {
  if (!user.groups?.length) return null;
  return h('span', { class: 'badges' }, user.groups.map((group) =>
    badge(group.displayName, group.synced ? 'synced' : 'neutral', { title: group.synced ? 'Synced from a directory' : 'Admin-kept group' })));
}

function lastActive(user) {
  const times = (user.sites ?? []).map((m) => m.lastActiveOnSite).filter(Boolean).sort();
  return times.length ? formatTime(times[times.length - 1]) : h('span', { class: 'muted' }, 'Never');
}

// ---- the management dialog ----------------------------------------------------------------

function userDialog(initial, sites, adminGroups, onClosed) {
  const user = structuredClone(initial);
  const titleId = `manage-${user.accountId}`;
  const body = h('div', { class: 'dialog-body manage-body' });
  const returnFocus = document.activeElement;
  let changed = false;
  const dialog = h('dialog', { class: 'dialog dialog-wide', 'aria-labelledby': titleId },
    h('div', { class: 'dialog-form' },
      h('div', { class: 'dialog-heading' },
        h('h2', { id: titleId, class: 'dialog-title' }, user.displayName || user.email),
        button('Close', { small: true, onclick: () => dialog.close() })),
      h('p', { class: 'dialog-subtitle' }, user.email, ' · ', user.accountType === 'external' ? 'external user' : 'managed account'),
      body));
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus();
    if (changed) onClosed();
  });

  const path = (membership, suffix = '') => apiPath`/sites/${membership.site}/users/${user.accountId}` + suffix;

  const run = async (errors, change) => {
    replace(errors);
    try {
      await change();
      changed = true;
      draw();
    } catch (error) {
      if (error?.status === 401) dialog.close();
      else replace(errors, errorBox(error));
    }
  };

  const update = (membership, answer) => {
    membership.status = answer.status;
    membership.products = answer.products;
    membership.lastActiveOnSite = answer.lastActiveOnSite;
  };

  const siteSection = (membership) => {
    const errors = h('div');
    const offered = productsOf(sites, membership.site);
    const direct = new Set((membership.products ?? []).filter((p) => p.via.some((v) => v.type === 'direct')).map((p) => p.product));
    const viaGroups = new Map((membership.products ?? []).map((p) => [p.product, p.via.filter((v) => v.type === 'group').map((v) => v.displayName)]));
    const products = offered.map((product) => {
      const groupsGranting = viaGroups.get(product) ?? [];
      const id = `product-${membership.site}-${product}`;
      const checkbox = h('input', {
        type: 'checkbox', id, checked: direct.has(product),
        onchange: () => run(errors, async () => {
          const answer = await api(checkbox.checked ? 'PUT' : 'DELETE', path(membership, apiPath`/products/${product}`));
          update(membership, answer);
          announce(`${productLabel(product)} on ${membership.siteName} ${checkbox.checked ? 'granted' : 'revoked'}.`);
        }),
      });
      return h('li', { class: 'check' }, checkbox, h('label', { for: id }, productLabel(product)),
        groupsGranting.length ? h('span', { class: 'cell-secondary' }, ` also through ${groupsGranting.join(', ')}`) : null);
    });
    const suspended = membership.status === 'suspended';
    return h('section', { class: 'manage-site', 'aria-label': `On ${membership.siteName}` },
      h('div', { class: 'manage-site-heading' },
        h('h3', {}, membership.siteName), siteStatusBadge(membership.status)),
      h('p', { class: 'cell-secondary' }, 'Invited ', formatTime(membership.invitedAt), membership.joinedAt ? [' · joined ', formatTime(membership.joinedAt)] : null),
      errors,
      h('fieldset', { class: 'fieldset' },
        h('legend', {}, 'Direct product access'),
        offered.length ? h('ul', { class: 'check-list' }, products) : h('p', { class: 'muted' }, 'The site offers no product.')),
      h('div', { class: 'button-row' },
        suspended
          ? actionButton('Restore', () => run(errors, async () => {
            update(membership, await api('POST', path(membership, '/restore')));
            announce(`${user.email} is restored on ${membership.siteName}.`);
          }), { small: true })
          : confirmButton('Suspend', {
            title: `Suspend ${user.email} on ${membership.siteName}?`,
            body: ['They can no longer use the products of this site. Their product access and group memberships remain as configured, so restoring gives everything back.'],
          }, errors, () => run(errors, async () => {
            update(membership, await api('POST', path(membership, '/suspend')));
            announce(`${user.email} is suspended on ${membership.siteName}.`);
          }), { small: true }),
        confirmButton('Remove from site', {
          title: `Remove ${user.email} from ${membership.siteName}?`,
          body: ['They lose their access to every product of this site and leave the admin-kept groups that grant products here. Their account itself and their other sites are untouched.',
            'To give them access again, invite them back: they start with no product access.'],
          confirmLabel: 'Remove', danger: true,
        }, errors, () => run(errors, async () => {
          await api('DELETE', path(membership));
          user.sites = user.sites.filter((m) => m !== membership);
          announce(`${user.email} is removed from ${membership.siteName}.`);
        }), { kind: 'danger-outline', small: true })));
  };

  const groupSection = () => {
    const errors = h('div');
    const inGroup = new Set((user.groups ?? []).map((g) => g.id));
    const choices = adminGroups.filter((g) => !inGroup.has(g.id));
    const choice = field({
      label: 'Add to group', name: 'group', kind: 'select',
      options: choices.map((g) => ({ value: g.id, label: g.displayName })),
    });
    return h('section', { class: 'manage-groups', 'aria-label': 'Groups' },
      h('h3', {}, 'Groups'),
      errors,
      user.groups?.length
        ? h('ul', { class: 'plain-list' }, user.groups.map((group) => h('li', { class: 'manage-group' },
          h('a', { href: itemHref('groups', group.id) }, group.displayName),
          group.synced
            ? badge('Synced', 'synced', { title: 'Its members are its identity provider’s' })
            : actionButton('Remove', () => run(errors, async () => {
              await api('DELETE', apiPath`/groups/${group.id}/members/${user.accountId}`);
              user.groups = user.groups.filter((g) => g.id !== group.id);
              announce(`${user.email} left ${group.displayName}.`);
            }), { small: true, 'aria-label': `Remove from ${group.displayName}` }))))
        : h('p', { class: 'muted' }, 'In no group.'),
      choices.length ? h('div', { class: 'form-inline' }, choice,
        h('div', { class: 'form-actions' }, actionButton('Add', () => run(errors, async () => {
          const group = choices.find((g) => g.id === choice.control.value);
          await api('PUT', apiPath`/groups/${group.id}/members/${user.accountId}`);
          user.groups = [...(user.groups ?? []), { id: group.id, displayName: group.displayName, synced: false }]
            .sort((a, b) => a.displayName.localeCompare(b.displayName));
          announce(`${user.email} joined ${group.displayName}.`);
        })))) : null);
  };

  const draw = () => {
    const focused = document.activeElement?.id;
    replace(body,
      user.sites?.length ? user.sites.map(siteSection) : notice('No longer on any of the sites shown.'),
      groupSection());
    if (focused) document.getElementById(focused)?.focus();
  };
  draw();
  return dialog;
}
