// One directory (docs/admin-api.md "Directories", "Directory health").

import { api, apiPath } from '../api.js';
import { href } from '../router.js';
import {
  h, replace, pageHeader, section, dataTable, field, form, actionButton, badge, emptyState, announce, formatTime, formatNumber,
  notice, load, attempt, confirmButton, submitRow, stat, muted, actionsColumn,
} from '../ui.js';
import { scimBaseUrl, copyable, tokenOnce, instructions } from '../connect.js';
import { rateLimitText, pausedBadge } from './directories.js';
import { retitle } from '../page-parts.js';

export default {
  path: 'directories/:id',
  nav: 'directories',
  title: 'Directory',
  render(main, params, query) {
    const path = apiPath`/directories/${params.id}`;
    const back = { href: href('directories'), label: 'Directories' };
    const header = h('div', pageHeader('Directory', { back }));
    const body = h('div.stack');
    const issued = h('div'); // a token just issued, shown once (kept across redraws of the list)
    const errors = h('div');
    main.append(header, errors, body);

    const draw = () => load(body, () => api('GET', path), (directory) => {
      const pause = directory.paused
        ? actionButton('Resume', () => attempt(errors, async () => {
          await api('POST', `${path}/resume`);
          announce(`${directory.name} is resumed: its writes are accepted again.`);
          await draw();
        }), { kind: 'primary' })
        : confirmButton('Pause', {
          title: `Pause ${directory.name}?`,
          body: ['Its writes are answered 503 with Retry-After: 60 until you resume it; Okta and Entra retry them later, so nothing they send is lost. Reads are still answered.'],
          confirmLabel: 'Pause directory',
        }, errors, async () => {
          await api('POST', `${path}/pause`);
          announce(`${directory.name} is paused.`);
          await draw();
        });
      retitle(header, pageHeader(directory.name, { back, actions: [pausedBadge(directory), pause] }));
      const health = h('div');
      const baseUrl = scimBaseUrl(directory);
      load(health, () => api('GET', `${path}/health`), drawHealth, 'Could not read the directory’s health');
      return [
        directory.paused && notice('Its writes are answered 503 with Retry-After: 60 until you resume it.', 'Paused', 'warning'),
        section('Health', {
          description: 'What the journal says of this directory’s pushes.',
          actions: h('a.button.button-secondary.button-small', { href: href('journal', { directory: directory.id }) }, 'Open its journal'),
        }, health),
        section('Connection', {}, copyable('SCIM base URL', baseUrl),
          h('details.disclosure', h('summary', 'How to connect Okta or Microsoft Entra ID'), instructions(baseUrl))),
        tokensSection(directory, path, issued, draw),
        rateLimitSection(directory, path, draw),
      ];
    }, 'Could not load this directory');
    draw();
  },
};

function drawHealth(health) {
  const requests = health.last24h?.requests ?? 0;
  const failures = health.last24h?.failures ?? 0;
  const refusals = health.rateLimitRefusals?.count ?? 0;
  const tone = failures === 0 ? '' : failures * 10 >= requests ? 'stat-bad' : 'stat-warn';
  return [
    h('dl.stats.stats-4',
      stat('Last push', health.lastPush ? formatTime(health.lastPush) : 'Never',
        health.lastPush ? 'its latest write' : 'no write received yet', 'stat-small'),
      stat('Writes, last 24 h', formatNumber(requests), 'reads are not counted'),
      stat('Failures, last 24 h', formatNumber(failures), 'answered 400 or more', tone),
      stat('Rate-limit refusals', formatNumber(refusals),
        health.rateLimitRefusals?.last ? ['latest ', formatTime(health.rateLimitRefusals.last)] : 'last 24 h',
        refusals ? 'stat-warn' : '')),
    h('h3.subheading', 'Most common errors, last 24 hours'),
    dataTable({
      caption: 'Most common errors',
      rows: health.commonErrors ?? [],
      empty: muted('No failed write in the last 24 hours.'),
      columns: [
        { label: 'Status', render: (e) => badge(String(e.status), e.status >= 500 ? 'danger' : 'warning') },
        { label: 'SCIM type', render: (e) => (e.scimType ? h('code', e.scimType) : null) },
        { label: 'Latest detail', render: (e) => e.detail },
        { label: 'Count', className: 'numeric', render: (e) => formatNumber(e.count) },
      ],
    }),
    h('h3.subheading', 'Most common normalizations, last 24 hours'),
    h('p.field-hint', 'What scimd corrected in what the identity provider sent before applying it.'),
    dataTable({
      caption: 'Most common normalizations',
      rows: health.commonNormalizations ?? [],
      empty: muted('Nothing needed correcting in the last 24 hours.'),
      columns: [
        { label: 'Kind', render: (n) => h('code', n.kind) },
        { label: 'What was sent', render: (n) => n.description },
        { label: 'Writes', className: 'numeric', render: (n) => formatNumber(n.count) },
      ],
    }),
  ];
}

