// The account page's journal: the latest entries about the account.

import { api } from '../api.js';
import { href } from '../router.js';
import { h, section, dataTable, emptyState, badge, formatTime, load } from '../ui.js';

const ACTORS = { directory: 'Identity provider', admin: 'Admin', account: 'Account owner' };

function what(entry) {
  if (entry.action) return h('code.mono-inline', entry.action);
  return h('span.mono-inline', `${entry.method ?? ''} ${entry.resourceType ?? ''}`.trim());
}

function outcome(entry) {
  const status = entry.outcome?.status;
  const failed = typeof status !== 'number' || status >= 400;
  return h('span',
    badge(String(status ?? '?'), failed ? 'danger' : 'success'),
    failed && entry.outcome?.detail ? h('span.cell-secondary', entry.outcome.detail) : null);
}

export function journalSection(account, context) {
  const container = h('div');
  load(container, () => api('GET', '/journal', { query: { account: account.id, count: 10 } }), ({ entries }) => dataTable({
    caption: 'Latest journal entries about the account',
    columns: [
      { label: 'Time', className: 'nowrap', render: (entry) => formatTime(entry.time) },
      { label: 'Who', render: (entry) => ACTORS[entry.actor] ?? entry.actor },
      { label: 'What', render: what },
      { label: 'Outcome', render: outcome },
    ],
    rows: entries,
    empty: emptyState('Nothing in the journal yet.', 'Changes by identity providers and admins appear here.'),
  }));
  return section('Journal', {
    actions: h('a', { href: href('journal', { account: account.id }) }, 'Open in the Journal'),
    description: 'The latest changes to the account, by its identity provider and by admins.',
  }, container);
}
