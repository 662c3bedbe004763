// The Users page (users-vs-managed-accounts.txt; docs/sites.md "The Users page"): site
// memberships only, an account's lifecycle is on Managed accounts. URL: ?status=&site=&page=.

import { api, orgPath, apiPath } from '../api.js';
import { setQuery, itemHref } from '../router.js';
import {
  h, replace, pageHeader, section, dataTable, pageNav, pageQuery, badge, field, form, errorBox, notice, announce, actionButton, button,
  emptyState, formatNumber, formatTime, load, actionsColumn, confirmButton, submitRow, pageNumber, stat, personCell, modal, muted,
} from '../ui.js';
import { loadSites, productsOf, productLabel, capitalized } from '../page-parts.js';
import { accountTypeBadge, siteStatusBadge } from '../badges.js';

const STATUSES = ['active', 'invited', 'suspended'];

export default {
  path: 'users',
  title: 'Users',
  render(main, params, query) {
    const state = {
      status: STATUSES.includes(query.get('status')) ? query.get('status') : '',
      site: query.get('site') ?? '',
      page: pageNumber(query),
    };
    const exportLink = h('a.button.button-secondary', { download: '' }, 'Export users');
    const counts = h('dl.stats.stats-4');
    const inviteArea = h('div');
    const filters = h('div.filter-bar');
    const list = h('div');
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

    const reload = () => {
      const { status, site, page } = state;
      setQuery({ status, site, page: page > 1 ? page : '' });
      exportLink.href = orgPath('/exports/site-users', { site });
      return load(list, () => api('GET', '/users', { query: { status, site, ...pageQuery(page) } }), (answer) => {
        drawCounts(counts, answer.counts);
        return [
          dataTable({
            caption: 'Users of the sites shown',
            rows: answer.users ?? [],
            empty: emptyState(status || site ? 'No user matches these filters.' : 'Nobody is on your sites yet.',
              status || site ? 'Change the status or the site above.' : 'Invite someone above: they appear here as invited.'),
            columns: [
              { label: 'User', render: (user) => personCell(user.accountId, user.displayName, user.email, accountTypeBadge(user)) },
              { label: 'Status', render: (user) => siteStatusBadge(user.status) },
              { label: 'Sites and product access', render: sitesCell },
              { label: 'Groups', render: groupsCell },
              { label: 'Last active on site', render: lastActive },
              actionsColumn((user) => button('Manage', {
                small: true, 'aria-label': `Manage ${user.displayName || user.email}`,
                onclick: () => userDialog(user, sites, groups, reload),
              })),
            ],
          }),
          pageNav({
            page, answer, label: 'Pages of users',
            onPage: (next) => { state.page = next; reload(); },
          }),
        ];
      }, 'Could not load the users');
    };

    load(filters, () => Promise.all([loadSites(), loadAdminGroups()]), (answers) => {
      [sites, groups] = answers;
      if (!sites.some((site) => site.id === state.site)) state.site = '';
      replace(inviteArea, sites.length ? inviteForm(sites, state, reload) :
        notice('No site yet: add one with the admin API (POST /sites), then invite people here.'));
      return filterBar(state, sites, reload);
    }, 'Could not load the sites').then(reload);
  },
};

// Admin-kept groups only: synced ones are their identity provider's to fill (docs/groups.md).
async function loadAdminGroups() {
  return (await api('GET', '/groups', { query: { count: 1000 } })).groups?.filter((group) => !group.synced) ?? [];
}

function drawCounts(container, counts = {}) {
  const total = STATUSES.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  replace(container,
    stat('Users', formatNumber(total)),
    STATUSES.map((status) => stat(capitalized(status), formatNumber(counts[status] ?? 0))));
}

