// The Domains page (docs/admin-api.md "Domains").

import { api, apiPath } from '../api.js';
import { href } from '../router.js';
import {
  h, pageHeader, section, field, form, actionButton, badge, emptyState, announce, details, formatTime, formatNumber,
  copyButton, load, attempt, confirmButton, submitRow,
} from '../ui.js';

const STATE = {
  unverified: ['Unverified', 'warning'],
  verified: ['Verified', 'info'],
  claimed: ['Claimed', 'success'],
};

function accountsText(count) {
  return `${formatNumber(count)} account${count === 1 ? '' : 's'}`;
}

export default {
  path: 'domains',
  title: 'Domains',
  render(main, params, query) {
    const list = h('div.stack');
    const name = field({
      label: 'Domain', name: 'domain', required: true, spellcheck: 'false', placeholder: 'acme.com',
      hint: 'A subdomain is a domain of its own: acme.com does not cover eu.acme.com.',
    });
    const addForm = form({
      label: 'Add a domain',
      onSubmit: async () => {
        const domain = await api('POST', '/domains', { body: { name: name.text() } });
        name.control.value = '';
        announce(`${domain.name} is added: publish its TXT record, then verify it.`);
        await reload(domain.name);
      },
    }, name, submitRow('Add domain'));

    main.append(
      pageHeader('Domains', {
        description: 'Verify the email domains your organization owns, then claim the accounts on them: ' +
          'claimed accounts become your managed accounts.',
      }),
      section('Add a domain', {}, addForm),
      list);

    // Draws the list; `focusName` is a domain whose heading takes the focus (the one just added).
    const reload = async (focusName) => {
      await load(list, () => api('GET', '/domains'), ({ domains = [] }) => (domains.length
        ? domains.map((domain) => domainPanel(domain, reload))
        : emptyState('No domain yet.', 'Add one above: you will get a DNS TXT record to publish.')), 'Could not load the domains');
      if (focusName) list.querySelector(`[data-domain="${CSS.escape(focusName)}"]`)?.focus();
    };
    reload();
  },
};

function domainPanel(domain, reload) {
  const errors = h('div');
  const path = apiPath`/domains/${domain.name}`;
  const record = recordTable(domain.verification);
  const unclaimed = domain.accounts?.unclaimed ?? 0;
  const managed = domain.accounts?.managed ?? 0;

  const verify = actionButton('Verify', () => attempt(errors, async () => {
    const verified = await api('POST', `${path}/verify`);
    announce(`${verified.name} is verified.`);
    await reload(verified.name);
  }), { kind: 'primary' });

  const claim = confirmButton(domain.state === 'claimed' ? 'Claim the rest' : 'Claim accounts', {
    title: `Claim the accounts on ${domain.name}?`,
    body: [`${accountsText(unclaimed)} on ${domain.name} that no organization manages become managed accounts of your organization: you will edit their details, deactivate and delete them, and your policies apply to them.`,
      'Accounts that appear on the domain later are claimed as they appear. Claiming invites nobody to a site.'],
    confirmLabel: 'Claim accounts',
  }, errors, async () => {
    const claimed = await api('POST', `${path}/claim`);
    announce(`${accountsText(claimed.claimedAccounts ?? 0)} on ${claimed.name} are now managed.`);
    await reload(claimed.name);
  }, { kind: 'primary' });

  const remove = confirmButton('Remove', {
    title: `Remove ${domain.name}?`,
    body: [domain.state === 'unverified'
      ? 'The domain and its verification record are forgotten.'
      : `The ${accountsText(managed)} you manage on ${domain.name} become external users: you stop managing their details and lifecycle, and your policies stop applying to them. Their site and group memberships, directory links and scheduled deletions stay.`,
    'The domain becomes free for another organization to verify.'],
    confirmLabel: 'Remove domain', danger: true,
  }, errors, async () => {
    await api('DELETE', path);
    announce(`${domain.name} is removed.`);
    await reload();
  }, { kind: 'danger-outline', small: true, 'aria-label': `Remove ${domain.name}` });

  const body = domain.state === 'unverified'
    ? h('ol.steps',
        h('li', h('p', 'Publish this TXT record at your DNS provider:'), record),
        h('li', h('p', 'Wait for it to propagate (minutes to hours, depending on the provider), then verify. Nothing is claimed yet.'), verify))
    : [
      details([
        ['Verified', formatTime(domain.verifiedAt)],
        domain.state === 'claimed' ? ['Claimed', formatTime(domain.claimedAt)] : null,
        ['Managed accounts on it', h('a', { href: href('accounts', { filter: `email ew "@${domain.name}"` }) }, formatNumber(managed))],
        ['Not managed by anyone', formatNumber(unclaimed)],
      ]),
      unclaimed > 0 || domain.state === 'verified'
        ? h('div.claim-preview',
          h('p', unclaimed > 0
            ? `Claiming takes ${accountsText(unclaimed)} on ${domain.name} that no organization manages.`
            : `No account on ${domain.name} is waiting to be claimed; claiming now takes the ones that appear later as they appear.`),
          claim)
        : null,
      h('details.disclosure',
        h('summary', 'Verification record (keep it published)'), record),
    ];
  return section([domain.name, ' ', badge(...STATE[domain.state] ?? [domain.state])], {
    className: 'domain', actions: remove, heading: { tabindex: '-1', 'data-domain': domain.name },
  },
    h('p.cell-secondary', 'Added ', formatTime(domain.created)),
    errors,
    body);
}

function recordTable(verification) {
  if (!verification) return null;
  const row = (label, value) => h('div.record-row',
    h('dt', label),
    h('dd', h('code.record-value', value), copyButton(value, `Copy ${label.toLowerCase()}`)));
  return h('dl.record',
    h('div.record-row', h('dt', 'Type'), h('dd', h('code', verification.type))),
    row('Name', verification.name),
    row('Value', verification.value));
}
