// The account page's remaining sections in a real browser (docs/console.md "The account page"),
// played as seeds/managed-account-edit.txt describes them: the profile photo, the exclusion from
// two-step verification until a date, the password reset, the API tokens the user created and
// the recently used devices. Each action goes through the page with the keyboard and its
// confirmation, then the page and the server's state (the admin API) are both checked; what the
// server refuses is shown with its detail.
//
// Data: the domain acme.test is verified and claimed, the directory "okta" pushes two accounts
// (managed, synced: the security actions stay the organization's, docs/accounts.md). Ann is under
// a policy that enforces two-step verification and has API tokens and devices; Bob is under the
// default policy, which does not enforce it.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import {
    adminApi, allowStatus, checkAccessibility, consoleUrl, env, mailTo, newPage, publishTxt, scim, scimdCommand,
    screenshot, signIn, startBrowser,
} from './support/harness.mjs';

const browser = await startBrowser();
const DOMAIN = 'acme.test';
const DAY = 24 * 3600 * 1000;
const FIREFOX_ON_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const SAFARI_ON_IOS = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
// A 1×1 PNG: the photo's https:// host is answered by the test, not the network.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==', 'base64');
const PHOTO_HOST = 'https://photos.example.test';

let ann; // under a policy that enforces two-step verification, enrolled
let bob; // under the default policy
let policy;

const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// The UTC date `days` from now, as a date field holds it ("2026-12-05").
const dateIn = (days) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

async function pushed(given, family) {
    const email = `${given}.${family}@${DOMAIN}`.toLowerCase();
    await scim('POST', '/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: email,
        name: { givenName: given, familyName: family },
        displayName: `${given} ${family}`,
        emails: [{ value: email, primary: true }],
        active: true,
    });
    const found = await adminApi('GET', `/managed-accounts?filter=${encodeURIComponent(`email eq "${email}"`)}`);
    return found.accounts[0];
}

before(async () => {
    const domain = await adminApi('POST', '/domains', { name: DOMAIN });
    await publishTxt(domain.verification.name, domain.verification.value);
    await adminApi('POST', `/domains/${DOMAIN}/verify`);
    await adminApi('POST', `/domains/${DOMAIN}/claim`);
    ann = await pushed('Ann', 'Example');
    bob = await pushed('Bob', 'Example');
    assert.equal(ann.accountType, 'managed');

    policy = await adminApi('POST', '/policies', { name: 'Second step required', type: 'billable', twoStepRequired: true });
    await adminApi('PUT', `/policies/${policy.id}/accounts/${ann.id}`);
    await adminApi('PUT', `/accounts/${ann.id}/two-step-verification`, { enrolled: true });

    // What a person creates in a product (docs/command-line.md "scimd api-token").
    await scimdCommand('api-token', '--email', ann.email, '--label', 'ci-deploy', '--expires-days', '30');
    await scimdCommand('api-token', '--email', ann.email, '--label', 'reporting');

    // What the login service reports (docs/login-hook.md "Reporting a sign-in").
    await adminApi('POST', `/accounts/${ann.id}/sign-ins`, {
        deviceId: 'd-laptop-7f3a', address: '203.0.113.7', userAgent: FIREFOX_ON_LINUX, time: new Date(Date.now() - 2 * 3600 * 1000).toISOString(),
    });
    await adminApi('POST', `/accounts/${ann.id}/sign-ins`, {
        deviceId: 'd-phone-19c2', address: '2001:DB8::0:7', userAgent: SAFARI_ON_IOS, time: new Date(Date.now() - 3600 * 1000).toISOString(),
    });
});

// A page of the console whose requests for photos get the PNG, so that a photo left by an
// earlier test does not fail a later page with a failed request.
async function consolePage(t) {
    const page = await newPage(t, browser);
    await page.route(`${PHOTO_HOST}/**`, (route) => route.fulfill({ contentType: 'image/png', body: PNG }));
    return page;
}

async function accountPage(t, account) {
    const page = await consolePage(t);
    await signIn(page);
    await page.goto(consoleUrl(`accounts/${account.id}`));
    await page.getByRole('heading', { level: 2, name: 'Details' }).waitFor();
    return page;
}

