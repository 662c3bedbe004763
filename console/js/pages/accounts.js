// Managed accounts (seeds/managed-accounts-overview.txt): the three counts of
// GET /managed-accounts/summary, the list of GET /managed-accounts with search by name or email,
// an advanced SCIM filter, sorting by the columns the API sorts from an index, paging, and the CSV
// export. The query lives in the URL (?q=&filter=&sortBy=&sortOrder=&page=) so that reload and
// Back show the same list.

import { h, replace, uid } from '../dom.js';
import { api, orgPath } from '../api.js';
import { href, setQuery, itemHref } from '../router.js';
import {
  pageHeader, loading, emptyState, errorBox, dataTable, pager, formatNumber, formatTime, announce, button,
} from '../ui.js';
import { lifecycleBadge, syncedBadge } from '../badges.js';

const PAGE_SIZE = 100;
// Every column the API sorts from its own index (docs/admin-api.md "Filtering managed accounts").
const SORTABLE = new Set(['email', 'displayName', 'lifecycle', 'lastActive', 'created']);

// The search box's filter: a SCIM string value is a JSON string (RFC 7644 §3.4.2.2), so
// JSON.stringify escapes quotes and backslashes.
export function searchFilter(text) {
  const value = JSON.stringify(text);
  return `email co ${value} or displayName co ${value}`;
}

function stateFromQuery(query) {
  const sortBy = SORTABLE.has(query.get('sortBy')) ? query.get('sortBy') : null;
  const page = Number.parseInt(query.get('page') ?? '1', 10);
  return {
    q: query.get('q') ?? '',
    filter: query.get('filter') ?? '',
    sortBy,
    sortOrder: sortBy && query.get('sortOrder') === 'descending' ? 'descending' : 'ascending',
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
  };
}

function toQuery(state) {
  return {
    q: state.q.trim(),
    filter: state.filter.trim(),
    sortBy: state.sortBy,
    sortOrder: state.sortBy && state.sortOrder === 'descending' ? 'descending' : null,
    page: state.page > 1 ? state.page : null,
  };
}

// The filter sent to the API: the search and the advanced filter, both when both are given.
function effectiveFilter(state) {
  const parts = [];
  if (state.q.trim()) parts.push(searchFilter(state.q.trim()));
  if (state.filter.trim()) parts.push(state.filter.trim());
  if (parts.length === 2) return `(${parts[0]}) and (${parts[1]})`;
  return parts[0] ?? null;
}

function summaryCards(summary) {
  const card = (label, value, note, tone = '') => h('div', { class: `stat ${tone}` },
    h('dt', { class: 'stat-label' }, label),
    h('dd', { class: 'stat-value' }, value),
    note ? h('dd', { class: 'stat-note' }, note) : null);
  return h('dl', { class: 'stats' },
    card('Managed accounts', formatNumber(summary.total), 'Not deleted'),
    card('Deactivated', formatNumber(summary.deactivated), 'Including accounts pending deletion'),
    card('Secure login', `${summary.secureLoginPercent}%`,
      `${formatNumber(summary.secureLogin)} of ${formatNumber(summary.total)} use single sign-on or two-step verification`));
}

function productAccess(account) {
  if (!account.productAccess?.length) return h('span', { class: 'muted' }, 'No product access');
  return h('ul', { class: 'product-list' }, account.productAccess.map((access) =>
    h('li', {}, h('span', { class: 'product-name' }, access.product),
      ' · ', h('span', { class: 'product-sites' }, access.sites.map((site) => site.name).join(', ')))));
}

