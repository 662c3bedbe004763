// The Journal page (docs/journal.md), paged by the API's cursor.
// URL: ?account=&directory=&actor=&outcome=&since=&until= (RFC 3339, UTC).

import { api } from '../api.js';
import { href, setQuery, itemHref } from '../router.js';
import {
  h, replace, pageHeader, section, field, form, actionButton, badge, emptyState, announce, formatTime, details, load, attempt,
  submitRow, muted, dataTable, isQuiet,
} from '../ui.js';

const PAGE_SIZE = 50;
const ACTORS = { directory: 'Directory', admin: 'Admin', account: 'Account owner' };
const OUTCOMES = { success: 'Succeeded', failure: 'Failed' };

// A datetime-local control's value (the reader's time) ↔ the RFC 3339 UTC instant the API takes.
function toInstant(local) {
  const date = new Date(local);
  return local && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
}
function toLocal(instant) {
  const date = new Date(instant);
  if (!instant || Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

export default {
  path: 'journal',
  title: 'Journal',
  render(main, params, query) {
    const filters = Object.fromEntries(['account', 'directory', 'actor', 'outcome', 'since', 'until'].map((name) => [name, query.get(name) ?? '']));
    if (!ACTORS[filters.actor]) filters.actor = '';
    if (!OUTCOMES[filters.outcome]) filters.outcome = '';
    const filterArea = h('div');
    const entries = h('ol.journal-list', { 'aria-label': 'Journal entries' });
    const more = h('div.journal-more');
    const moreErrors = h('div');
    const results = h('div');
    main.append(
      pageHeader('Journal', {
        description: 'Every write of your identity providers and of your admins, successful or not: ' +
          'what was sent, what scimd made of it, what changed and how it ended.',
      }),
      section('Filters', {}, filterArea),
      section('Entries', {}, results));

    let directories = [];
    const directoryName = (id) => directories.find((d) => d.id === id)?.name;

    // Appends the page of entries after `cursor` to the list; the button under it fetches the next.
    const showPage = async (cursor) => {
      const answer = await api('GET', '/journal', { query: { ...filters, count: PAGE_SIZE, cursor } });
      entries.append(...(answer.entries ?? []).map((entry) => entryItem(entry, directoryName)));
      replace(more, answer.nextCursor
        ? actionButton('Older entries', () => attempt(moreErrors, async () => {
          const before = entries.children.length;
          await showPage(answer.nextCursor);
          announce(`${entries.children.length - before} older entries shown.`);
          entries.children[before]?.querySelector('summary')?.focus();
        }))
        : entries.children.length && muted('No older entry.'));
    };

    const reload = () => {
      setQuery(filters);
      const filtered = Object.values(filters).some(Boolean);
      return load(results, async () => {
        replace(entries);
        await showPage();
      }, () => (entries.children.length ? [entries, moreErrors, more] : emptyState(
        filtered ? 'No entry matches these filters.' : 'The journal is empty.',
        filtered ? 'Widen the filters above.' : 'Writes of your directories and admins appear here.')), 'Could not read the journal');
    };

    // Without the directories the filter still works, by id.
    load(filterArea, () => api('GET', '/directories').then((answer) => answer.directories, (error) => {
      if (isQuiet(error)) throw error;
    }), (list = []) => filterForm(filters, directories = list, reload)).then(reload);
  },
};

function filterForm(filters, directories, reload) {
  const { directory } = filters;
  return form({
    label: 'Journal filters', className: 'filter-grid',
    onSubmit: (element) => {
      const values = Object.fromEntries(new FormData(element));
      Object.assign(filters, values, { account: values.account.trim(), since: toInstant(values.since), until: toInstant(values.until) });
      return reload();
    },
  },
  field({ label: 'Account id', name: 'account', value: filters.account, spellcheck: 'false' }),
  field({
    label: 'Directory', name: 'directory', value: directory,
    options: [['', 'Any directory'], ...directories.map((d) => [d.id, d.name]),
      ...(directory && !directories.some((d) => d.id === directory) ? [[directory, directory]] : [])],
  }),
  field({ label: 'Actor', name: 'actor', value: filters.actor, options: [['', 'Anyone'], ...Object.entries(ACTORS)] }),
  field({ label: 'Outcome', name: 'outcome', value: filters.outcome, options: [['', 'Any outcome'], ...Object.entries(OUTCOMES)] }),
  field({ label: 'From (your time)', name: 'since', type: 'datetime-local', value: toLocal(filters.since) }),
  field({ label: 'Before (your time)', name: 'until', type: 'datetime-local', value: toLocal(filters.until) }),
  submitRow('Apply filters', h('a.button.button-quiet', { href: href('journal') }, 'Clear')));
}

function outcomeBadge(outcome) {
  const status = outcome?.status ?? 0;
  const tone = status >= 500 ? 'danger' : status >= 400 ? 'warning' : 'success';
  return badge(String(status), tone, { title: status >= 400 ? 'Failed' : 'Succeeded' });
}

// What the entry did, in a line: the admin's action, else the SCIM method and resource.
function entryTitle(entry) {
  if (entry.action) return entry.action;
  const name = entry.request?.userName ?? entry.request?.displayName;
  const resource = entry.resourceType ? `${entry.resourceType}${entry.resourceId ? ` ${entry.resourceId.slice(0, 8)}…` : ''}` : entry.path;
  return `${entry.method} ${resource}${typeof name === 'string' ? ` · ${name}` : ''}`;
}

function who(entry, directoryName) {
  if (entry.actor === 'directory') {
    const name = directoryName(entry.directoryId);
    return entry.directoryId ? h('a', { href: itemHref('directories', entry.directoryId) }, name ?? entry.directoryId) : 'a directory';
  }
  if (entry.actor === 'admin') return entry.adminTokenLabel ? `admin token “${entry.adminTokenLabel}” (${entry.adminTokenId})` : `admin token ${entry.adminTokenId ?? ''}`;
  return 'the account’s owner';
}

function entryItem(entry, directoryName) {
  const failed = (entry.outcome?.status ?? 0) >= 400;
  const normalizations = entry.normalized?.normalizations ?? [];
  return h('li', { class: `journal-entry${failed ? ' journal-entry-failed' : ''}` },
    h('details',
      h('summary.journal-summary',
        h('span.journal-time', formatTime(entry.time)),
        badge(ACTORS[entry.actor] ?? entry.actor, entry.actor === 'directory' ? 'synced' : entry.actor === 'admin' ? 'info' : 'neutral'),
        h('span.journal-title', entryTitle(entry)),
        outcomeBadge(entry.outcome)),
      h('div.journal-body',
        details([
          ['By', who(entry, directoryName)],
          ['Request', h('code.wrap-anywhere', `${entry.method} ${entry.path}`)],
          ['Request id', entry.requestId && h('code', entry.requestId)],
          entry.resourceType && ['Resource', [entry.resourceType, ' ', entry.resourceId && h('code', entry.resourceId)]],
          entry.accountId && ['Account', [h('a', { href: itemHref('accounts', entry.accountId) }, entry.accountId), ' ',
            h('a', { href: href('journal', { account: entry.accountId }) }, '(its journal)')]],
          ['Outcome', outcomeText(entry.outcome)],
        ]),
        normalizations.length ? part('Normalizations',
          h('ul.plain-list.bullets', normalizations.map((n) => h('li', typeof n === 'string' ? n : JSON.stringify(n))))) : null,
        diffPart(entry.diff),
        jsonPart('Request as sent', entry.request),
        jsonPart('Normalized', entry.normalized))));
}

function outcomeText(outcome) {
  if (!outcome) return null;
  const word = outcome.scimType ?? outcome.error;
  return h('span.outcome', outcomeBadge(outcome),
    word ? [' ', h('code', word)] : null,
    outcome.detail ? [' ', h('span', outcome.detail)] : null);
}

function pretty(value) {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

function part(title, ...content) {
  return h('div', h('h3.journal-part-title', title), content);
}

function diffPart(diff) {
  const paired = (change) => change && typeof change === 'object' && ('before' in change || 'after' in change);
  const code = (value) => h('code.wrap-anywhere', pretty(value ?? null));
  return part('What changed', dataTable({
    caption: 'What changed, field by field',
    rows: Object.entries(diff ?? {}),
    empty: muted('Nothing changed.'),
    columns: [
      { label: 'Field', render: ([name]) => h('code.wrap-anywhere', name) },
      { label: 'Before', className: 'diff-before', render: ([, change]) => paired(change) && code(change.before) },
      { label: 'After', className: 'diff-after', render: ([, change]) => (paired(change) ? code(change.after) : h('pre.json', pretty(change))) },
    ],
  }));
}

function jsonPart(title, value) {
  return part(title, value == null
    ? muted('None.')
    : h('pre.json', { tabindex: '0', role: 'region', 'aria-label': title }, pretty(value)));
}