function tokensSection(directory, path, issued, redraw) {
  const errors = h('div');
  const tokens = directory.tokens ?? [];
  const table = dataTable({
    caption: 'Tokens',
    rows: tokens,
    empty: emptyState('No token.', 'Issue one below.'),
    columns: [
      { label: 'Token id', render: (t) => h('code', t.id) },
      { label: 'Issued', render: (t) => formatTime(t.created) },
      { label: 'Status', render: (t) => (t.revokedAt ? h('span', badge('Revoked'), ' ', formatTime(t.revokedAt)) : badge('Active', 'success')) },
      actionsColumn((t) => (t.revokedAt ? null : confirmButton('Revoke', {
        title: `Revoke the token ${t.id}?`,
        body: [tokens.filter((other) => !other.revokedAt).length === 1
          ? `It is the directory’s only active token: ${directory.name}’s identity provider can no longer push until you give it a new one.`
          : 'It stops working at once, on every replica. Make sure the identity provider already uses the new token.'],
        confirmLabel: 'Revoke token', danger: true,
      }, errors, async () => {
        await api('DELETE', `${path}/tokens/${encodeURIComponent(t.id)}`);
        announce(`The token ${t.id} is revoked.`);
        await redraw();
      }, { small: true, kind: 'danger-outline', 'aria-label': `Revoke the token ${t.id}` }))),
    ],
  });
  return section('Tokens', {
    description: 'To rotate: issue a new token, put it in the identity provider, then revoke the old one. Both work in between.',
    actions: actionButton('Issue a new token', () => attempt(errors, async () => {
      const answer = await api('POST', `${path}/tokens`);
      replace(issued, tokenOnce(answer.token));
      announce('A new token is issued. Copy it now: it is shown once.');
      await redraw();
    }), { kind: 'primary', small: true }),
  }, errors, issued, table);
}

function rateLimitSection(directory, path, redraw) {
  const limit = directory.rateLimit;
  const choice = field({
    label: 'Limit', name: 'rateLimitSource', value: limit?.source ?? 'off',
    options: [['default', 'The server’s default'], ['directory', 'Its own limit'], ['off', 'Never limited']],
  });
  const rps = field({ label: 'Requests per second', name: 'requestsPerSecond', type: 'number', min: '0.01', max: '100000', step: 'any', value: limit?.requestsPerSecond ?? '' });
  const burst = field({ label: 'Burst', name: 'burst', type: 'number', min: '1', max: '1000000', step: '1', value: limit?.burst ?? '' });
  const own = h('div.form-grid', rps, burst);
  const showOwn = () => { own.hidden = choice.control.value !== 'directory'; };
  choice.control.addEventListener('change', showOwn);
  showOwn();
  const rateForm = form({
    label: 'Rate limit', className: '',
    onSubmit: async () => {
      const source = choice.control.value;
      const rateLimit = source === 'directory'
        ? { requestsPerSecond: Number(rps.control.value), burst: Number(burst.control.value) } : source === 'off' ? 'off' : null;
      await api('PATCH', path, { body: { rateLimit } });
      announce('The rate limit is saved.');
      await redraw();
    },
  }, choice, own, submitRow('Save rate limit'));
  return section('Rate limit', {
    description: `In force: ${rateLimitText(limit)}. Requests beyond it are answered 429 with Retry-After.`,
  }, rateForm);
}
