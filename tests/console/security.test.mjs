// The console's security as the browser sees it (docs/console.md "Security"): the headers of
// every response, the session cookie's flags, a wrong token, a cross-site page's POSTs, sign-out,
// no secret in any URL or in the browser's storage; keyboard-only sign-in, the phone-width layout;
// screenshots of the sign-in page and of the email verification landing pages.

import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';

import {
    adminApi,
    allowStatus,
    checkAccessibility,
    consoleUrl,
    env,
    linkIn,
    mailTo,
    newPage,
    publishTxt,
    request,
    scim,
    screenshot,
    signIn,
    startBrowser,
} from './support/harness.mjs';

const browser = await startBrowser();

const cookieName = '__Host-scimd-console';
const contentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; " +
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

// Every page of the navigation (the contract's routes without an id).
const pages = ['accounts', 'users', 'groups', 'domains', 'directories', 'journal'];

// Records every response from scimd that `page` receives, redirects included.
function recordResponses(page) {
    const seen = [];
    page.on('response', (response) => {
        if (response.url().startsWith(env.baseUrl)) seen.push(response);
    });
    return seen;
}

async function sessionCookie(page) {
    return (await page.context().cookies(env.baseUrl)).find((c) => c.name === cookieName);
}

test('every console response carries the CSP and the other headers; admin API answers nosniff and no-store', async (t) => {
    const page = await newPage(t, browser);
    const responses = recordResponses(page);
    // GET / → 303 /console/ → the shell, which finds no session and shows sign-in.
    await page.goto(`${env.baseUrl}/`);
    await page.waitForURL(/\/console\/sign-in/);
    await signIn(page);
    for (const name of pages) {
        await page.getByRole('link', { name: new RegExp(`^${navigationLabel(name)}$`) }).click();
        await page.waitForURL(consoleUrl(name));
        await page.getByRole('heading', { level: 1 }).waitFor();
    }
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();

    const kinds = new Set();
    for (const response of responses) {
        const { pathname } = new URL(response.url());
        const headers = await response.allHeaders();
        const what = `${response.request().method()} ${pathname} (${response.status()})`;
        assert.equal(headers['x-content-type-options'], 'nosniff', what);
        if (pathname === '/' || pathname.startsWith('/console')) {
            kinds.add(pathname === '/' ? 'redirect' : pathname.endsWith('.js') ? 'script' : pathname.split('.')[1] ?? 'page');
            assert.equal(headers['content-security-policy'], contentSecurityPolicy, what);
            assert.equal(headers['referrer-policy'], 'no-referrer', what);
            assert.equal(headers['x-frame-options'], 'DENY', what);
        } else if (pathname.startsWith('/admin/')) {
            kinds.add('admin');
            assert.match(headers['cache-control'] ?? '', /no-store/, what);
        }
    }
    // The redirect, the HTML, the stylesheet, the modules, the session and the admin API were all seen.
    for (const kind of ['redirect', 'page', 'css', 'script', 'admin']) assert.ok(kinds.has(kind), `no ${kind} response seen`);
    const session = responses.filter((r) => new URL(r.url()).pathname === '/console/session');
    assert.ok(session.length >= 2, 'the session was asked and created');
});

// The link text of each page in the navigation (app.js).
function navigationLabel(name) {
    return {
        accounts: 'Managed accounts',
        users: 'Users',
        groups: 'Groups',
        domains: 'Domains',
        directories: 'Directories',
        journal: 'Journal',
    }[name];
}

test('the session cookie is __Host-, HttpOnly, Secure, SameSite=Strict, Path=/, expiring, and out of reach of scripts', async (t) => {
    const page = await newPage(t, browser);
    await page.goto(consoleUrl('sign-in'));
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/console/session'));
    await signIn(page);
    const setCookie = (await (await created).headerValue('set-cookie')) ?? '';
    assert.match(setCookie, new RegExp(`^${cookieName}=[^;]+;`));
    for (const flag of [/;\s*Secure(;|$)/i, /;\s*HttpOnly(;|$)/i, /;\s*SameSite=Strict(;|$)/i, /;\s*Path=\/(;|$)/, /;\s*Max-Age=\d+/i]) {
        assert.match(setCookie, flag);
    }
    assert.doesNotMatch(setCookie, /;\s*Domain=/i, 'a __Host- cookie names no Domain');

    const cookie = await sessionCookie(page);
    assert.ok(cookie, 'the browser kept the session cookie');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.secure, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/');
    assert.equal(cookie.domain, '127.0.0.1');
    const lifetime = cookie.expires - Date.now() / 1000;
    assert.ok(lifetime > 28800 - 120 && lifetime <= 28800 + 5, `the cookie lives ${lifetime} s, not the default 8 hours`);
    assert.equal(await page.evaluate(() => document.cookie), '', 'scripts see no cookie');
});