function filterBar(state, sites, reload) {
  const filter = (name, label, options) => field({
    label, name, value: state[name], options,
    onchange: (event) => { state[name] = event.target.value; state.page = 1; reload(); },
  });
  return [
    filter('status', 'Status', [['', 'All statuses'], ...STATUSES.map((s) => [s, capitalized(s)])]),
    filter('site', 'Site', [['', 'All sites'], ...sites.map((s) => [s.id, s.name])]),
  ];
}

function inviteForm(sites, state, reload) {
  const site = field({
    label: 'Site', name: 'inviteSite', required: true, value: state.site || sites[0].id,
    options: sites.map((s) => [s.id, `${s.name} (${s.url})`]),
  });
  const who = field({
    label: 'Email address or account id', name: 'invitee', required: true, placeholder: 'jane@example.com',
  });
  return form({
    label: 'Invite a user',
    onSubmit: async () => {
      const value = who.text();
      if (!value) throw new Error('Type the email address or the account id of the person to invite.');
      const body = value.includes('@') ? { email: value } : { accountId: value };
      const user = await api('POST', apiPath`/sites/${site.control.value}/users`, { body });
      who.control.value = '';
      const siteName = sites.find((s) => s.id === site.control.value)?.name ?? 'the site';
      announce(`${user.email ?? value} is invited to ${siteName}.`);
      await reload();
    },
  }, site, who, submitRow('Invite'));
}

function productText(products) {
  if (!products?.length) return 'no product';
  return products.map((p) => productLabel(p.product)).join(', ');
}

function sitesCell(user) {
  const sites = user.sites ?? [];
  return h('ul.plain-list', sites.map((membership) =>
    h('li',
      h('span.site-name', membership.siteName), ' ',
      (membership.status !== user.status || sites.length > 1) && siteStatusBadge(membership.status),
      h('span.cell-secondary', productText(membership.products)))));
}

function groupsCell(user) {
  if (!user.groups?.length) return null;
  return h('span.badges', user.groups.map((group) =>
    badge(group.displayName, group.synced ? 'synced' : 'neutral', { title: group.synced ? 'Synced from a directory' : 'Admin-kept group' })));
}

function lastActive(user) {
  const times = (user.sites ?? []).map((m) => m.lastActiveOnSite).filter(Boolean).sort();
  return times.length ? formatTime(times.at(-1)) : muted('Never');
}

