// The Journal page (docs/journal.md): directory and admin writes, newest first, filtered, paged by
// the API's cursor; each entry opens to its request, normalized form, diff and outcome.
// State in the URL: ?account=&directory=&actor=&outcome=&since=&until= (RFC 3339, UTC).

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { href, setQuery, itemHref } from '../router.js';
import {
  pageHeader, section, field, form, actionButton, badge, errorBox, loading, emptyState, announce, formatTime,
  isQuiet, attempt, submitRow,
} from '../ui.js';

const PAGE_SIZE = 50;
const ACTORS = { directory: 'Directory', admin: 'Admin', account: 'Account owner' };
const OUTCOMES = { success: 'Succeeded', failure: 'Failed' };

// A datetime-local control's value (the reader's time) ↔ the RFC 3339 UTC instant the API takes.
function toInstant(local) {
  if (!local) return '';
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
function toLocal(instant) {
  const date = new Date(instant ?? '');
  if (!instant || Number.isNaN(date.getTime())) return '';
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return shifted.toISOString().slice(0, 16);
}

export default {
  path: 'journal',
  title: 'Journal',
  render(main, params, query, { signal }) {
    const filters = {
      account: query.get('account') ?? '',
      directory: query.get('directory') ?? '',
      actor: ACTORS[query.get('actor')] ? query.get('actor') : '',
      outcome: OUTCOMES[query.get('outcome')] ? query.get('outcome') : '',
      since: query.get('since') ?? '',
      until: query.get('until') ?? '',
    };
    const filterArea = h('div', {}, loading());
    const entries = h('ol', { class: 'journal-list', 'aria-label': 'Journal entries' });
    const more = h('div', { class: 'journal-more' });
    const moreErrors = h('div');
    const results = h('div', {}, loading());
    main.append(
      pageHeader('Journal', {
        description: 'Every write of your identity providers and of your admins, successful or not: ' +
          'what was sent, what scimd made of it, what changed and how it ended.',
      }),
      section('Filters', {}, filterArea),
      section('Entries', {}, results));

    let directories = [];
    const directoryName = (id) => directories.find((d) => d.id === id)?.name;

    const showPage = async (cursor) => {
      const answer = await api('GET', '/journal', { signal, query: { ...filters, count: PAGE_SIZE, cursor } });
      const list = answer.entries ?? [];
      entries.append(...list.map((entry) => entryItem(entry, directoryName)));
      replace(more, answer.nextCursor
        ? actionButton('Older entries', () => attempt(moreErrors, async () => {
          const before = entries.children.length;
          await showPage(answer.nextCursor);
          announce(`${entries.children.length - before} older entries shown.`);
          entries.children[before]?.querySelector('summary')?.focus();
        }))
        : entries.children.length ? h('p', { class: 'muted' }, 'No older entry.') : null);
      return list.length;
    };

    const reload = async () => {
      setQuery(filters);
      replace(entries);
      replace(results, loading());
      try {
        const shown = await showPage(undefined);
        replace(results, shown ? [entries, moreErrors, more] : emptyState(
          Object.values(filters).some(Boolean) ? 'No entry matches these filters.' : 'The journal is empty.',
          Object.values(filters).some(Boolean) ? 'Widen the filters above.' : 'Writes of your directories and admins appear here.'));
      } catch (error) {
        if (!isQuiet(error)) replace(results, errorBox(error, { title: 'Could not read the journal' }));
      }
    };

    (async () => {
      try {
        directories = (await api('GET', '/directories', { signal })).directories ?? [];
      } catch (error) {
        if (isQuiet(error)) return;
        directories = []; // the filter still works by id
      }
      replace(filterArea, filterForm(filters, directories, reload));
      await reload();
    })();
  },
};

function filterForm(filters, directories, reload) {
  const account = field({ label: 'Account id', name: 'account', value: filters.account, autocomplete: 'off', spellcheck: 'false' });
  const directory = field({
    label: 'Directory', name: 'directory', kind: 'select', value: filters.directory,
    options: [{ value: '', label: 'Any directory' }, ...directories.map((d) => ({ value: d.id, label: d.name })),
      ...(filters.directory && !directories.some((d) => d.id === filters.directory) ? [{ value: filters.directory, label: filters.directory }] : [])],
  });
  const actor = field({
    label: 'Actor', name: 'actor', kind: 'select', value: filters.actor,
    options: [{ value: '', label: 'Anyone' }, ...Object.entries(ACTORS).map(([value, label]) => ({ value, label }))],
  });
  const outcome = field({
    label: 'Outcome', name: 'outcome', kind: 'select', value: filters.outcome,
    options: [{ value: '', label: 'Any outcome' }, ...Object.entries(OUTCOMES).map(([value, label]) => ({ value, label }))],
  });
  const since = field({ label: 'From (your time)', name: 'since', type: 'datetime-local', value: toLocal(filters.since) });
  const until = field({ label: 'Before (your time)', name: 'until', type: 'datetime-local', value: toLocal(filters.until) });
  const read = () => {
    filters.account = account.control.value.trim();
    filters.directory = directory.control.value;
    filters.actor = actor.control.value;
    filters.outcome = outcome.control.value;
    filters.since = toInstant(since.control.value);
    filters.until = toInstant(until.control.value);
  };
  return form({
    label: 'Journal filters', className: 'form filter-grid',
    onSubmit: async () => { read(); await reload(); },
  }, account, directory, actor, outcome, since, until,
  submitRow('Apply filters', h('a', { class: 'button button-quiet', href: href('journal') }, 'Clear')));
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
    h('details', {},
      h('summary', { class: 'journal-summary' },
        h('span', { class: 'journal-time' }, formatTime(entry.time)),
        badge(ACTORS[entry.actor] ?? entry.actor, entry.actor === 'directory' ? 'synced' : entry.actor === 'admin' ? 'info' : 'neutral'),
        h('span', { class: 'journal-title' }, entryTitle(entry)),
        outcomeBadge(entry.outcome)),
      h('div', { class: 'journal-body' },
        h('dl', { class: 'details' },
          row('By', who(entry, directoryName)),
          row('Request', h('code', { class: 'wrap-anywhere' }, `${entry.method} ${entry.path}`)),
          row('Request id', entry.requestId ? h('code', {}, entry.requestId) : null),
          entry.resourceType ? row('Resource', [entry.resourceType, ' ', entry.resourceId ? h('code', {}, entry.resourceId) : null]) : null,
          entry.accountId ? row('Account', h('a', { href: itemHref('accounts', entry.accountId) }, entry.accountId), ' ',
            h('a', { href: href('journal', { account: entry.accountId }) }, '(its journal)')) : null,
          row('Outcome', outcomeText(entry.outcome))),
        normalizations.length ? h('div', { class: 'journal-part' },
          h('h3', { class: 'journal-part-title' }, 'Normalizations'),
          h('ul', { class: 'plain-list bullets' }, normalizations.map((n) => h('li', {}, typeof n === 'string' ? n : JSON.stringify(n))))) : null,
        diffPart(entry.diff),
        jsonPart('Request as sent', entry.request),
        jsonPart('Normalized', entry.normalized))));
}

