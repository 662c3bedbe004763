// The Managed accounts page and the account page in a real browser (docs/console.md "Managed
// accounts", "The account page"), played as seeds/managed-accounts-overview.txt and
// managed-account-edit.txt describe: the counts, search, the advanced filter and its error,
// sorting, paging, the export; editing a profile, a synced field locked, an email change with
// its pending state, resend and cancel, deactivation, deletion and its cancellation.
//
// Data: the domain acme.test is verified and claimed, then the directory "okta" pushes
// PUSHED accounts over SCIM (synced, managed) and one account is invited by email to a site
// (managed, not synced: the admin's to edit).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';

import {
    adminApi, allowStatus, checkAccessibility, consoleUrl, linkIn, mailTo, newPage, publishTxt, scim, screenshot,
    signIn, startBrowser,
} from './support/harness.mjs';

const browser = await startBrowser();
const DOMAIN = 'acme.test';
const PUSHED = 104; // with the invited account: 105, more than the page of 100
const people = ['Grace Hopper', 'Ada Lovelace', 'Alan Turing', 'Barbara Liskov', 'Edsger Dijkstra', 'Ken Thompson'];
let site;
let invited; // the account invited by email: managed, not synced
let synced; // Grace Hopper, pushed by okta

function userOf(index) {
    const name = people[index] ?? `Person ${String(index).padStart(3, '0')}`;
    const [given, family] = name.split(' ');
    return {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: `${given}.${family}@${DOMAIN}`.toLowerCase(),
        name: { givenName: given, familyName: family },
        displayName: name,
        emails: [{ value: `${given}.${family}@${DOMAIN}`.toLowerCase(), primary: true }],
        active: true,
    };
}

before(async () => {
    const domain = await adminApi('POST', '/domains', { name: DOMAIN });
    await publishTxt(domain.verification.name, domain.verification.value);
    await adminApi('POST', `/domains/${DOMAIN}/verify`);
    await adminApi('POST', `/domains/${DOMAIN}/claim`);
    for (let start = 0; start < PUSHED; start += 8) {
        await Promise.all(Array.from({ length: Math.min(8, PUSHED - start) }, (_, i) => scim('POST', '/Users', userOf(start + i))));
    }
    site = await adminApi('POST', '/sites', { name: 'Acme Cloud', url: 'acme-cloud.example.net', products: ['jira', 'confluence'] });
    const user = await adminApi('POST', `/sites/${site.id}/users`, { email: `zoe.admin-kept@${DOMAIN}` });
    await adminApi('PUT', `/sites/${site.id}/users/${user.accountId}/products/jira`);
    invited = await adminApi('GET', `/accounts/${user.accountId}`);
    const found = await adminApi('GET', `/managed-accounts?filter=${encodeURIComponent(`email eq "grace.hopper@${DOMAIN}"`)}`);
    synced = found.accounts[0];
    assert.equal(invited.accountType, 'managed');
    assert.equal(invited.synced, false);
    assert.equal(synced.synced, true);
});

// The latest message to `address` with a link whose path starts with `prefix` (the address
// also got the site's invitation).
async function messageWithLink(address, prefix) {
    for (let count = 1; count < 10; count += 1) {
        const messages = await mailTo(address, { count });
        const found = messages.reverse().find((message) => {
            try {
                return new URL(linkIn(message)).pathname.startsWith(prefix);
            } catch {
                return false;
            }
        });
        if (found) return found;
    }
    throw new Error(`no message to ${address} links to ${prefix}`);
}

async function rows(page) {
    return page.locator('.results tbody tr');
}