test('a wrong token is refused on the sign-in page with the server\'s words, and no cookie is set', async (t) => {
    const page = await newPage(t, browser);
    allowStatus(page, 401, 'POST', '/console/session');
    await page.goto(consoleUrl('sign-in'));
    const field = page.getByLabel(/token/i);
    await field.fill('scimdadmin_0000000000000000_not-a-real-token');
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/console/session'));
    await page.getByRole('button', { name: /sign in/i }).click();
    const response = await answered;
    assert.equal(response.status(), 401);
    const { detail } = await response.json();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), new RegExp(detail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(await field.inputValue(), '', 'the field is cleared');
    assert.ok(page.url().startsWith(consoleUrl('sign-in')));
    assert.equal(await sessionCookie(page), undefined);
    await checkAccessibility(page, 'sign-in with an error');
    await screenshot(page, 'sign-in-error');
});

// A page of another site (http://127.0.0.2:<port>): a form and a script that POST to scimd.
function startCrossSiteServer(html) {
    return new Promise((resolve) => {
        const server = http.createServer((req, res) => {
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
            res.end(html);
        });
        server.listen(0, '127.0.0.2', () => resolve(server));
    });
}

test('a cross-site page cannot sign a browser in nor write with its session, and changes nothing', async (t) => {
    const groupsBefore = (await adminApi('GET', '/groups')).totalResults;
    // text/plain lets a form send a body that reads as JSON ({"token":"…","x":"="}) with no preflight.
    const html = `<!doctype html><html lang="en"><title>elsewhere</title>
<form id="sign-in" method="POST" action="${env.baseUrl}/console/session" enctype="text/plain">
<input name='{"token":"${env.adminToken}","x":"' value='"}'><button>sign in</button></form>
<form id="write" method="POST" action="${env.baseUrl}/admin/organizations/${env.organizationId}/groups" enctype="text/plain">
<input name='{"displayName":"Cross-site","x":"' value='"}'><button>write</button></form></html>`;
    const server = await startCrossSiteServer(html);
    t.after(() => server.close());
    const elsewhere = `http://127.0.0.2:${server.address().port}/`;

    // 1. Login CSRF: the other site signs the browser in with a token of its choosing.
    const victim = await newPage(t, browser);
    const attacker = await victim.context().newPage(); // the other site's page: its own errors are its own
    await attacker.goto(elsewhere);
    const [signInAnswer] = await Promise.all([
        attacker.waitForResponse((r) => r.url().endsWith('/console/session')),
        attacker.locator('#sign-in button').click(),
    ]);
    assert.ok([403, 415].includes(signInAnswer.status()), `a cross-site sign-in answered ${signInAnswer.status()}`);
    assert.equal(await sessionCookie(victim), undefined, 'no session cookie came of it');

    // 2. The admin signs in, then opens the other site, whose form and fetch() POST to the admin API.
    await signIn(victim);
    await attacker.goto(elsewhere);
    const [writeAnswer] = await Promise.all([
        attacker.waitForResponse((r) => r.url().endsWith('/groups')),
        attacker.locator('#write button').click(),
    ]);
    // 401: the browser kept the SameSite=Strict cookie back; 403: scimd saw another site; 415: not JSON.
    assert.ok([401, 403, 415].includes(writeAnswer.status()), `a cross-site form write answered ${writeAnswer.status()}`);
    await attacker.goto(elsewhere);
    await attacker.evaluate(
        ([url]) =>
            fetch(url, {
                method: 'POST',
                mode: 'no-cors',
                credentials: 'include',
                headers: { 'content-type': 'text/plain' },
                body: JSON.stringify({ displayName: 'Cross-site fetch' }),
            }),
        [`${env.baseUrl}/admin/organizations/${env.organizationId}/groups`],
    );
    assert.equal((await adminApi('GET', '/groups')).totalResults, groupsBefore, 'no group was created');

    // 3. The cookie itself, sent with another site's Origin or without the CSRF header: refused
    // by scimd (whatever the browser's SameSite rule did above).
    const cookie = `${cookieName}=${(await sessionCookie(victim)).value}`;
    const groupsPath = `/admin/organizations/${env.organizationId}/groups`;
    const body = { displayName: 'Forged' };
    const json = { cookie, 'content-type': 'application/json' };
    assert.equal((await request('POST', groupsPath, { headers: json, body })).status, 403, 'no X-CSRF-Token');
    const csrf = (await request('GET', '/console/session', { headers: { cookie } })).json.csrfToken;
    const crossOrigin = { ...json, 'x-csrf-token': csrf, origin: 'http://127.0.0.2', 'sec-fetch-site': 'cross-site' };
    assert.equal((await request('POST', groupsPath, { headers: crossOrigin, body })).status, 403, 'cross-site Origin');
    assert.equal((await adminApi('GET', '/groups')).totalResults, groupsBefore, 'still no group');
    // The same request from the console's own origin is the one that works.
    const sameOrigin = { ...json, 'x-csrf-token': csrf, origin: env.baseUrl, 'sec-fetch-site': 'same-origin' };
    assert.equal((await request('POST', groupsPath, { headers: sameOrigin, body })).status, 201);
});