function row(term, ...value) {
  return h('div', { class: 'details-row' }, h('dt', {}, term), h('dd', {}, value.flat().some((v) => v !== null && v !== undefined) ? value : h('span', { class: 'muted' }, '—')));
}

function outcomeText(outcome) {
  if (!outcome) return null;
  const word = outcome.scimType ?? outcome.error;
  return h('span', { class: 'outcome' }, outcomeBadge(outcome),
    word ? [' ', h('code', {}, word)] : null,
    outcome.detail ? [' ', h('span', {}, outcome.detail)] : null);
}

function pretty(value) {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

function diffPart(diff) {
  const fields = Object.entries(diff ?? {});
  const title = h('h3', { class: 'journal-part-title' }, 'What changed');
  if (!fields.length) return h('div', { class: 'journal-part' }, title, h('p', { class: 'muted' }, 'Nothing changed.'));
  return h('div', { class: 'journal-part' }, title,
    h('div', { class: 'table-wrap' },
      h('table', { class: 'table diff-table' },
        h('caption', { class: 'visually-hidden' }, 'What changed, field by field'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Field'), h('th', { scope: 'col' }, 'Before'), h('th', { scope: 'col' }, 'After'))),
        h('tbody', {}, fields.map(([name, change]) => {
          const paired = change && typeof change === 'object' && ('before' in change || 'after' in change);
          return h('tr', {},
            h('th', { scope: 'row', 'data-label': 'Field' }, h('code', { class: 'wrap-anywhere' }, name)),
            paired
              ? [h('td', { class: 'diff-before', 'data-label': 'Before' }, h('code', { class: 'wrap-anywhere' }, pretty(change.before ?? null))),
                h('td', { class: 'diff-after', 'data-label': 'After' }, h('code', { class: 'wrap-anywhere' }, pretty(change.after ?? null)))]
              : h('td', { colspan: '2', 'data-label': 'Change' }, h('pre', { class: 'json' }, pretty(change))));
        })))));
}

function jsonPart(title, value) {
  return h('div', { class: 'journal-part' },
    h('h3', { class: 'journal-part-title' }, title),
    value === null || value === undefined
      ? h('p', { class: 'muted' }, 'None.')
      : h('pre', { class: 'json', tabindex: '0', role: 'region', 'aria-label': title }, pretty(value)));
}