test('signing in lands on Managed accounts with the three counts, the list and its paging', async (t) => {
    const page = await newPage(t, browser);
    await page.goto(consoleUrl(''));
    await page.waitForURL(/\/console\/sign-in\?next=/);
    await page.getByLabel('Admin token').waitFor();
    await checkAccessibility(page, 'sign-in');
    await screenshot(page, 'sign-in');
    await signIn(page);
    assert.equal(new URL(page.url()).pathname, '/console/');
    await page.getByRole('heading', { level: 1, name: 'Managed accounts' }).waitFor();
    // The header names the organization the token is of.
    assert.match(await page.getByRole('banner').innerText(), /Organization\s+acme\b/);
    const stats = page.locator('.stats');
    await stats.waitFor();
    assert.match(await stats.innerText(), /Managed accounts\s+105\b/);
    assert.match(await stats.innerText(), /Deactivated\s+0\b/);
    assert.match(await stats.innerText(), /Secure login\s+0%/);
    await page.locator('.pager-range').first().waitFor();
    assert.equal(await page.locator('.pager-range').first().innerText(), '1–100 of 105');
    assert.equal(await (await rows(page)).count(), 100);
    // The synced badge names the directory; product access shows the site.
    const grace = page.locator('.results tbody tr', { hasText: `grace.hopper@${DOMAIN}` });
    assert.match(await grace.innerText(), /Synced · okta/);
    const zoe = page.locator('.results tbody tr', { hasText: `zoe.admin-kept@${DOMAIN}` });
    assert.equal(await zoe.count(), 0, 'zoe sorts after the first page by email');
    await checkAccessibility(page, 'managed accounts');
    await screenshot(page, 'accounts');

    await page.getByRole('button', { name: 'Next' }).first().click();
    await page.waitForURL(/page=2/);
    await page.locator('.pager-range', { hasText: '101–105 of 105' }).first().waitFor();
    assert.equal(await (await rows(page)).count(), 5);
    const last = page.locator('.results tbody tr', { hasText: `zoe.admin-kept@${DOMAIN}` });
    assert.match(await last.innerText(), /jira\s*·\s*Acme Cloud/i);
    await page.goBack();
    await page.locator('.pager-range', { hasText: '1–100 of 105' }).first().waitFor();
});

test('search by name or email, kept in the URL through reload and Back', async (t) => {
    const page = await newPage(t, browser);
    await signIn(page);
    await page.getByLabel('Search by name or email').fill('LOVELACE');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/q=LOVELACE/);
    await page.locator('.pager-range', { hasText: '1–1 of 1' }).first().waitFor();
    assert.match(await (await rows(page)).first().innerText(), /Ada Lovelace/);
    await page.reload();
    await page.locator('.pager-range', { hasText: '1–1 of 1' }).first().waitFor();
    assert.equal(await page.getByLabel('Search by name or email').inputValue(), 'LOVELACE');
    // A quote in the search is a value, not filter syntax.
    await page.getByLabel('Search by name or email').fill('a" or email pr or "');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('No managed account matches.').waitFor();
    await page.goBack();
    await page.locator('.pager-range', { hasText: '1–1 of 1' }).first().waitFor();
    await screenshot(page, 'accounts-search');
});

