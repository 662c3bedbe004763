// The Groups page (docs/groups.md "Synced and admin-kept groups"; docs/admin-api.md "Groups"):
// every group of the organization, the ones its directories push (read-only here but for their
// description and product grants) and the ones admins keep, with a search by name and a form to
// create an admin-kept group. State in the URL: ?name=<prefix>&page=<n>.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { href, navigate, setQuery, itemHref } from '../router.js';
import {
  pageHeader, section, dataTable, pageNav, pageQuery, pageNumber, badge, field, form, button, errorBox, loading, emptyState,
  announce, formatNumber, isQuiet, submitRow,
} from '../ui.js';
import { productLabel } from '../page-parts.js';
import { syncedBadge } from '../badges.js';

const PAGE_SIZE = 50;

export function kindBadge(group) {
  return syncedBadge(group) ?? badge('Admin-kept', 'neutral');
}

export function grantsText(grants) {
  if (!grants?.length) return null;
  return grants.map((grant) => `${productLabel(grant.product)} on ${grant.site?.name ?? grant.site?.id}`).join(', ');
}

export default {
  path: 'groups',
  title: 'Groups',
  render(main, params, query, { signal }) {
    const state = {
      name: query.get('name') ?? '',
      page: pageNumber(query),
    };
    const list = h('div', {}, loading());
    const search = field({ label: 'Name starts with', name: 'name', type: 'search', value: state.name, autocomplete: 'off' });
    const searchForm = form({
      label: 'Search groups', className: 'form form-inline',
      onSubmit: async () => { state.name = search.control.value.trim(); state.page = 1; await reload(); },
    }, search, h('div', { class: 'form-actions' }, button('Search', { type: 'submit' })));

    const name = field({ label: 'Name', name: 'displayName', required: true, autocomplete: 'off', maxlength: 255 });
    const description = field({ label: 'Description', name: 'description', autocomplete: 'off', hint: 'Optional.' });
    const createForm = form({
      label: 'Create a group', className: 'form form-inline',
      onSubmit: async () => {
        const body = { displayName: name.control.value.trim() };
        if (description.control.value.trim()) body.description = description.control.value.trim();
        const group = await api('POST', '/groups', { body });
        announce(`The group ${group.displayName} is created.`);
        navigate(itemHref('groups', group.id));
      },
    }, name, description, submitRow('Create group'));

    main.append(
      pageHeader('Groups', {
        description: 'Groups give their members product access on your sites. Synced groups come from an identity provider, ' +
          'which owns their name and members; admin-kept groups are yours to fill.',
      }),
      section('Create a group', {}, createForm),
      section('All groups', {}, searchForm, list));

    const reload = async () => {
      setQuery({ name: state.name, page: state.page > 1 ? state.page : '' });
      replace(list, loading());
      try {
        const answer = await api('GET', '/groups', {
          signal, query: { displayName: state.name, ...pageQuery(state.page, PAGE_SIZE) },
        });
        const rows = answer.groups ?? [];
        replace(list,
          dataTable({
            caption: 'Groups',
            rows,
            empty: emptyState(state.name ? `No group’s name starts with “${state.name}”.` : 'No group yet.',
              state.name ? null : 'Create one above, or push groups from an identity provider.'),
            columns: [
              { key: 'displayName', label: 'Name', render: (group) => h('div', {},
                h('a', { class: 'cell-primary', href: itemHref('groups', group.id) }, group.displayName),
                group.description ? h('span', { class: 'cell-secondary' }, group.description) : null) },
              { key: 'kind', label: 'Kind', render: kindBadge },
              { key: 'memberCount', label: 'Members', className: 'numeric', render: (group) => formatNumber(group.memberCount) },
              { key: 'grants', label: 'Product access', render: (group) => grantsText(group.productGrants) },
            ],
          }),
          pageNav({
            page: state.page, size: PAGE_SIZE, answer, label: 'Pages of groups',
            onPage: (page) => { state.page = page; reload(); },
          }));
      } catch (error) {
        if (!isQuiet(error)) replace(list, errorBox(error, { title: 'Could not load the groups' }));
      }
    };
    reload();
  },
};
