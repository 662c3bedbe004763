// What an admin needs to connect an identity provider to a directory: the SCIM base URL and a
// token (shown once), each with a copy button, and the README's step-by-step instructions for
// Okta and Microsoft Entra ID ("Connecting an identity provider"), filled in with this
// directory's URL. Used when a directory is created and on the directory's page.

import { h } from './dom.js';
import { copyButton, notice } from './ui.js';

// The SCIM base URL an identity provider is given: this server's origin and the directory's path
// (the console is served on the same origin as SCIM).
export function scimBaseUrl(directory) {
  return window.location.origin + directory.basePath;
}

// A value shown with a copy button: the URL, a token.
export function copyable(label, value, { secret = false } = {}) {
  return h('div', { class: 'copyable' },
    h('p', { class: 'copyable-label' }, label),
    h('div', { class: 'copyable-row' },
      h('code', { class: `copyable-value${secret ? ' copyable-secret' : ''}` }, value),
      copyButton(value, `Copy ${label}`)));
}

// The token just issued: shown this once, with the warning that it cannot be shown again.
export function tokenOnce(token) {
  return h('div', { class: 'token-once' },
    notice('Copy it now and put it in your identity provider: scimd keeps only its hash and cannot show it again.',
      { tone: 'warning', title: 'This token is shown once' }),
    copyable('Bearer token', token, { secret: true }));
}

export function instructions(baseUrl) {
  const code = (text) => h('code', {}, text);
  const strong = (text) => h('strong', {}, text);
  return h('div', { class: 'instructions' },
    h('details', { class: 'disclosure', open: true },
      h('summary', {}, 'Okta'),
      h('ol', { class: 'steps' },
        h('li', {}, 'In the Okta admin console, open your app integration, ', strong('General → Provisioning: SCIM'), ', then the ', strong('Provisioning'), ' tab → ', strong('Integration'), '.'),
        h('li', {}, strong('SCIM connector base URL'), ': ', code(baseUrl), '.'),
        h('li', {}, strong('Unique identifier field for users'), ': ', code('userName'), '.'),
        h('li', {}, strong('Supported provisioning actions'), ': ', h('em', {}, 'Push New Users'), ', ', h('em', {}, 'Push Profile Updates'), ', ', h('em', {}, 'Push Groups'), '.'),
        h('li', {}, strong('Authentication Mode'), ': ', h('em', {}, 'HTTP Header'), '; ', strong('Authorization'), ': ', code('Bearer scimd_…'), ' (the token).'),
        h('li', {}, strong('Test Connector Configuration'), ', then save and enable ', h('em', {}, 'Create Users'), ', ', h('em', {}, 'Update User Attributes'),
          ' and ', h('em', {}, 'Deactivate Users'), ' under ', strong('To App'), '. Groups go through the app’s ', strong('Push Groups'), ' tab.'))),
    h('details', { class: 'disclosure', open: true },
      h('summary', {}, 'Microsoft Entra ID'),
      h('ol', { class: 'steps' },
        h('li', {}, 'In the Entra admin center, ', strong('Enterprise applications → New application → Create your own application'),
          ' (non-gallery), then ', strong('Provisioning → Get started'), ', mode ', strong('Automatic'), '.'),
        h('li', {}, strong('Tenant URL'), ': ', code(baseUrl), '.'),
        h('li', {}, strong('Secret Token'), ': the token, ', code('scimd_…'), ' (without ', code('Bearer'), ').'),
        h('li', {}, strong('Test Connection'), ', save, review the attribute mappings (the matching attribute is ', code('userName'), '), and turn provisioning on. ',
          'Groups assigned to the application are provisioned too (', strong('Mappings → Provision Microsoft Entra ID Groups'), ').'))),
    h('p', { class: 'field-hint' }, 'The identity provider must reach this server over HTTPS with a certificate it trusts.'));
}