test('the advanced filter: results, and an error shown with the server’s detail', async (t) => {
    const page = await newPage(t, browser);
    allowStatus(page, 400, 'GET', /\/managed-accounts$/);
    await signIn(page);
    await page.getByText('Advanced filter').click();
    await page.getByLabel('SCIM filter').fill('synced eq false');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('.pager-range', { hasText: '1–1 of 1' }).first().waitFor();
    assert.match(await (await rows(page)).first().innerText(), /zoe\.admin-kept/);

    const bad = 'email eq "x" and (displayName co "y"';
    const server = await adminApi('GET', `/managed-accounts?filter=${encodeURIComponent(bad)}`, undefined, { expect: 400 });
    assert.equal(server.error, 'invalid_filter');
    await page.getByLabel('SCIM filter').fill(bad);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const alert = page.locator('.filter-error [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), new RegExp(server.detail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(await page.getByLabel('SCIM filter').getAttribute('aria-invalid'), 'true');
    await checkAccessibility(page, 'managed accounts, filter error');
    await screenshot(page, 'accounts-filter-error');
});

test('sorting by a column, in both orders', async (t) => {
    const page = await newPage(t, browser);
    await signIn(page);
    const emailHeading = page.locator('th[data-sort-key="email"]');
    await emailHeading.waitFor();
    assert.equal(await emailHeading.getAttribute('aria-sort'), 'ascending');
    await emailHeading.getByRole('button').click();
    await page.waitForURL(/sortBy=email&sortOrder=descending/);
    await page.locator('th[data-sort-key="email"][aria-sort="descending"]').waitFor();
    assert.match(await (await rows(page)).first().innerText(), /zoe\.admin-kept/);
    for (const [sortBy, sortOrder] of [['displayName', 'ascending'], ['created', 'ascending'], ['created', 'descending']]) {
        await page.locator(`th[data-sort-key="${sortBy}"] button`).click();
        await page.waitForURL(sortOrder === 'descending' ? new RegExp(`sortBy=${sortBy}&sortOrder=descending`) : new RegExp(`sortBy=${sortBy}$`));
        await page.locator(`th[data-sort-key="${sortBy}"][aria-sort="${sortOrder}"]`).waitFor();
        const first = await adminApi('GET', `/managed-accounts?sortBy=${sortBy}&sortOrder=${sortOrder}&count=1`);
        assert.match(await (await rows(page)).first().innerText(), new RegExp(first.accounts[0].email.replace(/[.]/g, '\\.')));
    }
    // The focus stays on the heading just pressed.
    assert.equal(await page.evaluate(() => document.activeElement?.closest('th')?.dataset.sortKey), 'created');
});

test('the export downloads the managed accounts as CSV', async (t) => {
    const page = await newPage(t, browser);
    await signIn(page);
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const download = await downloading;
    assert.equal(download.suggestedFilename(), 'managed-accounts.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    assert.match(lines[0], /^Name,Email,/);
    assert.equal(lines.length, 106);
    assert.ok(lines.some((line) => line.includes(`zoe.admin-kept@${DOMAIN}`)));
});

test('editing a profile, a synced account’s locked fields and its refused deactivation', async (t) => {
    const page = await newPage(t, browser);
    allowStatus(page, 403, 'POST', /\/deactivate$/);
    // Signed out, the account's address leads to sign-in, which then goes back to it.
    await page.goto(consoleUrl(`accounts/${invited.id}`));
    await page.waitForURL(/\/console\/sign-in\?next=/);
    await signIn(page);
    assert.equal(new URL(page.url()).pathname, `/console/accounts/${invited.id}`);
    await page.getByRole('heading', { level: 2, name: 'Details' }).waitFor();
    await checkAccessibility(page, 'account');
    await screenshot(page, 'account', { fullPage: true });
    await page.getByRole('button', { name: 'Edit details' }).click();
    await page.getByLabel('Job title').fill('Chief Scientist');
    await page.getByLabel('Location').fill('Berlin');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.locator('.details', { hasText: 'Chief Scientist' }).waitFor();
    const saved = await adminApi('GET', `/accounts/${invited.id}`);
    assert.equal(saved.jobTitle, 'Chief Scientist');
    assert.equal(saved.location, 'Berlin');
    assert.equal(saved.displayName, invited.displayName, 'fields left alone are not sent');

    await page.goto(consoleUrl(`accounts/${synced.id}`));
    await page.getByText('Synced via provisioning').waitFor();
    await page.getByRole('button', { name: 'Edit details' }).click();
    const displayName = page.getByLabel('Display name');
    assert.equal(await displayName.getAttribute('readonly'), '');
    assert.match(await page.locator('.field', { has: displayName }).innerText(), /Managed by the directory "okta"/);
    assert.equal(await page.getByLabel('Location').getAttribute('readonly'), null, 'location is the organization’s');
    await page.getByLabel('Location').fill('Arlington');
    await checkAccessibility(page, 'account, synced, editing');
    await screenshot(page, 'account-synced-locked');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.locator('.details', { hasText: 'Arlington' }).waitFor();

    await page.getByRole('button', { name: 'Deactivate account' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate account' }).click();
    const refusal = page.locator('.page-errors [role="alert"]');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /okta/);
    assert.equal((await adminApi('GET', `/accounts/${synced.id}`)).lifecycle, 'active');
});

test('changing an email address: verification first, then pending, resend and cancel', async (t) => {
    const page = await newPage(t, browser);
    allowStatus(page, 409, 'POST', /\/email$/);
    await signIn(page);
    await page.goto(consoleUrl(`accounts/${invited.id}`));
    const email = page.getByRole('region', { name: 'Email address' });
    await email.getByText('Not verified', { exact: true }).waitFor();
    // Unverified: the server refuses the change and says to send the verification.
    await email.getByLabel('New email address').fill(`zoe.new@${DOMAIN}`);
    await email.getByRole('button', { name: 'Change email' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Change email address' }).click();
    await email.locator('[role="alert"]').waitFor();
    assert.match(await email.locator('[role="alert"]').innerText(), /verif/i);

    await email.getByRole('button', { name: 'Send verification email' }).click();
    await page.locator('#status-region', { hasText: 'verification email' }).waitFor();
    const verification = await messageWithLink(invited.email, '/email-verifications/');
    const confirmPage = await newPage(t, browser);
    await confirmPage.goto(linkIn(verification));
    await confirmPage.getByRole('button').click();
    await confirmPage.waitForLoadState();
    assert.equal((await adminApi('GET', `/accounts/${invited.id}`)).emailVerified, true);

    await page.reload();
    await email.getByText('Verified', { exact: true }).waitFor();
    await email.getByLabel('New email address').fill(`zoe.new@${DOMAIN}`);
    await email.getByRole('button', { name: 'Change email' }).click();
    const dialog = page.getByRole('dialog');
    assert.match(await dialog.innerText(), /We’ll email the user to verify the change\. Until then, you’ll continue to manage this account with the original email address\./);
    await dialog.getByRole('button', { name: 'Change email address' }).click();
    await email.getByText('Waiting for confirmation').waitFor();
    assert.match(await email.innerText(), new RegExp(`Changing to\\s+zoe\\.new@${DOMAIN.replace('.', '\\.')}`));
    await mailTo(`zoe.new@${DOMAIN}`);
    await checkAccessibility(page, 'account, email pending');
    await screenshot(page, 'account-email-pending');

    await email.getByRole('button', { name: 'Resend confirmation email' }).click();
    await mailTo(`zoe.new@${DOMAIN}`, { count: 2 });
    await email.getByRole('button', { name: 'Cancel email change' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel email change' }).click();
    await email.getByText('Waiting for confirmation').waitFor({ state: 'detached' });
    const after = await adminApi('GET', `/accounts/${invited.id}`);
    assert.equal(after.pendingEmail, null);
    assert.equal(after.email, invited.email);
});

test('deactivate, reactivate, delete and cancel the deletion, each confirmed first', async (t) => {
    const page = await newPage(t, browser);
    await signIn(page);
    await page.goto(consoleUrl(`accounts/${invited.id}`));
    const title = page.getByRole('heading', { level: 1 });
    await page.getByRole('button', { name: 'Deactivate account' }).click();
    let dialog = page.getByRole('dialog');
    assert.match(await dialog.innerText(), /can no longer log in/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Deactivate account', 'the focus returns');
    assert.equal((await adminApi('GET', `/accounts/${invited.id}`)).lifecycle, 'active', 'Escape cancels');

    await page.getByRole('button', { name: 'Deactivate account' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Deactivate account' }).click();
    await page.locator('.account-meta', { hasText: 'Deactivated' }).waitFor();
    assert.equal((await adminApi('GET', '/managed-accounts/summary')).deactivated, 1);

    await page.getByRole('button', { name: 'Reactivate account' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reactivate account' }).click();
    await page.locator('.account-meta', { hasText: 'Active' }).waitFor();

    await page.getByRole('button', { name: 'Delete account' }).click();
    dialog = page.getByRole('dialog');
    assert.match(await dialog.innerText(), /14 days/);
    await dialog.getByRole('button', { name: 'Delete account' }).click();
    await page.locator('.account-meta', { hasText: 'Pending deletion' }).waitFor();
    const pending = await adminApi('GET', `/accounts/${invited.id}`);
    assert.equal(pending.lifecycle, 'pending_deletion');
    assert.ok(pending.deletionDueAt);
    await checkAccessibility(page, 'account, pending deletion');
    await screenshot(page, 'account-pending-deletion');

    await page.getByRole('button', { name: 'Cancel deletion' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel deletion' }).click();
    await page.locator('.account-meta', { hasText: 'Deactivated' }).waitFor();
    assert.equal((await adminApi('GET', `/accounts/${invited.id}`)).lifecycle, 'deactivated');
    await title.waitFor();

    // The account's journal lists what the admin did.
    const journal = page.getByRole('region', { name: 'Journal' });
    await journal.getByText('account.cancel-deletion').waitFor();

    await page.goto(consoleUrl(''));
    const stats = page.locator('.stats');
    await stats.waitFor();
    assert.match(await stats.innerText(), /Deactivated\s+1\b/);
});

test('at phone width the navigation collapses and the list reads as cards', async (t) => {
    const page = await newPage(t, browser, { viewport: { width: 390, height: 844 } });
    await signIn(page);
    await page.locator('.results tbody tr').first().waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no horizontal scroll');
    assert.equal(await page.locator('#console-nav').isVisible(), false);
    await checkAccessibility(page, 'managed accounts, phone');
    await screenshot(page, 'accounts-phone');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Users' }).waitFor();
    await page.goto(consoleUrl(`accounts/${synced.id}`));
    await page.getByRole('heading', { level: 2, name: 'Details' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no horizontal scroll');
    await screenshot(page, 'account-phone');
});

test('signing out ends the session: the console asks to sign in again', async (t) => {
    const page = await newPage(t, browser);
    await signIn(page);
    await page.locator('.stats').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/console\/sign-in$/);
    await page.getByText('You have signed out.').waitFor();
    await page.goto(consoleUrl('accounts'));
    await page.waitForURL(/\/console\/sign-in\?next=%2Fconsole%2Faccounts$/);
    await page.getByLabel('Admin token').waitFor();
});