export default {
  path: 'accounts',
  title: 'Managed accounts',
  render(main, params, query, { signal }) {
    const state = stateFromQuery(query);
    const exportLink = h('a', {
      class: 'button button-secondary', href: orgPath('/exports/managed-accounts'), download: 'managed-accounts.csv',
    }, 'Export CSV');
    main.append(pageHeader('Managed accounts', {
      description: 'Accounts your organization manages: the accounts on your verified domains that you claimed. Select a name to see and change the account.',
      actions: exportLink,
    }));

    const summaryRegion = h('section', { class: 'summary', 'aria-label': 'Summary' }, loading('Loading the counts…'));
    main.append(summaryRegion);
    api('GET', '/managed-accounts/summary', { signal }).then(
      (summary) => replace(summaryRegion, summaryCards(summary)),
      (error) => { if (error?.name !== 'AbortError' && !error?.signedOut) replace(summaryRegion, errorBox(error, { title: 'Could not load the counts' })); });

    // Search by name or email, and the advanced filter.
    const searchId = uid('search');
    const searchInput = h('input', {
      id: searchId, type: 'search', name: 'q', class: 'control', value: state.q,
      placeholder: 'Name or email', autocomplete: 'off', spellcheck: 'false',
    });
    const filterId = uid('filter');
    const filterHelpId = uid('filter-help');
    const filterErrorId = uid('filter-error');
    const filterInput = h('textarea', {
      id: filterId, name: 'filter', class: 'control filter-input', rows: '2', value: state.filter,
      spellcheck: 'false', autocomplete: 'off', 'aria-describedby': `${filterHelpId} ${filterErrorId}`,
    });
    const filterError = h('div', { id: filterErrorId, class: 'filter-error' });
    const advanced = h('details', { class: 'advanced-filter', open: state.filter ? true : null },
      h('summary', {}, 'Advanced filter'),
      h('div', { class: 'advanced-filter-body' },
        h('label', { for: filterId, class: 'field-label' }, 'SCIM filter'),
        filterInput,
        h('p', { id: filterHelpId, class: 'field-hint' },
          'The SCIM filter syntax (eq, ne, co, sw, ew, gt, ge, lt, le, pr, and, or, not) over email, displayName, givenName, familyName, jobTitle, department, lifecycle, synced, emailVerified, twoStepVerification.enrolled, lastActive, created. For example ',
          h('code', {}, 'lifecycle eq "deactivated" and lastActive lt "2026-01-01T00:00:00Z"'), '.'),
        filterError));
    const toolbar = h('form', { class: 'toolbar', role: 'search', 'aria-label': 'Managed accounts' },
      h('div', { class: 'toolbar-row' },
        h('div', { class: 'field toolbar-search' },
          h('label', { for: searchId, class: 'field-label' }, 'Search by name or email'),
          searchInput),
        h('div', { class: 'toolbar-buttons' },
          button('Search', { type: 'submit', kind: 'primary' }),
          button('Clear', { onclick: clear }))),
      advanced);
    toolbar.addEventListener('submit', (event) => {
      event.preventDefault();
      state.q = searchInput.value;
      state.filter = filterInput.value;
      state.page = 1;
      update();
    });
    main.append(toolbar);

    const results = h('section', { class: 'results', 'aria-label': 'Managed accounts list' });
    main.append(results);
    let request = null;

    function clear() {
      searchInput.value = '';
      filterInput.value = '';
      state.q = '';
      state.filter = '';
      state.page = 1;
      update();
      searchInput.focus();
    }

    function update() {
      setQuery(toQuery(state));
      return loadList();
    }

    async function loadList() {
      request?.abort();
      request = new AbortController();
      signal.addEventListener('abort', () => request.abort(), { once: true });
      const mine = request;
      if (!results.firstChild) results.append(loading('Loading accounts…'));
      results.setAttribute('aria-busy', 'true');
      results.classList.add('is-loading');
      replace(filterError);
      filterInput.removeAttribute('aria-invalid');
      try {
        const list = await api('GET', '/managed-accounts', {
          signal: mine.signal,
          query: {
            filter: effectiveFilter(state), sortBy: state.sortBy, sortOrder: state.sortBy ? state.sortOrder : null,
            startIndex: (state.page - 1) * PAGE_SIZE + 1, count: PAGE_SIZE,
          },
        });
        if (mine !== request) return;
        drawList(list);
        announce(`${formatNumber(list.totalResults)} ${list.totalResults === 1 ? 'account' : 'accounts'} found.`, { toast: false });
      } catch (error) {
        if (error?.name === 'AbortError' || error?.signedOut || mine !== request) return;
        if (error.error === 'invalid_filter' || (error.status === 400 && state.filter)) {
          // The server's detail names the position of what it could not read.
          advanced.open = true;
          filterInput.setAttribute('aria-invalid', 'true');
          replace(filterError, errorBox(error, { title: 'The filter could not be used' }));
          replace(results);
        } else {
          replace(results, errorBox(error, { title: 'Could not load the accounts' }));
        }
      } finally {
        if (mine === request) {
          results.removeAttribute('aria-busy');
          results.classList.remove('is-loading');
        }
      }
    }

    function drawList(list) {
      const filtered = Boolean(effectiveFilter(state));
      if (list.totalResults === 0 || !list.accounts.length) {
        replace(results, filtered
          ? emptyState('No managed account matches.', 'Change the search or the filter.', button('Clear the search', { onclick: clear }))
          : emptyState('No managed accounts yet.', 'Verify a domain and claim its accounts to manage them here.', h('a', { class: 'button button-secondary', href: href('domains') }, 'Go to Domains')));
        return;
      }
      const startIndex = (state.page - 1) * PAGE_SIZE + 1;
      const table = dataTable({
        caption: 'Managed accounts',
        sort: { by: state.sortBy ?? 'email', order: state.sortOrder },
        onSort: (sortBy, sortOrder) => {
          state.sortBy = sortBy;
          state.sortOrder = sortOrder;
          state.page = 1;
          // The table is drawn again: the focus goes back to the heading just pressed.
          update().then(() => results.querySelector(`th[data-sort-key="${sortBy}"] button`)?.focus());
        },
        columns: [
          { key: 'displayName', label: 'Name', sortKey: 'displayName', render: (account) => h('a', { href: itemHref('accounts', account.id), class: 'cell-primary' }, account.displayName || account.email || account.id) },
          { key: 'email', label: 'Email', sortKey: 'email', render: (account) => h('span', { class: 'cell-email' }, account.email ?? '—',
            account.pendingEmail ? h('span', { class: 'cell-secondary' }, 'Changing to ', account.pendingEmail) : null) },
          { key: 'productAccess', label: 'Product access', render: productAccess },
          { key: 'lifecycle', label: 'Status', sortKey: 'lifecycle', render: (account) => h('span', { class: 'badges' }, lifecycleBadge(account), syncedBadge(account)) },
          { key: 'lastActive', label: 'Last active', sortKey: 'lastActive', className: 'nowrap', render: (account) => formatTime(account.lastActive, { dateOnly: true }) },
          { key: 'created', label: 'Created', sortKey: 'created', className: 'nowrap', render: (account) => formatTime(account.created, { dateOnly: true }) },
        ],
        rows: list.accounts,
      });
      const onPage = (nextStart) => {
        state.page = Math.floor((nextStart - 1) / PAGE_SIZE) + 1;
        // The new page starts at the top of the table, where the focus goes too.
        update().then(() => {
          const wrap = results.querySelector('.table-wrap');
          wrap?.focus({ preventScroll: true });
          results.scrollIntoView({ block: 'start' });
        });
      };
      const range = { startIndex, count: PAGE_SIZE, total: list.totalResults, onPage };
      replace(results,
        list.totalResults > PAGE_SIZE ? pager({ ...range, label: 'Managed accounts pages, top' }) : null,
        table,
        pager({ ...range, label: 'Managed accounts pages' }));
    }

    return loadList();
  },
};

