// One group (docs/admin-api.md "Groups"). A synced group's name, members and existence are its
// identity provider's (the sync lock, docs/groups.md).

import { api, apiPath } from '../api.js';
import { href, navigate, setQuery } from '../router.js';
import {
  h, replace, pageHeader, section, dataTable, pageNav, pageQuery, badge, field, form, button, actionButton, emptyState, announce,
  notice, formatTime, formatNumber, load, actionsColumn, attempt, confirmButton, submitRow, pageNumber, personCell, muted,
} from '../ui.js';
import { loadSites, productsOf, productLabel, retitle } from '../page-parts.js';
import { searchFilter } from './accounts.js';
import { accountTypeBadge, kindBadge } from '../badges.js';

export default {
  path: 'groups/:id',
  nav: 'groups',
  title: 'Group',
  render(main, params, query) {
    const groupPath = apiPath`/groups/${params.id}`;
    const back = { href: href('groups'), label: 'Groups' };
    const header = h('div', pageHeader('Group', { back }));
    const body = h('div.stack');
    main.append(header, body);
    let memberPage = pageNumber(query);

    const drawAll = () => load(body, () => Promise.all([api('GET', groupPath), loadSites()]), ([group, sites]) => {
      const { synced, displayName } = group;
      const directory = `the directory “${group.syncedBy?.name}”`;
      retitle(header, pageHeader(displayName, {
        back,
        description: group.description || null,
        actions: h('span.badges', kindBadge(group), badge(`${formatNumber(group.memberCount)} members`)),
      }));
      const members = h('div');
      const memberErrors = h('div');
      const drawMembers = () => {
        setQuery({ page: memberPage > 1 ? memberPage : '' }, { replace: true });
        return load(members, () => api('GET', `${groupPath}/members`, { query: pageQuery(memberPage) }), (answer) => [
          dataTable({
            caption: `Members of ${displayName}`,
            rows: answer.members ?? [],
            empty: emptyState('No member yet.', synced ? 'The identity provider has pushed no member.' : 'Add someone with the search above.'),
            columns: [
              { label: 'Member', render: (m) => personCell(m.id, m.displayName, m.email) },
              { label: 'Account', render: accountTypeBadge },
              !synced && actionsColumn((m) => actionButton('Remove', () => attempt(memberErrors, async () => {
                await api('DELETE', `${groupPath}/members/${encodeURIComponent(m.id)}`);
                announce(`${m.email} is no longer a member of ${displayName}.`);
                await drawMembers();
              }), { small: true, 'aria-label': `Remove ${m.email}` })),
            ].filter(Boolean),
          }),
          pageNav({
            page: memberPage, answer, label: 'Pages of members',
            onPage: (page) => { memberPage = page; drawMembers(); },
          }),
        ], 'Could not load the members');
      };
      drawMembers();
      return [
        synced && notice(`Pushed by ${directory}: its name and members are the identity provider’s; its description and product access are yours.`, 'Synced group'),
        detailsSection(group, synced && `Managed by ${directory}: change it in the identity provider.`, drawAll),
        section('Members', { description: !synced && 'Members get the group’s products on the sites they are on.' },
          !synced && addMemberForm(groupPath, drawMembers), memberErrors, members),
        grantsSection(group, sites, groupPath, drawAll),
        !synced && deleteSection(group, groupPath),
      ];
    }, 'Could not load this group');
    drawAll();
  },
};

function detailsSection(group, locked, redraw) {
  const name = field({ label: 'Name', name: 'displayName', value: group.displayName, required: true, locked, maxlength: 255 });
  const description = field({ label: 'Description', name: 'description', value: group.description ?? '' });
  const details = form({
    label: 'Group details', className: 'form-grid',
    onSubmit: async () => {
      const body = { description: description.text() || null };
      if (!group.synced) body.displayName = name.text();
      await api('PATCH', apiPath`/groups/${group.id}`, { body });
      announce('The group is saved.');
      await redraw();
    },
  }, name, description, submitRow('Save'));
  return section('Details', {}, details,
    h('p.cell-secondary', 'Created ', formatTime(group.created), ' · changed ', formatTime(group.lastModified)));
}