function userDialog(initial, sites, adminGroups, onClosed) {
  const user = structuredClone(initial);
  const body = h('div.dialog-body.manage-body');
  let changed = false;
  const dialog = modal(user.displayName || user.email, { class: 'dialog dialog-wide' }, (heading) => h('div.dialog-form',
    h('div.dialog-heading', heading, button('Close', { small: true, onclick: () => dialog.close() })),
    h('p.dialog-subtitle', user.email, ' · ', user.accountType === 'external' ? 'external user' : 'managed account'),
    body), () => changed && onClosed());

  const path = (membership, suffix = '') => apiPath`/sites/${membership.site}/users/${user.accountId}` + suffix;

  // Sends a change; update(answer) brings `user` up to date, then the dialog is drawn again.
  const run = async (errors, method, url, message, update) => {
    replace(errors);
    try {
      update(await api(method, url));
      changed = true;
      announce(message);
      draw();
    } catch (error) {
      if (error?.status === 401) dialog.close();
      else replace(errors, errorBox(error));
    }
  };

  // A change of the membership: the server answers its new state.
  const change = (errors, membership, method, suffix, message) => run(errors, method, path(membership, suffix), message,
    ({ status, products, lastActiveOnSite }) => Object.assign(membership, { status, products, lastActiveOnSite }));

  const siteSection = (membership) => {
    const errors = h('div');
    const { siteName } = membership;
    const offered = productsOf(sites, membership.site);
    const products = offered.map((product) => {
      const via = membership.products?.find((p) => p.product === product)?.via ?? [];
      const groupsGranting = via.filter((v) => v.type === 'group').map((v) => v.displayName);
      const id = `product-${membership.site}-${product}`;
      const checkbox = h('input', {
        type: 'checkbox', id, checked: via.some((v) => v.type === 'direct'),
        onchange: () => change(errors, membership, checkbox.checked ? 'PUT' : 'DELETE', apiPath`/products/${product}`,
          `${productLabel(product)} on ${siteName} ${checkbox.checked ? 'granted' : 'revoked'}.`),
      });
      return h('li.check', checkbox, h('label', { for: id }, productLabel(product)),
        groupsGranting.length > 0 && h('span.cell-secondary', ` also through ${groupsGranting.join(', ')}`));
    });
    return h('section.manage-site', { 'aria-label': `On ${siteName}` },
      h('div.manage-site-heading', h('h3', siteName), siteStatusBadge(membership.status)),
      h('p.cell-secondary', 'Invited ', formatTime(membership.invitedAt), membership.joinedAt && [' · joined ', formatTime(membership.joinedAt)]),
      errors,
      h('fieldset.fieldset',
        h('legend', 'Direct product access'),
        offered.length ? h('ul.check-list', products) : h('p.muted', 'The site offers no product.')),
      h('div.button-row',
        membership.status === 'suspended'
          ? actionButton('Restore', () => change(errors, membership, 'POST', '/restore', `${user.email} is restored on ${siteName}.`), { small: true })
          : confirmButton('Suspend', {
            title: `Suspend ${user.email} on ${siteName}?`,
            body: ['They can no longer use the products of this site. Their product access and group memberships remain as configured, so restoring gives everything back.'],
          }, errors, () => change(errors, membership, 'POST', '/suspend', `${user.email} is suspended on ${siteName}.`), { small: true }),
        confirmButton('Remove from site', {
          title: `Remove ${user.email} from ${siteName}?`,
          body: ['They lose their access to every product of this site and leave the admin-kept groups that grant products here. Their account itself and their other sites are untouched.',
            'To give them access again, invite them back: they start with no product access.'],
          confirmLabel: 'Remove', danger: true,
        }, errors, () => run(errors, 'DELETE', path(membership), `${user.email} is removed from ${siteName}.`, () => {
          user.sites = user.sites.filter((m) => m !== membership);
        }), { kind: 'danger-outline', small: true })));
  };

  const groupSection = () => {
    const errors = h('div');
    const groups = user.groups ?? [];
    const choices = adminGroups.filter((g) => !groups.some((mine) => mine.id === g.id));
    const membership = (group) => apiPath`/groups/${group.id}/members/${user.accountId}`;
    const choice = field({
      label: 'Add to group', name: 'group', options: choices.map((g) => [g.id, g.displayName]),
    });
    return h('section.manage-groups', { 'aria-label': 'Groups' },
      h('h3', 'Groups'),
      errors,
      groups.length
        ? h('ul.plain-list', groups.map((group) => h('li.manage-group',
          h('a', { href: itemHref('groups', group.id) }, group.displayName),
          group.synced
            ? badge('Synced', 'synced', { title: 'Its members are its identity provider’s' })
            : actionButton('Remove', () => run(errors, 'DELETE', membership(group), `${user.email} left ${group.displayName}.`, () => {
              user.groups = groups.filter((g) => g !== group);
            }), { small: true, 'aria-label': `Remove from ${group.displayName}` }))))
        : h('p.muted', 'In no group.'),
      choices.length ? h('div.form.form-inline', choice,
        h('div.form-actions', actionButton('Add', () => {
          const group = choices.find((g) => g.id === choice.control.value);
          return run(errors, 'PUT', membership(group), `${user.email} joined ${group.displayName}.`, () => {
            user.groups = [...groups, group].sort((a, b) => a.displayName.localeCompare(b.displayName));
          });
        }))) : null);
  };

  const draw = () => {
    const focused = document.activeElement?.id;
    replace(body,
      user.sites?.length ? user.sites.map(siteSection) : notice('No longer on any of the sites shown.'),
      groupSection());
    if (focused) document.getElementById(focused)?.focus();
  };
  draw();
}
