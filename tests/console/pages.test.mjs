// The Domains, Groups, Users, Directories and Journal pages, played through as an admin would
// (docs/console.md): verify and claim a domain through the test DNS server and see the Managed
// accounts count change; create a group and add a member; invite, suspend, restore and remove
// on the Users page; connect a directory, push a user with the token the page showed, and see
// the push in the directory's health and in the journal. Each page is checked with axe and
// photographed, at 1280×800 and at phone width.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
    adminApi,
    allowStatus,
    checkAccessibility,
    consoleUrl,
    env,
    newPage,
    publishTxt,
    request,
    scim,
    screenshot,
    signIn,
    startBrowser,
} from './support/harness.mjs';

const browser = await startBrowser();
const phone = { viewport: { width: 390, height: 844 } };
const domain = 'pages-acme.test';

function scimUser(userName, extra = {}) {
    return {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName,
        displayName: userName.split('@')[0].replace(/^./, (c) => c.toUpperCase()),
        emails: [{ value: userName, primary: true }],
        active: true,
        ...extra,
    };
}

async function open(page, path) {
    await page.goto(consoleUrl(path));
    await page.getByRole('heading', { level: 1 }).waitFor();
}

// No horizontal scrolling at phone width: the page fits the screen.
async function fitsWidth(page, label) {
    const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
    assert.ok(scroll <= width, `${label} scrolls sideways at ${width} px (${scroll} px wide)`);
}