test('after sign-out the old cookie is refused everywhere', async (t) => {
    const page = await newPage(t, browser);
    await signIn(page);
    const old = await sessionCookie(page);
    const cookie = `${cookieName}=${old.value}`;
    assert.equal((await request('GET', '/console/session', { headers: { cookie } })).status, 200);

    await page.getByRole('button', { name: /sign out/i }).click();
    await page.waitForURL(/\/console\/sign-in/);
    assert.equal(await sessionCookie(page), undefined, 'the browser dropped the cookie');
    assert.equal((await request('GET', '/console/session', { headers: { cookie } })).status, 401);
    const list = await request('GET', `/admin/organizations/${env.organizationId}/managed-accounts`, { headers: { cookie } });
    assert.equal(list.status, 401);

    // The old cookie put back into the browser: the console shows sign-in again.
    await page.context().addCookies([{ ...old, sameSite: 'Strict' }]);
    await page.goto(consoleUrl('groups'));
    await page.waitForURL(/\/console\/sign-in/);
});

test('no secret in any URL the browser requested, nothing in its storage', async (t) => {
    const page = await newPage(t, browser);
    const csrfTokens = [];
    page.on('response', async (response) => {
        if (new URL(response.url()).pathname === '/console/session' && response.status() < 300 && response.request().method() !== 'DELETE') {
            csrfTokens.push((await response.json()).csrfToken);
        }
    });
    await signIn(page);
    const cookie = (await sessionCookie(page)).value;
    const storage = [];
    for (const name of pages) {
        await page.getByRole('link', { name: new RegExp(`^${navigationLabel(name)}$`) }).click();
        await page.waitForURL(consoleUrl(name));
        await page.getByRole('heading', { level: 1 }).waitFor();
        storage.push(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]));
    }
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('button', { name: /sign out/i }).click();
    await page.waitForURL(/\/console\/sign-in/);
    storage.push(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]));

    assert.ok(csrfTokens.length >= 2, 'the CSRF token was fetched at sign-in and again on reload');
    const secrets = [env.adminToken, cookie, ...csrfTokens];
    for (const url of page.requestedUrls) {
        const decoded = decodeURIComponent(url);
        for (const secret of secrets) assert.ok(!decoded.includes(secret), `a secret in ${url}`);
    }
    assert.ok(page.requestedUrls.length > pages.length, 'the requests were recorded');
    for (const entry of storage) assert.deepEqual(entry, [0, 0, '']);
});

