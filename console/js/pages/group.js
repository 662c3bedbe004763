// One group (docs/admin-api.md "Groups"): details, members, product grants, deletion. A synced
// group's name, members and existence are its identity provider's (the sync lock, docs/groups.md).

import { h, replace } from '../dom.js';
import { api, apiPath } from '../api.js';
import { href, navigate, setQuery } from '../router.js';
import {
  pageHeader, section, dataTable, pageNav, pageQuery, badge, field, form, button, actionButton, errorBox, loading, emptyState,
  announce, notice, formatTime, formatNumber, isQuiet, attempt, confirmButton, submitRow, pageNumber, personCell,
} from '../ui.js';
import { loadSites, productsOf, productLabel, retitle } from '../page-parts.js';
import { kindBadge } from './groups.js';
import { searchFilter } from './accounts.js';
import { accountTypeBadge } from '../badges.js';

const PAGE_SIZE = 50;

export default {
  path: 'groups/:id',
  nav: 'groups',
  title: 'Group',
  render(main, params, query, { signal }) {
    const groupPath = apiPath`/groups/${params.id}`;
    const header = h('div', {}, pageHeader('Group', { back: { href: href('groups'), label: 'Groups' } }));
    const body = h('div', { class: 'stack' }, loading());
    main.append(header, body);
    let memberPage = pageNumber(query);

    const drawAll = async () => {
      let group;
      let sites;
      try {
        [group, sites] = await Promise.all([api('GET', groupPath, { signal }), loadSites(signal)]);
      } catch (error) {
        if (!isQuiet(error)) replace(body, errorBox(error, { title: 'Could not load this group' }));
        return;
      }
      const locked = group.synced ? `Managed by the directory “${group.syncedBy?.name}”: change it in the identity provider.` : null;
      retitle(header, pageHeader(group.displayName, {
        back: { href: href('groups'), label: 'Groups' },
        description: group.description || null,
        actions: h('span', { class: 'badges' }, kindBadge(group), badge(`${formatNumber(group.memberCount)} members`, 'neutral')),
      }));
      const members = h('div', {}, loading());
      const memberErrors = h('div');
      replace(body,
        group.synced ? notice(`Pushed by the directory “${group.syncedBy?.name}”: its name and members are the identity provider’s; its description and product access are yours.`, { title: 'Synced group' }) : null,
        detailsSection(group, locked, drawAll),
        section('Members', { description: group.synced ? null : 'Members get the group’s products on the sites they are on.' },
          group.synced ? null : addMemberForm(groupPath, () => drawMembers()), memberErrors, members),
        grantsSection(group, sites, groupPath, drawAll),
        group.synced ? null : deleteSection(group, groupPath));

      const drawMembers = async () => {
        setQuery({ page: memberPage > 1 ? memberPage : '' }, { replace: true });
        try {
          const answer = await api('GET', `${groupPath}/members`, {
            signal, query: pageQuery(memberPage, PAGE_SIZE),
          });
          const rows = answer.members ?? [];
          replace(members,
            dataTable({
              caption: `Members of ${group.displayName}`,
              rows,
              empty: emptyState('No member yet.', group.synced ? 'The identity provider has pushed no member.' : 'Add someone with the search above.'),
              columns: [
                { key: 'member', label: 'Member', render: (m) => personCell(m.id, m.displayName, m.email) },
                { key: 'accountType', label: 'Account', render: accountTypeBadge },
                group.synced ? null : {
                  key: 'actions', label: 'Actions', className: 'actions',
                  render: (m) => actionButton('Remove', () => attempt(memberErrors, async () => {
                    await api('DELETE', apiPath`/groups/${group.id}/members/${m.id}`);
                    announce(`${m.email} is no longer a member of ${group.displayName}.`);
                    await drawMembers();
                  }), { small: true, 'aria-label': `Remove ${m.email}` }),
                },
              ].filter(Boolean),
            }),
            pageNav({
              page: memberPage, size: PAGE_SIZE, answer, label: 'Pages of members',
              onPage: (page) => { memberPage = page; drawMembers(); },
            }));
        } catch (error) {
          if (!isQuiet(error)) replace(members, errorBox(error, { title: 'Could not load the members' }));
        }
      };
      drawMembers();
    };
    drawAll();
  },
};