// A picture of one section of the page (the harness's screenshot, clipped to it).
async function sectionScreenshot(page, region, name) {
    await region.scrollIntoViewIfNeeded();
    const box = await region.boundingBox();
    const scroll = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
    const margin = 12;
    await screenshot(page, name, {
        fullPage: true,
        clip: { x: box.x + scroll.x - margin, y: box.y + scroll.y - margin, width: box.width + 2 * margin, height: box.height + 2 * margin },
    });
}

// Presses the dialog's confirm button with the keyboard: the dialog opens on Cancel (the safe
// choice), the confirm button is next.
async function confirmWithKeyboard(page) {
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.value), 'confirm', 'Tab reaches the confirm button');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
}

test('the profile photo: an http address refused with the server’s detail, an https one shown, removed after confirming', async (t) => {
    const page = await accountPage(t, ann);
    allowStatus(page, 400, 'PATCH', `/admin/organizations/${env.organizationId}/accounts/${ann.id}`);
    const photo = page.getByRole('region', { name: 'Profile photo', exact: true });
    await photo.getByText('No profile photo').waitFor();
    const url = photo.getByLabel('Photo URL');

    const insecure = `http://${new URL(PHOTO_HOST).host}/ann.png`;
    const server = await adminApi('PATCH', `/accounts/${ann.id}`, { pictureUrl: insecure }, { expect: 400 });
    await url.fill(insecure);
    await url.press('Enter');
    const refusal = photo.getByRole('alert');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), new RegExp(escaped(server.detail)));
    assert.equal((await adminApi('GET', `/accounts/${ann.id}`)).pictureUrl ?? null, null);

    await url.fill(`${PHOTO_HOST}/ann.png`);
    await url.press('Enter');
    const picture = photo.getByRole('img', { name: 'Profile photo of Ann Example' });
    await picture.waitFor();
    await page.waitForFunction((img) => img.complete && img.naturalWidth === 1, await picture.elementHandle());
    assert.equal((await adminApi('GET', `/accounts/${ann.id}`)).pictureUrl, `${PHOTO_HOST}/ann.png`);
    await sectionScreenshot(page, photo, 'account-photo');

    await photo.getByRole('button', { name: 'Remove photo' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    assert.match(await dialog.innerText(), /Remove the profile photo\?[\s\S]*The products show the initials instead\./);
    await checkAccessibility(page, 'account, remove photo dialog');
    await confirmWithKeyboard(page);
    await photo.getByText('No profile photo').waitFor();
    assert.equal(await picture.count(), 0);
    assert.equal((await adminApi('GET', `/accounts/${ann.id}`)).pictureUrl ?? null, null);
});

test('two-step verification: an exclusion until a date, asked first, ended, and the server’s refusals', async (t) => {
    const page = await accountPage(t, ann);
    const security = page.getByRole('region', { name: 'Security', exact: true });
    await security.getByText('Enrolled', { exact: true }).waitFor();
    await security.getByText('Not excluded').waitFor();
    const until = security.getByLabel('Exclude from two-step verification until');

    // The browser itself stops a date that is not in the future: nothing is sent.
    await until.fill(dateIn(-1));
    await until.press('Enter');
    assert.equal(await until.evaluate((input) => input.validity.rangeUnderflow), true);
    assert.equal(await page.getByRole('dialog').count(), 0);

    const date = dateIn(30);
    await until.fill(date);
    await until.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // The seed: "temporarily exclude a user from being required to log in with a second step".
    assert.match(await dialog.innerText(), new RegExp(`Exclude Ann Example from two-step verification until ${date}\\?`));
    assert.match(await dialog.innerText(), /temporarily excluded from being required to log in with a second step/);
    await checkAccessibility(page, 'account, two-step exclusion dialog');
    await screenshot(page, 'account-two-step-confirm');
    await confirmWithKeyboard(page);
    await security.getByRole('button', { name: 'End the exclusion' }).waitFor();
    assert.equal(await security.getByText('Not excluded').count(), 0);
    const excluded = await adminApi('GET', `/accounts/${ann.id}`);
    assert.equal(Date.parse(excluded.twoStepVerification.excludedUntil), Date.parse(`${date}T00:00:00Z`));
    // What the login service is told: no second step required while the exclusion runs.
    assert.equal((await adminApi('PUT', `/accounts/${ann.id}/two-step-verification`, { enrolled: true })).required, false);
    await sectionScreenshot(page, security, 'account-two-step-excluded');

    await security.getByRole('button', { name: 'End the exclusion' }).focus();
    await page.keyboard.press('Enter');
    assert.match(await dialog.innerText(), /needs its second step again at its next login/);
    await checkAccessibility(page, 'account, end exclusion dialog');
    await confirmWithKeyboard(page);
    await security.getByText('Not excluded').waitFor();
    assert.equal((await adminApi('GET', `/accounts/${ann.id}`)).twoStepVerification.excludedUntil, null);
    assert.equal((await adminApi('PUT', `/accounts/${ann.id}/two-step-verification`, { enrolled: true })).required, true);

    // Bob's policy does not enforce two-step verification: the server's 409 says so.
    const other = await accountPage(t, bob);
    allowStatus(other, 409, 'POST', /\/two-step-exclusion$/);
    const notEnforced = await adminApi('POST', `/accounts/${bob.id}/two-step-exclusion`, { until: `${date}T00:00:00Z` }, { expect: 409 });
    const bobSecurity = other.getByRole('region', { name: 'Security', exact: true });
    await bobSecurity.getByLabel('Exclude from two-step verification until').fill(date);
    await bobSecurity.getByLabel('Exclude from two-step verification until').press('Enter');
    await confirmWithKeyboard(other);
    await bobSecurity.getByRole('alert').waitFor();
    assert.match(await bobSecurity.getByRole('alert').innerText(), new RegExp(escaped(notEnforced.detail)));
    assert.equal((await adminApi('GET', `/accounts/${bob.id}`)).twoStepVerification.excludedUntil, null);
});