// Waits until `locator` matches exactly `count` elements (a list redrawn after a filter).
async function waitForCount(locator, count, label) {
    const started = Date.now();
    while ((await locator.count()) !== count) {
        assert.ok(Date.now() - started < 15000, `${label}: ${await locator.count()} shown, ${count} expected`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

async function managedTotal() {
    return (await adminApi('GET', '/managed-accounts/summary')).total;
}

test('Domains: add, verify through DNS (not found first), claim, and the Managed accounts count grows', async (t) => {
    await scim('POST', '/Users', scimUser(`ada@${domain}`));
    await scim('POST', '/Users', scimUser(`grace@${domain}`));
    const before = await managedTotal();

    const page = await newPage(t, browser);
    allowStatus(page, 409, 'POST', `/admin/organizations/${env.organizationId}/domains/${domain}/verify`);
    await signIn(page);
    await open(page, 'domains');
    await page.getByRole('textbox', { name: 'Domain' }).fill(domain);
    await page.getByRole('button', { name: 'Add domain' }).click();
    const panel = page.getByRole('region', { name: new RegExp(domain.replace(/\./g, '\\.')) });
    await panel.getByText('Unverified').waitFor();

    const recordName = await panel.locator('.record-row', { hasText: 'Name' }).locator('code').textContent();
    const recordValue = await panel.locator('.record-row', { hasText: 'Value' }).locator('code').textContent();
    assert.equal(recordName, `_scimd-challenge.${domain}`);
    assert.match(recordValue, /^scimd-verification=/);

    // Verified too early: the server's words say the record is not there yet.
    await panel.getByRole('button', { name: 'Verify' }).click();
    await panel.getByRole('alert').getByText(/no TXT record .* yet/).waitFor();
    await checkAccessibility(page, 'domains');
    await screenshot(page, 'domains', { fullPage: true });

    await publishTxt(recordName, recordValue);
    await panel.getByRole('button', { name: 'Verify' }).click();
    await panel.getByText('Verified', { exact: true }).first().waitFor();
    await panel.getByText(`Claiming takes 2 accounts on ${domain}`).waitFor();
    await screenshot(page, 'domains-verified', { fullPage: true });

    await panel.getByRole('button', { name: 'Claim accounts' }).click();
    const dialog = page.getByRole('dialog', { name: `Claim the accounts on ${domain}?` });
    await dialog.getByText(/2 accounts on .* become managed accounts/).waitFor();
    await dialog.getByRole('button', { name: 'Claim accounts' }).click();
    await panel.getByText('Claimed', { exact: true }).first().waitFor();
    assert.equal(await managedTotal(), before + 2);

    // The Managed accounts page counts them.
    await open(page, 'accounts');
    const total = page.locator('.stat', { hasText: 'Managed accounts' }).locator('.stat-value');
    await total.filter({ hasText: new RegExp(`^${before + 2}$`) }).waitFor();
});

test('Groups: create a group, add a member found by email, grant a product, see it listed', async (t) => {
    const site = await adminApi('POST', '/sites', { name: 'Pages Cloud', url: 'pages-cloud.example.net', products: ['jira', 'confluence'] });
    const page = await newPage(t, browser);
    await signIn(page);
    await open(page, 'groups');
    await page.getByRole('textbox', { name: /^Name/ }).fill('Designers');
    await page.getByRole('button', { name: 'Create group' }).click();
    await page.getByRole('heading', { level: 1, name: 'Designers' }).waitFor();

    await page.getByLabel('Find an account by email or name').fill('ada@');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: `Add ada@${domain}` }).click();
    const members = page.getByRole('table', { name: 'Members of Designers' });
    await members.getByText(`ada@${domain}`).waitFor();

    const grant = page.getByRole('form', { name: 'Grant a product' });
    await grant.getByLabel('Site').selectOption(site.id);
    await grant.getByLabel('Product').selectOption('jira');
    await grant.getByRole('button', { name: 'Grant' }).click();
    await page.getByRole('table', { name: 'Product access the group grants' }).getByText('Pages Cloud').waitFor();
    const group = (await adminApi('GET', '/groups?displayName=Designers')).groups[0];
    assert.equal(group.memberCount, 1);
    assert.deepEqual(group.productGrants.map((g) => `${g.site.name}/${g.product}`), ['Pages Cloud/jira']);
    await checkAccessibility(page, 'group');
    await screenshot(page, 'group', { fullPage: true });

    await open(page, 'groups');
    const row = page.getByRole('row', { name: /Designers/ });
    await row.getByText('Admin-kept').waitFor();
    await row.getByText('Jira on Pages Cloud').waitFor();
    await checkAccessibility(page, 'groups');
    await screenshot(page, 'groups', { fullPage: true });
});

test('Users: invite by email, grant a product, suspend, restore and remove with confirmation', async (t) => {
    const sites = (await adminApi('GET', '/sites')).sites;
    const site = sites.find((s) => s.name === 'Pages Cloud') ??
        (await adminApi('POST', '/sites', { name: 'Pages Cloud', url: 'pages-cloud.example.net', products: ['jira', 'confluence'] }));
    const page = await newPage(t, browser);
    await signIn(page);
    await open(page, 'users');
    const invite = page.getByRole('form', { name: 'Invite a user' });
    await invite.getByLabel('Site').selectOption(site.id);
    await invite.getByLabel('Email address or account id').fill('jane@partner.example');
    await invite.getByRole('button', { name: 'Invite' }).click();
    const row = page.getByRole('row', { name: /jane@partner\.example/ });
    await row.getByText('Invited').first().waitFor();
    await page.locator('.stat', { hasText: 'Invited' }).getByText('1', { exact: true }).waitFor();
    await checkAccessibility(page, 'users');
    await screenshot(page, 'users', { fullPage: true });

    await row.getByRole('button', { name: 'Manage jane@partner.example' }).click();
    const manage = page.getByRole('dialog', { name: 'jane@partner.example' });
    await manage.getByLabel('Jira').check();
    await manage.getByText('Jira on Pages Cloud granted.').or(page.locator('#status-region', { hasText: 'granted' })).first().waitFor();
    await checkAccessibility(page, 'users-manage');
    await screenshot(page, 'users-manage');

    await manage.getByRole('button', { name: 'Suspend' }).click();
    const confirmSuspend = page.getByRole('dialog', { name: /Suspend jane@partner\.example on Pages Cloud\?/ });
    await confirmSuspend.getByText(/product access and group memberships remain as configured/).waitFor();
    await confirmSuspend.getByRole('button', { name: 'Suspend' }).click();
    await manage.getByRole('button', { name: 'Restore' }).waitFor();
    const account = (await adminApi('GET', '/users')).users.find((u) => u.email === 'jane@partner.example');
    assert.equal(account.status, 'suspended');
    assert.deepEqual(account.sites[0].products.map((p) => p.product), ['jira'], 'suspension keeps product access');

    await manage.getByRole('button', { name: 'Restore' }).click();
    await manage.getByRole('button', { name: 'Suspend' }).waitFor();
    assert.equal((await adminApi('GET', `/sites/${site.id}/users/${account.accountId}`)).status, 'invited');

    await manage.getByRole('button', { name: 'Remove from site' }).click();
    const confirmRemove = page.getByRole('dialog', { name: /Remove jane@partner\.example from Pages Cloud\?/ });
    await confirmRemove.getByText(/lose their access to every product of this site/).waitFor();
    await confirmRemove.getByRole('button', { name: 'Remove' }).click();
    await manage.getByText('No longer on any of the sites shown.').waitFor();
    await manage.getByRole('button', { name: 'Close' }).click();
    await row.waitFor({ state: 'detached' });
    await adminApi('GET', `/sites/${site.id}/users/${account.accountId}`, undefined, { expect: 404 });

    // Filters live in the URL, and the export link names the site.
    await page.getByLabel('Status').selectOption('suspended');
    await page.waitForURL(/status=suspended/);
    const exportHref = await page.getByRole('link', { name: 'Export users' }).getAttribute('href');
    assert.match(exportHref, new RegExp(`/admin/organizations/${env.organizationId}/exports/site-users`));

    const small = await newPage(t, browser, phone);
    await signIn(small);
    await open(small, 'users');
    await fitsWidth(small, 'users');
    await screenshot(small, 'users-phone', { fullPage: true });
});

test('Directories: connect one, push a user with the shown token, see it in the health and the journal', async (t) => {
    const page = await newPage(t, browser);
    await signIn(page);
    await open(page, 'directories');
    await page.getByRole('textbox', { name: /^Name/ }).fill('entra');
    await page.getByRole('button', { name: 'Create directory' }).click();
    const connect = page.getByRole('region', { name: 'Connect entra' });
    await connect.getByText('This token is shown once').waitFor();
    const baseUrl = await connect.locator('.copyable', { hasText: 'SCIM base URL' }).locator('code').textContent();
    const token = await connect.locator('.copyable', { hasText: 'Bearer token' }).locator('code').textContent();
    assert.match(baseUrl, new RegExp(`^${env.baseUrl}/scim/directory/[0-9a-f-]+$`));
    assert.match(token, /^scimd_/);
    await connect.getByText('Microsoft Entra ID', { exact: true }).waitFor();
    await connect.getByText(baseUrl).first().waitFor(); // the steps name this directory's URL
    await checkAccessibility(page, 'directories');
    await screenshot(page, 'directories', { fullPage: true });

    // The identity provider's first push, with what the page showed; then a refused one.
    const push = (body) => request('POST', `${baseUrl}/Users`, {
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' }, body,
    });
    assert.equal((await push(scimUser('linus@entra-pages.example', { active: 'True' }))).status, 201);
    assert.equal((await push(scimUser('linus@entra-pages.example'))).status, 409);

    await connect.getByRole('link', { name: /Open entra/ }).click();
    await page.getByRole('heading', { level: 1, name: 'entra' }).waitFor();
    const health = page.getByRole('region', { name: 'Health' });
    const writes = health.locator('.stat', { hasText: 'Writes, last 24 h' });
    await writes.getByText('2', { exact: true }).waitFor();
    await health.locator('.stat', { hasText: 'Failures, last 24 h' }).getByText('1', { exact: true }).waitFor();
    assert.notEqual(await health.locator('.stat', { hasText: 'Last push' }).locator('.stat-value').textContent(), 'Never');
    await health.getByRole('table', { name: 'Most common errors' }).getByText('uniqueness').waitFor();
    await health.getByRole('table', { name: 'Most common normalizations' }).getByText('boolean-string').waitFor();

    // Rotation: a new token shown once, the first one revoked.
    await page.getByRole('button', { name: 'Issue a new token' }).click();
    await page.getByText('This token is shown once').waitFor();
    const tokens = page.getByRole('table', { name: 'Tokens' });
    await tokens.getByRole('button', { name: /^Revoke the token/ }).first().click();
    await page.getByRole('dialog', { name: /Revoke the token/ }).getByRole('button', { name: 'Revoke token' }).click();
    await tokens.getByText('Revoked').waitFor();

    // Pause, then resume.
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('dialog', { name: 'Pause entra?' }).getByRole('button', { name: 'Pause directory' }).click();
    await page.getByRole('button', { name: 'Resume' }).waitFor();
    await checkAccessibility(page, 'directory');
    await screenshot(page, 'directory', { fullPage: true });
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('button', { name: 'Pause' }).waitFor();

    // The journal shows the push: what was sent and what scimd made of it.
    await page.getByRole('link', { name: 'Open its journal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal' }).waitFor();
    await page.getByLabel('Actor').selectOption('directory');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/actor=directory/);
    const entries = page.getByRole('list', { name: 'Journal entries' }).getByRole('listitem');
    await waitForCount(entries, 2, 'the directory\'s entries');
    const created = entries.filter({ hasText: '201' });
    await created.locator('summary').click();
    await created.getByRole('region', { name: 'Request as sent' }).getByText('"userName": "linus@entra-pages.example"').waitFor();
    await created.getByText(/string "True" for boolean "active" read as true/i).waitFor();

    await page.getByLabel('Outcome').selectOption('failure');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/outcome=failure/);
    await waitForCount(entries, 1, 'its failed entries');
    await entries.first().locator('summary').click();
    await entries.first().getByText(/is already in use in this directory/).first().waitFor();
    await checkAccessibility(page, 'journal');
    await screenshot(page, 'journal', { fullPage: true });

    const small = await newPage(t, browser, phone);
    await signIn(small);
    for (const path of ['domains', 'groups', 'directories', 'journal']) {
        await open(small, path);
        await small.waitForLoadState('networkidle');
        await fitsWidth(small, path);
    }
    await screenshot(small, 'journal-phone', { fullPage: true });
});