function detailsSection(group, locked, redraw) {
  const name = field({ label: 'Name', name: 'displayName', value: group.displayName, required: true, locked, maxlength: 255 });
  const description = field({ label: 'Description', name: 'description', value: group.description ?? '' });
  const details = form({
    label: 'Group details', className: 'form form-grid',
    onSubmit: async () => {
      const body = { description: description.control.value.trim() || null };
      if (!group.synced) body.displayName = name.control.value.trim();
      await api('PATCH', apiPath`/groups/${group.id}`, { body });
      announce('The group is saved.');
      await redraw();
    },
  }, name, description, submitRow('Save'));
  return section('Details', {}, details,
    h('p', { class: 'cell-secondary' }, 'Created ', formatTime(group.created), ' · changed ', formatTime(group.lastModified)));
}

// Search the managed accounts by email or name, then add one of the results.
function addMemberForm(groupPath, redrawMembers) {
  const results = h('div', { class: 'search-results', 'aria-live': 'polite' });
  const addErrors = h('div');
  const term = field({ label: 'Find an account by email or name', name: 'member', type: 'search', autocomplete: 'off' });
  const search = form({
    label: 'Add a member', className: 'form form-inline',
    onSubmit: async () => {
      const value = term.control.value.trim();
      if (!value) { replace(results); return; }
      const answer = await api('GET', '/managed-accounts', {
        query: { filter: searchFilter(value), count: 8 },
      });
      const accounts = answer.accounts ?? [];
      replace(results, accounts.length ? h('ul', { class: 'result-list', 'aria-label': 'Accounts found' }, accounts.map((account) =>
        h('li', {},
          h('span', {}, h('span', { class: 'cell-primary' }, account.displayName || account.email), ' ', h('span', { class: 'cell-secondary' }, account.email)),
          actionButton('Add', () => attempt(addErrors, async () => {
            await api('PUT', `${groupPath}/members/${encodeURIComponent(account.id)}`);
            announce(`${account.email} is now a member.`);
            replace(results);
            term.control.value = '';
            await redrawMembers();
          }), { small: true, kind: 'primary', 'aria-label': `Add ${account.email}` }))))
        : h('p', { class: 'muted' }, `No managed account matches “${value}”.`));
    },
  }, term, h('div', { class: 'form-actions' }, button('Search', { type: 'submit' })));
  return h('div', { class: 'add-member' }, addErrors, search, results);
}

function grantsSection(group, sites, groupPath, redraw) {
  const errors = h('div');
  const grantPath = (siteId, product) => apiPath`/groups/${group.id}/sites/${siteId}/products/${product}`;
  const rows = group.productGrants ?? [];
  const table = dataTable({
    caption: 'Product access the group grants',
    rows,
    empty: emptyState('The group grants no product.', sites.length ? 'Grant one below.' : null),
    columns: [
      { key: 'product', label: 'Product', render: (g) => productLabel(g.product) },
      { key: 'site', label: 'Site', render: (g) => g.site?.name ?? g.site?.id },
      { key: 'grantedAt', label: 'Granted', render: (g) => formatTime(g.grantedAt) },
      {
        key: 'actions', label: 'Actions', className: 'actions',
        render: (g) => confirmButton('Revoke', {
          title: `Revoke ${productLabel(g.product)} on ${g.site?.name}?`,
          body: [`The members of ${group.displayName} lose ${productLabel(g.product)} on ${g.site?.name}, unless they have it directly or through another group.`],
          danger: true,
        }, errors, async () => {
          await api('DELETE', grantPath(g.site.id, g.product));
          announce(`${productLabel(g.product)} on ${g.site?.name} is revoked.`);
          await redraw();
        }, { small: true, kind: 'danger-outline', 'aria-label': `Revoke ${g.product} on ${g.site?.name}` }),
      },
    ],
  });
  let grantForm = null;
  if (sites.length) {
    const site = field({ label: 'Site', name: 'grantSite', kind: 'select', options: sites.map((s) => ({ value: s.id, label: s.name })) });
    const product = field({ label: 'Product', name: 'grantProduct', kind: 'select', options: [] });
    const fillProducts = () => replace(product.control, productsOf(sites, site.control.value)
      .map((p) => h('option', { value: p }, productLabel(p))));
    site.control.addEventListener('change', fillProducts);
    fillProducts();
    grantForm = form({
      label: 'Grant a product', className: 'form form-inline',
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
    h('p', {}, 'Its memberships and product grants go with it; the accounts stay.'),
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