test('two-step verification: a date the admin’s clock takes for the future but the server’s does not is refused with its detail', async (t) => {
    // The admin's computer runs three days late: yesterday passes the field's own check (its
    // minimum is the browser's tomorrow), and the server, whose clock decides, refuses it.
    const page = await consolePage(t);
    await page.clock.setFixedTime(new Date(Date.now() - 3 * DAY));
    allowStatus(page, 400, 'POST', /\/two-step-exclusion$/);
    await signIn(page);
    await page.goto(consoleUrl(`accounts/${ann.id}`));
    const security = page.getByRole('region', { name: 'Security', exact: true });
    const past = dateIn(-1);
    const before = (await adminApi('GET', `/accounts/${ann.id}`)).twoStepVerification.excludedUntil;
    const server = await adminApi('POST', `/accounts/${ann.id}/two-step-exclusion`, { until: `${past}T00:00:00Z` }, { expect: 400 });
    const until = security.getByLabel('Exclude from two-step verification until');
    await until.fill(past);
    await until.press('Enter');
    await confirmWithKeyboard(page);
    const refusal = security.getByRole('alert');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), new RegExp(escaped(server.detail)));
    assert.match(server.detail, /must lie in the future/);
    assert.equal((await adminApi('GET', `/accounts/${ann.id}`)).twoStepVerification.excludedUntil, before, 'nothing changed');
    await checkAccessibility(page, 'account, two-step exclusion refused');
    await sectionScreenshot(page, security, 'account-two-step-refused');
});