function addMemberForm(groupPath, redrawMembers) {
  const results = h('div.search-results', { 'aria-live': 'polite' });
  const addErrors = h('div');
  const term = field({ label: 'Find an account by email or name', name: 'member', type: 'search' });
  const search = form({
    label: 'Add a member',
    onSubmit: async () => {
      const value = term.text();
      if (!value) { replace(results); return; }
      const { accounts = [] } = await api('GET', '/managed-accounts', { query: { filter: searchFilter(value), count: 8 } });
      replace(results, accounts.length ? h('ul.result-list', { 'aria-label': 'Accounts found' }, accounts.map((account) =>
        h('li',
          h('span', h('span.cell-primary', account.displayName || account.email), ' ', h('span.cell-secondary', account.email)),
          actionButton('Add', () => attempt(addErrors, async () => {
            await api('PUT', `${groupPath}/members/${encodeURIComponent(account.id)}`);
            announce(`${account.email} is now a member.`);
            replace(results);
            term.control.value = '';
            await redrawMembers();
          }), { small: true, kind: 'primary', 'aria-label': `Add ${account.email}` }))))
        : muted(`No managed account matches “${value}”.`));
    },
  }, term, h('div.form-actions', button('Search', { type: 'submit' })));
  return h('div.add-member', addErrors, search, results);
}

function grantsSection(group, sites, groupPath, redraw) {
  const errors = h('div');
  const grantPath = (siteId, product) => apiPath`/groups/${group.id}/sites/${siteId}/products/${product}`;
  const table = dataTable({
    caption: 'Product access the group grants',
    rows: group.productGrants ?? [],
    empty: emptyState('The group grants no product.', sites.length ? 'Grant one below.' : null),
    columns: [
      { label: 'Product', render: (g) => productLabel(g.product) },
      { label: 'Site', render: (g) => g.site?.name ?? g.site?.id },
      { label: 'Granted', render: (g) => formatTime(g.grantedAt) },
      actionsColumn((g) => confirmButton('Revoke', {
        title: `Revoke ${productLabel(g.product)} on ${g.site?.name}?`,
        body: [`The members of ${group.displayName} lose ${productLabel(g.product)} on ${g.site?.name}, unless they have it directly or through another group.`],
        danger: true,
      }, errors, async () => {
        await api('DELETE', grantPath(g.site.id, g.product));
        announce(`${productLabel(g.product)} on ${g.site?.name} is revoked.`);
        await redraw();
      }, { small: true, kind: 'danger-outline', 'aria-label': `Revoke ${g.product} on ${g.site?.name}` })),
    ],
  });
  let grantForm = null;
  if (sites.length) {
    const site = field({ label: 'Site', name: 'grantSite', options: sites.map((s) => [s.id, s.name]) });
    const product = field({ label: 'Product', name: 'grantProduct', options: [] });
    const fillProducts = () => replace(product.control, productsOf(sites, site.control.value)
      .map((p) => h('option', { value: p }, productLabel(p))));
    site.control.addEventListener('change', fillProducts);
    fillProducts();
    grantForm = form({
      label: 'Grant a product',
      onSubmit: async () => {
        if (!product.control.value) throw new Error('This site offers no product.');
        await api('PUT', grantPath(site.control.value, product.control.value));
        announce(`${productLabel(product.control.value)} is granted.`);
        await redraw();
      },
    }, site, product, submitRow('Grant'));
  }
  return section('Product access', { description: 'Members reach these products on a site while they are users of that site.' },
    errors, table, grantForm);
}

function deleteSection(group, groupPath) {
  const errors = h('div');
  const grants = (group.productGrants ?? []).map((g) => `${productLabel(g.product)} on ${g.site?.name}`);
  return section('Delete the group', { className: 'panel-danger' },
    h('p', 'Its memberships and product grants go with it; the accounts stay.'),
    errors,
    confirmButton('Delete group', {
      title: `Delete the group “${group.displayName}”?`,
      body: [`Its ${formatNumber(group.memberCount)} members stay, but leave the group${grants.length ? ` and lose what it grants: ${grants.join(', ')}` : ''}, unless they have it another way.`,
        'This cannot be undone.'],
      danger: true,
    }, errors, async () => {
      await api('DELETE', groupPath);
      announce(`The group ${group.displayName} is deleted.`);
      navigate(href('groups'));
    }, { kind: 'danger' }));
}
