// Directories — connect an identity provider (docs/admin-api.md "Directories"; README
// "Connecting an identity provider"): the organization's directories, one per SCIM connection,
// and a form to create one. A directory just created shows its SCIM base URL and its first token
// (shown once) with copy buttons and the Okta and Entra steps.

import { h, replace } from '../dom.js';
import { api } from '../api.js';
import { href, itemHref } from '../router.js';
import {
  pageHeader, section, dataTable, field, form, button, badge, errorBox, loading, emptyState, announce,
  isQuiet, submitRow,
} from '../ui.js';
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
  render(main, params, query, { signal }) {
    const connect = h('div');
    const list = h('div', {}, loading());
    const name = field({ label: 'Name', name: 'directoryName', required: true, autocomplete: 'off', placeholder: 'okta', hint: 'One directory per identity provider connection, e.g. “okta” or “entra”.' });
    const createForm = form({
      label: 'Create a directory', className: 'form form-inline',
      onSubmit: async () => {
        const created = await api('POST', '/directories', { body: { name: name.control.value.trim() } });
        name.control.value = '';
        announce(`The directory ${created.name} is created. Copy its token now: it is shown once.`);
        const baseUrl = scimBaseUrl(created);
        const headingId = 'connect-heading';
        replace(connect, h('section', { class: 'panel panel-highlight', 'aria-labelledby': headingId },
          h('div', { class: 'panel-header' },
            h('h2', { id: headingId, class: 'panel-title', tabindex: '-1' }, `Connect ${created.name}`)),
          h('div', { class: 'connect-grid' },
            copyable('SCIM base URL', baseUrl),
            tokenOnce(created.token)),
          h('h3', { class: 'subheading' }, 'In your identity provider'),
          instructions(baseUrl),
          h('p', {}, h('a', { class: 'button button-secondary', href: itemHref('directories', created.id) },
            `Open ${created.name}: health, tokens, pause`))));
        connect.querySelector(`#${headingId}`).focus();
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

    const reload = async () => {
      try {
        const answer = await api('GET', '/directories', { signal });
        const rows = answer.directories ?? [];
        replace(list, dataTable({
          caption: 'Directories',
          rows,
          empty: emptyState('No directory yet.', 'Create one above to connect an identity provider.'),
          columns: [
            { key: 'name', label: 'Name', render: (d) => h('a', { class: 'cell-primary', href: itemHref('directories', d.id) }, d.name) },
            { key: 'status', label: 'Status', render: pausedBadge },
            { key: 'tokens', label: 'Tokens', render: (d) => `${(d.tokens ?? []).filter((t) => !t.revokedAt).length} active` },
            { key: 'rateLimit', label: 'Rate limit', render: (d) => rateLimitText(d.rateLimit) },
            { key: 'basePath', label: 'SCIM base path', render: (d) => h('code', { class: 'wrap-anywhere' }, d.basePath) },
          ],
        }));
      } catch (error) {
        if (!isQuiet(error)) replace(list, errorBox(error, { title: 'Could not load the directories' }));
      }
    };
    reload();
  },
};
