// Directories (docs/admin-api.md "Directories"): one per SCIM connection. A directory just created
// shows its token, once.

import { api } from '../api.js';
import { itemHref } from '../router.js';
import { h, replace, pageHeader, section, dataTable, field, form, badge, emptyState, announce, load, submitRow } from '../ui.js';
import { scimBaseUrl, copyable, tokenOnce, instructions } from '../connect.js';

export function rateLimitText(rateLimit) {
  if (!rateLimit) return 'Not limited';
  const source = { default: 'server default', directory: 'its own', off: 'off' }[rateLimit.source] ?? rateLimit.source;
  return `${rateLimit.requestsPerSecond} requests/s, burst ${rateLimit.burst} (${source})`;
}

export function pausedBadge(directory) {
  return directory.paused ? badge('Paused', 'warning') : badge('Active', 'success');
}

export default {
  path: 'directories',
  title: 'Directories',
  render(main, params, query) {
    const connect = h('div');
    const list = h('div');
    const name = field({ label: 'Name', name: 'directoryName', required: true, placeholder: 'okta', hint: 'One directory per identity provider connection, e.g. “okta” or “entra”.' });
    const createForm = form({
      label: 'Create a directory',
      onSubmit: async () => {
        const created = await api('POST', '/directories', { body: { name: name.text() } });
        name.control.value = '';
        announce(`The directory ${created.name} is created. Copy its token now: it is shown once.`);
        const baseUrl = scimBaseUrl(created);
        replace(connect, section(`Connect ${created.name}`, { className: 'panel-highlight', heading: { tabindex: '-1' } },
          h('div.connect-grid',
            copyable('SCIM base URL', baseUrl),
            tokenOnce(created.token)),
          h('h3.subheading', 'In your identity provider'),
          instructions(baseUrl),
          h('p', h('a.button.button-secondary', { href: itemHref('directories', created.id) },
            `Open ${created.name}: health, tokens, pause`))));
        connect.querySelector('h2').focus();
        await reload();
      },
    }, name, submitRow('Create directory'));

    main.append(
      pageHeader('Directories', {
        description: 'A directory is one SCIM connection from an identity provider such as Okta or Microsoft Entra ID: ' +
          'it pushes users and groups here, and what it pushes is locked to it.',
      }),
      connect,
      section('Connect an identity provider', { description: 'Create a directory to get its SCIM base URL and token.' }, createForm),
      section('Your directories', {}, list));

    const reload = () => load(list, () => api('GET', '/directories'), (answer) => dataTable({
      caption: 'Directories',
      rows: answer.directories ?? [],
      empty: emptyState('No directory yet.', 'Create one above to connect an identity provider.'),
      columns: [
        { label: 'Name', render: (d) => h('a.cell-primary', { href: itemHref('directories', d.id) }, d.name) },
        { label: 'Status', render: pausedBadge },
        { label: 'Tokens', render: (d) => `${(d.tokens ?? []).filter((t) => !t.revokedAt).length} active` },
        { label: 'Rate limit', render: (d) => rateLimitText(d.rateLimit) },
        { label: 'SCIM base path', render: (d) => h('code.wrap-anywhere', d.basePath) },
      ],
    }), 'Could not load the directories');
    reload();
  },
};
