// The Groups page (docs/groups.md "Synced and admin-kept groups"). URL: ?name=<prefix>&page=.

import { api } from '../api.js';
import { navigate, setQuery, itemHref } from '../router.js';
import {
  h, pageHeader, section, dataTable, pageNav, pageQuery, pageNumber, field, form, button, emptyState, announce,
  formatNumber, load, submitRow,
} from '../ui.js';
import { productLabel } from '../page-parts.js';
import { kindBadge } from '../badges.js';

export default {
  path: 'groups',
  title: 'Groups',
  render(main, params, query) {
    let name = query.get('name') ?? '';
    let page = pageNumber(query);
    const list = h('div');
    const search = field({ label: 'Name starts with', name: 'name', type: 'search', value: name });
    const searchForm = form({
      label: 'Search groups',
      onSubmit: () => { name = search.text(); page = 1; return reload(); },
    }, search, h('div.form-actions', button('Search', { type: 'submit' })));

    const newName = field({ label: 'Name', name: 'displayName', required: true, maxlength: 255 });
    const description = field({ label: 'Description', name: 'description', hint: 'Optional.' });
    const createForm = form({
      label: 'Create a group',
      onSubmit: async () => {
        const group = await api('POST', '/groups', {
          body: { displayName: newName.text(), description: description.text() || undefined },
        });
        announce(`The group ${group.displayName} is created.`);
        navigate(itemHref('groups', group.id));
      },
    }, newName, description, submitRow('Create group'));

    main.append(
      pageHeader('Groups', {
        description: 'Groups give their members product access on your sites. Synced groups come from an identity provider, ' +
          'which owns their name and members; admin-kept groups are yours to fill.',
      }),
      section('Create a group', {}, createForm),
      section('All groups', {}, searchForm, list));

    const reload = () => {
      setQuery({ name, page: page > 1 ? page : '' });
      return load(list, () => api('GET', '/groups', { query: { displayName: name, ...pageQuery(page) } }), (answer) => [
        dataTable({
          caption: 'Groups',
          rows: answer.groups ?? [],
          empty: emptyState(name ? `No group’s name starts with “${name}”.` : 'No group yet.',
            name ? null : 'Create one above, or push groups from an identity provider.'),
          columns: [
            { label: 'Name', render: (group) => h('div',
              h('a.cell-primary', { href: itemHref('groups', group.id) }, group.displayName),
              group.description && h('span.cell-secondary', group.description)) },
            { label: 'Kind', render: kindBadge },
            { label: 'Members', className: 'numeric', render: (group) => formatNumber(group.memberCount) },
            { label: 'Product access', render: (group) => group.productGrants?.map((grant) =>
              `${productLabel(grant.product)} on ${grant.site?.name ?? grant.site?.id}`).join(', ') },
          ],
        }),
        pageNav({ page, answer, label: 'Pages of groups', onPage: (next) => { page = next; reload(); } }),
      ], 'Could not load the groups');
    };
    reload();
  },
};
