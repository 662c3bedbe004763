// Managed accounts (seeds/managed-accounts-overview.txt; docs/console.md "Managed accounts").
// URL: ?q=&filter=&sortBy=&sortOrder=&page=.

import { api, orgPath } from '../api.js';
import { href, setQuery, itemHref } from '../router.js';
import {
  h, replace, pageHeader, emptyState, errorBox, dataTable, pageNav, pageQuery, pageNumber, formatNumber, formatDate, announce, button,
  field, load, stat, muted,
} from '../ui.js';
import { lifecycleBadge, syncedBadge } from '../badges.js';

const PAGE_SIZE = 100;
// Every column the API sorts from its own index (docs/admin-api.md "Filtering managed accounts").
const SORTABLE = ['email', 'displayName', 'lifecycle', 'lastActive', 'created'];

// The search box's filter: a SCIM string value is a JSON string (RFC 7644 §3.4.2.2), so
// JSON.stringify escapes quotes and backslashes.
export function searchFilter(text) {
  const value = JSON.stringify(text);
  return `email co ${value} or displayName co ${value}`;
}

function summaryCards(summary) {
  return h('dl.stats',
    stat('Managed accounts', formatNumber(summary.total), 'Not deleted'),
    stat('Deactivated', formatNumber(summary.deactivated), 'Including accounts pending deletion'),
    stat('Secure login', `${summary.secureLoginPercent}%`,
      `${formatNumber(summary.secureLogin)} of ${formatNumber(summary.total)} use single sign-on or two-step verification`));
}

function productAccess(account) {
  if (!account.productAccess?.length) return muted('No product access');
  return h('ul.product-list', account.productAccess.map((access) =>
    h('li', h('span.product-name', access.product),
      ' · ', h('span.product-sites', access.sites.map((site) => site.name).join(', ')))));
}