test('signing in with the keyboard alone', async (t) => {
    const page = await newPage(t, browser);
    await page.goto(`${env.baseUrl}/console/`);
    await page.waitForURL(/\/console\/sign-in/);
    // From the top of the page: the skip link, then on to the token field.
    await page.locator('body').focus();
    let steps = 0;
    while (!(await page.evaluate(() => document.activeElement?.getAttribute('type') === 'password'))) {
        await page.keyboard.press('Tab');
        assert.ok(++steps < 10, 'the token field is reached within a few Tab presses');
    }
    const outline = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement);
        return style.outlineStyle !== 'none' || style.boxShadow !== 'none';
    });
    assert.ok(outline, 'the focused field shows its focus');
    await page.keyboard.type(env.adminToken);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => !url.pathname.startsWith('/console/sign-in'));
    await page.getByRole('heading', { level: 1 }).waitFor();
    // Keyboard on: a Tab reaches a link of the navigation, with a visible focus.
    for (steps = 0; steps < 20; steps++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(() => document.activeElement?.closest('nav') !== null)) break;
    }
    assert.ok(steps < 20, 'the navigation is reachable with Tab');
    assert.ok(await page.evaluate(() => document.activeElement.matches(':focus-visible')));
});

test('sign-in and landing page at 1280×800 and at phone width (390×844): no horizontal scroll, accessible', async (t) => {
    for (const [suffix, viewport] of [
        ['', { width: 1280, height: 800 }],
        ['-phone', { width: 390, height: 844 }],
    ]) {
        const page = await newPage(t, browser, { viewport });
        await page.goto(consoleUrl('sign-in'));
        await page.getByRole('heading', { level: 1 }).waitFor();
        assert.equal(await horizontalOverflow(page), 0, `sign-in${suffix} scrolls sideways`);
        await checkAccessibility(page, `sign-in${suffix}`);
        // The wide sign-in and landing pictures are accounts.test.mjs's ("sign-in", "accounts").
        if (suffix) await screenshot(page, `sign-in${suffix}`);

        await signIn(page);
        await page.getByRole('heading', { level: 1 }).waitFor();
        assert.equal(await horizontalOverflow(page), 0, `landing${suffix} scrolls sideways`);
        await checkAccessibility(page, `landing${suffix}`);
        if (suffix) {
            // At phone width the navigation folds into a menu button.
            const menu = page.getByRole('button', { name: /menu/i });
            await menu.click();
            assert.equal(await menu.getAttribute('aria-expanded'), 'true');
            await page.getByRole('link', { name: /^Groups$/ }).waitFor();
            assert.equal(await horizontalOverflow(page), 0, 'the open menu scrolls sideways');
            await screenshot(page, 'navigation-phone');
        }
    }
});

function horizontalOverflow(page) {
    return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test('the email verification landing pages: in the console\'s look, with the same headers', async (t) => {
    const domain = 'landing.test';
    const added = await adminApi('POST', '/domains', { name: domain });
    await publishTxt(added.verification.name, added.verification.value);
    await adminApi('POST', `/domains/${domain}/verify`);
    await adminApi('POST', `/domains/${domain}/claim`);
    const email = 'grace@landing.test';
    const user = await scim('POST', '/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'grace',
        emails: [{ value: email, primary: true }],
    });
    const accountId = user['urn:scimd:params:scim:schemas:extension:account:2.0:User'].accountId;
    await adminApi('POST', `/accounts/${accountId}/address-verification`, undefined, { expect: 202 });
    const link = linkIn((await mailTo(email))[0]);

    const page = await newPage(t, browser);
    const responses = recordResponses(page);
    await page.goto(link);
    await checkAccessibility(page, 'email verification');
    await screenshot(page, 'email-verification');
    await page.getByRole('button').click();
    await page.waitForLoadState();
    await checkAccessibility(page, 'email verification done');
    await screenshot(page, 'email-verification-done');
    assert.equal((await adminApi('GET', `/accounts/${accountId}`)).emailVerified, true);

    allowStatus(page, 404, 'GET', /^\/email-verifications\//);
    await page.goto(link); // used: the page says the link cannot confirm anything
    await checkAccessibility(page, 'email verification used');
    await screenshot(page, 'email-verification-used');

    const stylesheet = responses.find((r) => new URL(r.url()).pathname === '/console/console.css');
    assert.ok(stylesheet, 'the landing pages use the console\'s stylesheet');
    for (const response of responses) {
        const headers = await response.allHeaders();
        assert.equal(headers['x-content-type-options'], 'nosniff', response.url());
        assert.match(headers['content-security-policy'] ?? '', /default-src 'self'|default-src 'none'/, response.url());
        assert.match(headers['content-security-policy'] ?? '', /frame-ancestors 'none'/, response.url());
    }
});