test('password reset: asked first, Escape cancels, then required at the next login and mailed', async (t) => {
    const page = await accountPage(t, ann);
    const security = page.getByRole('region', { name: 'Security', exact: true });
    await security.getByText('No reset required').waitFor();
    const reset = page.getByRole('button', { name: 'Reset password', exact: true });

    await reset.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    assert.match(await dialog.innerText(), /Require Ann Example to reset their password\?/);
    assert.match(await dialog.innerText(), /They will have to set a new password the next time they log in\./);
    await checkAccessibility(page, 'account, reset password dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal((await adminApi('GET', `/accounts/${ann.id}`)).passwordResetRequired, false, 'Escape cancels');

    await reset.focus();
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Require password reset' }).waitFor();
    await confirmWithKeyboard(page);
    await security.getByText('Reset required at next login').waitFor();
    await page.getByText('The account must set a new password at its next login.').waitFor();
    assert.equal((await adminApi('GET', `/accounts/${ann.id}`)).passwordResetRequired, true);
    // The account's address is told (docs/mail.md "password_reset").
    const [message] = await mailTo(ann.email);
    assert.match(message.headers.Subject, /password/i);
    await screenshot(page, 'account-password-reset');
});

test('API tokens: the user’s tokens listed, one revoked after confirming, the other left alone', async (t) => {
    const page = await accountPage(t, ann);
    const tokens = page.getByRole('region', { name: 'API tokens', exact: true });
    const ci = tokens.getByRole('row', { name: /ci-deploy/ });
    const reporting = tokens.getByRole('row', { name: /reporting/ });
    await ci.waitFor();
    assert.match(await ci.innerText(), /Active/);
    assert.match(await reporting.innerText(), /Never[\s\S]*Active/, 'a token without expiry never expires');

    await tokens.getByRole('button', { name: 'Revoke the token ci-deploy' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    assert.match(await dialog.innerText(), /Revoke the token "ci-deploy"\?/);
    assert.match(await dialog.innerText(), /Anything that uses this token to call the product APIs stops working at once\./);
    await checkAccessibility(page, 'account, revoke token dialog');
    await confirmWithKeyboard(page);
    await ci.getByText('Revoked').waitFor();
    assert.equal(await tokens.getByRole('button', { name: 'Revoke the token ci-deploy' }).count(), 0);
    assert.match(await reporting.innerText(), /Active/);
    await tokens.getByRole('button', { name: 'Revoke the token reporting' }).waitFor();

    const { tokens: stored } = await adminApi('GET', `/accounts/${ann.id}/api-tokens`);
    assert.ok(stored.find((token) => token.label === 'ci-deploy').revoked, 'the server revoked it');
    assert.equal(stored.find((token) => token.label === 'reporting').revoked, null);
    await sectionScreenshot(page, tokens, 'account-api-tokens');
});

test('recently used devices: listed most recent first, one signed out after confirming', async (t) => {
    const page = await accountPage(t, ann);
    const devices = page.getByRole('region', { name: 'Recently used devices', exact: true });
    const laptop = devices.getByRole('row', { name: /d-laptop-7f3a/ });
    const phone = devices.getByRole('row', { name: /d-phone-19c2/ });
    await laptop.waitFor();
    assert.match(await laptop.innerText(), /Firefox on Linux[\s\S]*203\.0\.113\.7[\s\S]*Signed in/);
    assert.match(await phone.innerText(), /Safari on iOS[\s\S]*2001:db8::7[\s\S]*Signed in/, 'the address in canonical form');
    const order = await devices.getByRole('row').allInnerTexts();
    assert.ok(order.findIndex((row) => row.includes('d-phone-19c2')) < order.findIndex((row) => row.includes('d-laptop-7f3a')), 'the most recent first');

    await devices.getByRole('button', { name: 'Sign out Firefox on Linux (d-laptop-7f3a)' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    assert.match(await dialog.innerText(), /Sign out this device\?/);
    assert.match(await dialog.innerText(), /Firefox on Linux, last used .* from 203\.0\.113\.7: the login service ends its sessions, and the user has to log in again on it\./);
    await checkAccessibility(page, 'account, sign out device dialog');
    await confirmWithKeyboard(page);
    await laptop.getByText('Signed out').waitFor();
    assert.match(await phone.innerText(), /Signed in/);

    const { devices: stored } = await adminApi('GET', `/accounts/${ann.id}/devices`);
    assert.ok(stored.find((device) => device.deviceId === 'd-laptop-7f3a').signedOutAt, 'the server signed it out');
    assert.equal(stored.find((device) => device.deviceId === 'd-phone-19c2').signedOutAt, null);
    // The login service learns it from the feed (docs/login-hook.md "Enforcing sign-outs").
    const feed = await adminApi('GET', '/device-sign-outs?count=100');
    assert.deepEqual(feed.signOuts.map((signOut) => [signOut.accountId, signOut.deviceId]), [[ann.id, 'd-laptop-7f3a']]);
    await sectionScreenshot(page, devices, 'account-devices');
});

test('the security sections as a whole, for the accessibility check and the picture', async (t) => {
    const page = await accountPage(t, ann);
    await page.getByRole('region', { name: 'Recently used devices', exact: true }).getByRole('row', { name: /d-laptop-7f3a/ }).waitFor();
    await page.getByRole('region', { name: 'API tokens', exact: true }).getByRole('row', { name: /ci-deploy/ }).waitFor();
    await checkAccessibility(page, 'account, security sections');
    await screenshot(page, 'account-security', { fullPage: true });
});
