// What an identity provider needs to connect to a directory: the SCIM base URL, a token (shown
// once) and the README's steps for Okta and Microsoft Entra ("Connecting an identity provider").

import { h, copyButton, notice } from './ui.js';

// The console is served on the same origin as SCIM.
export function scimBaseUrl(directory) {
  return location.origin + directory.basePath;
}

export function copyable(label, value, secret) {
  return h('div.copyable',
    h('p.copyable-label', label),
    h('div.copyable-row',
      h('code', { class: `copyable-value${secret ? ' copyable-secret' : ''}` }, value),
      copyButton(value, `Copy ${label}`)));
}

export function tokenOnce(token) {
  return h('div.token-once',
    notice('Copy it now and put it in your identity provider: scimd keeps only its hash and cannot show it again.',
      'This token is shown once', 'warning'),
    copyable('Bearer token', token, true));
}

export function instructions(baseUrl) {
  const [code, strong, em] = ['code', 'strong', 'em'].map((tag) => (text) => h(tag, text));
  // One provider's numbered steps (each an array of text and nodes), open.
  const steps = (name, ...items) => h('details.disclosure', { open: true }, h('summary', name), h('ol.steps', items.map((item) => h('li', item))));
  return h('div.instructions',
    steps('Okta',
      ['In the Okta admin console, open your app integration, ', strong('General → Provisioning: SCIM'), ', then the ', strong('Provisioning'), ' tab → ', strong('Integration'), '.'],
      [strong('SCIM connector base URL'), ': ', code(baseUrl), '.'],
      [strong('Unique identifier field for users'), ': ', code('userName'), '.'],
      [strong('Supported provisioning actions'), ': ', em('Push New Users'), ', ', em('Push Profile Updates'), ', ', em('Push Groups'), '.'],
      [strong('Authentication Mode'), ': ', em('HTTP Header'), '; ', strong('Authorization'), ': ', code('Bearer scimd_…'), ' (the token).'],
      [strong('Test Connector Configuration'), ', then save and enable ', em('Create Users'), ', ', em('Update User Attributes'),
        ' and ', em('Deactivate Users'), ' under ', strong('To App'), '. Groups go through the app’s ', strong('Push Groups'), ' tab.']),
    steps('Microsoft Entra ID',
      ['In the Entra admin center, ', strong('Enterprise applications → New application → Create your own application'),
        ' (non-gallery), then ', strong('Provisioning → Get started'), ', mode ', strong('Automatic'), '.'],
      [strong('Tenant URL'), ': ', code(baseUrl), '.'],
      [strong('Secret Token'), ': the token, ', code('scimd_…'), ' (without ', code('Bearer'), ').'],
      [strong('Test Connection'), ', save, review the attribute mappings (the matching attribute is ', code('userName'), '), and turn provisioning on. ',
        'Groups assigned to the application are provisioned too (', strong('Mappings → Provision Microsoft Entra ID Groups'), ').']),
    h('p.field-hint', 'The identity provider must reach this server over HTTPS with a certificate it trusts.'));
}