export default {
  path: 'accounts',
  title: 'Managed accounts',
  render(main, params, query) {
    const sortBy = SORTABLE.includes(query.get('sortBy')) ? query.get('sortBy') : null;
    const state = {
      q: query.get('q')?.trim() ?? '',
      filter: query.get('filter')?.trim() ?? '',
      sortBy,
      sortOrder: sortBy && query.get('sortOrder') === 'descending' ? 'descending' : 'ascending',
      page: pageNumber(query),
    };
    const summary = h('section.summary', { 'aria-label': 'Summary' });
    main.append(pageHeader('Managed accounts', {
      description: 'Accounts your organization manages: the accounts on your verified domains that you claimed. Select a name to see and change the account.',
      actions: h('a.button.button-secondary', { href: orgPath('/exports/managed-accounts'), download: 'managed-accounts.csv' }, 'Export CSV'),
    }), summary);
    load(summary, () => api('GET', '/managed-accounts/summary'), summaryCards, 'Could not load the counts');

    const search = field({
      label: 'Search by name or email', name: 'q', type: 'search', value: state.q,
      placeholder: 'Name or email', spellcheck: 'false',
    });
    search.classList.add('toolbar-search');
    const filter = field({
      label: 'SCIM filter', name: 'filter', kind: 'textarea', class: 'control filter-input', rows: '2', value: state.filter,
      spellcheck: 'false',
      hint: ['The SCIM filter syntax (eq, ne, co, sw, ew, gt, ge, lt, le, pr, and, or, not) over email, displayName, givenName, familyName, jobTitle, department, lifecycle, synced, emailVerified, twoStepVerification.enrolled, lastActive, created. For example ',
        h('code', 'lifecycle eq "deactivated" and lastActive lt "2026-01-01T00:00:00Z"'), '.'],
    });
    const filterInput = filter.control;
    // The server's detail names the position of what it could not read: it is part of the
    // field's description.
    const filterError = h('div.filter-error', { id: `${filterInput.id}-error` });
    filterInput.setAttribute('aria-describedby', `${filterInput.getAttribute('aria-describedby')} ${filterError.id}`);
    filter.append(filterError);
    const advanced = h('details.advanced-filter', { open: Boolean(state.filter) },
      h('summary', 'Advanced filter'), filter);
    const find = (event) => {
      event?.preventDefault();
      Object.assign(state, { q: search.text(), filter: filterInput.value.trim(), page: 1 });
      update();
    };
    const results = h('section.results', { 'aria-label': 'Managed accounts list' });
    main.append(h('form.toolbar', { role: 'search', 'aria-label': 'Managed accounts', onsubmit: find },
      h('div.toolbar-row', search,
        h('div.toolbar-buttons',
          button('Search', { type: 'submit', kind: 'primary' }),
          button('Clear', { onclick: clear }))),
      advanced), results);

    function clear() {
      search.control.value = filterInput.value = '';
      find();
      search.control.focus();
    }

    // The filter sent to the API: the search and the advanced filter, both when both are given.
    function effectiveFilter() {
      const parts = [state.q && searchFilter(state.q), state.filter].filter(Boolean);
      return parts.length === 2 ? `(${parts[0]}) and (${parts[1]})` : parts[0];
    }

    function update() {
      const { q, filter, sortBy, sortOrder, page } = state;
      setQuery({ q, filter, sortBy, sortOrder: sortOrder === 'descending' ? sortOrder : null, page: page > 1 ? page : null });
      return loadList();
    }

    function loadList() {
      replace(filterError);
      filterInput.removeAttribute('aria-invalid');
      return load(results, () => api('GET', '/managed-accounts', {
        query: {
          filter: effectiveFilter(), sortBy: state.sortBy, sortOrder: state.sortBy && state.sortOrder,
          ...pageQuery(state.page, PAGE_SIZE),
        },
      }).catch((error) => {
        if (error.error !== 'invalid_filter' && (error.status !== 400 || !state.filter)) throw error;
        advanced.open = true;
        filterInput.setAttribute('aria-invalid', 'true');
        replace(filterError, errorBox(error, 'The filter could not be used'));
        return null;
      }), drawList, 'Could not load the accounts');
    }

    function drawList(list) {
      if (!list) return null;
      announce(`${formatNumber(list.totalResults)} ${list.totalResults === 1 ? 'account' : 'accounts'} found.`, false);
      if (!list.totalResults || !list.accounts.length) {
        return effectiveFilter()
          ? emptyState('No managed account matches.', 'Change the search or the filter.', button('Clear the search', { onclick: clear }))
          : emptyState('No managed accounts yet.', 'Verify a domain and claim its accounts to manage them here.', h('a.button.button-secondary', { href: href('domains') }, 'Go to Domains'));
      }
      const table = dataTable({
        caption: 'Managed accounts',
        sort: { by: state.sortBy ?? 'email', order: state.sortOrder },
        onSort: (sortBy, sortOrder) => {
          Object.assign(state, { sortBy, sortOrder, page: 1 });
          // The table is drawn again: the focus goes back to the heading just pressed.
          update().then(() => results.querySelector(`th[data-sort-key="${sortBy}"] button`)?.focus());
        },
        columns: [
          { label: 'Name', sortKey: 'displayName', render: (account) => h('a.cell-primary', { href: itemHref('accounts', account.id) }, account.displayName || account.email || account.id) },
          { label: 'Email', sortKey: 'email', render: (account) => h('span.cell-email', account.email ?? '—',
            account.pendingEmail && h('span.cell-secondary', 'Changing to ', account.pendingEmail)) },
          { label: 'Product access', render: productAccess },
          { label: 'Status', sortKey: 'lifecycle', render: (account) => h('span.badges', lifecycleBadge(account), syncedBadge(account)) },
          { label: 'Last active', sortKey: 'lastActive', className: 'nowrap', render: (account) => formatDate(account.lastActive) },
          { label: 'Created', sortKey: 'created', className: 'nowrap', render: (account) => formatDate(account.created) },
        ],
        rows: list.accounts,
      });
      const pages = (label) => pageNav({
        page: state.page, size: PAGE_SIZE, answer: list, label,
        onPage: (page) => {
          state.page = page;
          // The new page starts at the top of the table, where the focus goes too.
          update().then(() => {
            results.querySelector('.table-wrap')?.focus({ preventScroll: true });
            results.scrollIntoView({ block: 'start' });
          });
        },
      });
      return [list.totalResults > PAGE_SIZE && pages('Managed accounts pages, top'), table, pages('Managed accounts pages')];
    }

    return loadList();
  },
};
