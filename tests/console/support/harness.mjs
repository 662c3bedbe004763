// The console's browser test harness (docs/console.md "Browser tests").
//
// CTest's console_tests (tests/console/console_browser_test.cpp) starts a real scimd over HTTPS on
// the throwaway PostgreSQL, with an SMTP sink and a DNS port, bootstraps organization "acme" with
// directory "okta" and an admin token, and runs `node --test` on tests/console/*.test.mjs with
// the environment read below. A test file:
//
//   import { test } from 'node:test';
//   import { startBrowser, newPage, signIn, checkAccessibility, screenshot } from './support/harness.mjs';
//
//   const browser = await startBrowser();            // closed after the file's tests
//   test('the accounts page', async (t) => {
//       const page = await newPage(t, browser);       // fails t on console errors, CSP violations,
//       await signIn(page);                           //   unexpected 4xx/5xx, failed requests
//       await checkAccessibility(page, 'accounts');
//       await screenshot(page, 'accounts');
//   });
//
// Data: adminApi() and scim() set up what a page shows without clicking through it;
// publishTxt() answers domain verification's DNS question; mailTo() reads what scimd mailed.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import https from 'node:https';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const consoleTestsDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const sourceDir = path.resolve(consoleTestsDir, '..', '..');

function required(name) {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run the browser tests through CTest (ctest -R console_tests)`);
    return value;
}

// What the launcher started (console_browser_test.cpp sets each variable).
export const env = Object.freeze({
    baseUrl: required('SCIMD_CONSOLE_URL'), // "https://127.0.0.1:<port>", no trailing slash
    organizationId: required('SCIMD_CONSOLE_ORG'),
    adminToken: required('SCIMD_CONSOLE_ADMIN_TOKEN'),
    directoryId: required('SCIMD_CONSOLE_DIRECTORY'),
    scimBasePath: required('SCIMD_CONSOLE_SCIM_BASE'), // "/scim/directory/<id>"
    scimToken: required('SCIMD_CONSOLE_SCIM_TOKEN'),
    dnsPort: Number(required('SCIMD_CONSOLE_DNS_PORT')), // scimd runs with --dns-server 127.0.0.1:<port>
    mailDir: required('SCIMD_CONSOLE_MAIL_DIR'), // the SMTP sink's folder (tests/support/smtp_sink.py)
    screenshots: required('SCIMD_CONSOLE_SCREENSHOTS'),
    scimdBinary: required('SCIMD_BINARY'),
    databaseFile: required('SCIMD_CONSOLE_DB_FILE'), // a file holding the DSN (--db-file)
});

// The console's URL for a path under /console/ ("accounts/3f0c…" or "" for the landing page).
export function consoleUrl(pathUnderConsole = '') {
    return `${env.baseUrl}/console/${pathUnderConsole.replace(/^\//, '')}`;
}

// ---- the browser ------------------------------------------------------------------------------

// The flags of docs/console.md: Debian's chromium (playwright cannot download browsers here),
// nothing phoning home. Playwright's launch() gives the browser a fresh profile folder
// (--user-data-dir in the system's temp folder) and deletes it on close.
const chromiumFlags = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
];

// Starts headless chromium; it is closed after the calling file's tests. Call it at the top
// level of a test file.
export async function startBrowser() {
    const browser = await chromium.launch({
        executablePath: process.env.SCIMD_CHROMIUM || '/usr/bin/chromium',
        headless: true,
        args: chromiumFlags,
    });
    after(() => browser.close());
    return browser;
}

// Statuses a page may meet without failing its test: the shell asks GET /console/session on
// every load and is told 401 before sign-in.
const alwaysAllowed = [{ method: 'GET', path: '/console/session', status: 401 }];

function matches(rule, method, url, status) {
    if (rule.status !== undefined && rule.status !== status) return false;
    if (rule.method !== undefined && rule.method !== method) return false;
    if (rule.path === undefined) return true;
    const { pathname } = new URL(url);
    return rule.path instanceof RegExp ? rule.path.test(pathname) : rule.path === pathname;
}

// A page in a fresh browser context (no cookies, its own storage), 1280×800 unless `options`
// say otherwise ({viewport: {width, height}}). It fails `t` when, before the test ends:
//   - the page logs a console error or throws (pageerror),
//   - a Content-Security-Policy violation happens (securitypolicyviolation events),
//   - a response is 4xx/5xx and no rule of `options.allow` or allowStatus() admits it,
//   - a request fails (network error, TLS, refused by CSP).
// The page's context closes when the test ends. page.requestedUrls lists every URL it asked for.
export async function newPage(t, browser, options = {}) {
    const context = await browser.newContext({
        ignoreHTTPSErrors: true,
        viewport: options.viewport ?? { width: 1280, height: 800 },
        acceptDownloads: true,
    });
    const page = await context.newPage();
    const problems = [];
    page.allowed = [...alwaysAllowed, ...(options.allow ?? [])];
    page.requestedUrls = [];
    page.problems = problems;

    // The listener runs in every document before the page's own scripts: a DevTools init script,
    // not a page script, so CSP does not apply to it and is not loosened for the page.
    await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
            console.error(
                `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || '(inline)'}` +
                    ` at ${event.sourceFile}:${event.lineNumber}`,
            );
        });
    });
    page.on('console', (message) => {
        if (message.type() !== 'error') return;
        // The browser's own line for a 4xx/5xx answer; the response listener judges those.
        if (message.text().startsWith('Failed to load resource: the server responded with a status of')) return;
        problems.push(`console error: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.stack || error.message}`));
    page.on('request', (request) => page.requestedUrls.push(request.url()));
    page.on('response', (response) => {
        const status = response.status();
        if (status < 400) return;
        const method = response.request().method();
        if (page.allowed.some((rule) => matches(rule, method, response.url(), status))) return;
        problems.push(`unexpected ${status} for ${method} ${response.url()}`);
    });
    page.on('requestfailed', (request) => {
        const reason = request.failure()?.errorText ?? 'failed';
        // A navigation that replaces a page cancels that page's requests still in flight.
        if (reason === 'net::ERR_ABORTED') return;
        problems.push(`request failed: ${request.method()} ${request.url()}: ${reason}`);
    });

    t.after(async () => {
        await context.close();
        assert.deepEqual(problems, [], `the page met problems:\n  ${problems.join('\n  ')}`);
    });
    return page;
}

// Lets `page` meet a 4xx/5xx answer the test expects: allowStatus(page, 401, 'POST', '/console/session').
// `path` is the URL's path (a string or a RegExp); method and path may be left out.
export function allowStatus(page, status, method, urlPath) {
    page.allowed.push({ status, method, path: urlPath });
}

// Signs in through the sign-in page as an admin would: pastes `token` (the organization's admin
// token unless given) and presses the button; answers once the console shows a signed-in page.
export async function signIn(page, token = env.adminToken) {
    if (!page.url().startsWith(consoleUrl('sign-in'))) await page.goto(consoleUrl('sign-in'));
    const field = page.getByLabel(/token/i);
    await field.fill(token);
    const answered = page.waitForResponse(
        (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/console/session',
    );
    await page.getByRole('button', { name: /sign in/i }).click();
    const response = await answered;
    assert.equal(response.status(), 201, `sign-in answered ${response.status()}: ${await response.text()}`);
    await page.waitForURL((url) => !url.pathname.startsWith('/console/sign-in'));
}

// ---- accessibility and screenshots -----------------------------------------------------------

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Runs axe-core in the page and fails when it finds a serious or critical violation; prints every
// violation it finds (with the elements) either way. The source goes in through DevTools
// (page.evaluate), so the page's CSP stays as strict as scimd serves it.
export async function checkAccessibility(page, label) {
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
        const results = await window.axe.run(document, { resultTypes: ['violations'] });
        return results.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
        }));
    });
    for (const v of violations) {
        console.log(`axe [${label}] ${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`);
    }
    const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
        blocking.map((v) => `${v.impact} ${v.id}: ${v.help}`),
        [],
        `accessibility violations on ${label} (printed above)`,
    );
}

// Saves the page as $SCIMD_CONSOLE_SCREENSHOTS/<name>.png (CI keeps the folder as an artifact);
// with SCIMD_UPDATE_DOC_SCREENSHOTS=1 also as docs/console/<name>.png, the picture docs/console.md
// shows. `options` go to Playwright's page.screenshot (e.g. {fullPage: true}).
export async function screenshot(page, name, options = {}) {
    assert.match(name, /^[a-z0-9-]+$/, 'screenshot names are lower-case words joined by "-"');
    mkdirSync(env.screenshots, { recursive: true });
    const file = path.join(env.screenshots, `${name}.png`);
    await page.screenshot({ path: file, animations: 'disabled', caret: 'hide', ...options });
    if (process.env.SCIMD_UPDATE_DOC_SCREENSHOTS === '1') {
        const docs = path.join(sourceDir, 'docs', 'console');
        mkdirSync(docs, { recursive: true });
        copyFileSync(file, path.join(docs, `${name}.png`));
    }
    return file;
}

// ---- HTTP from the test itself ----------------------------------------------------------------

// One HTTPS request to scimd (its certificate is the self-signed one it made at start, so it is
// not verified: loopback only). Answers {status, headers, text, json}; json is the parsed body
// when it is JSON, else undefined.
export function request(method, urlOrPath, { headers = {}, body } = {}) {
    const url = new URL(urlOrPath, env.baseUrl);
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
        const req = https.request(
            url,
            {
                method,
                rejectUnauthorized: false,
                headers: {
                    ...(payload !== undefined ? { 'content-length': Buffer.byteLength(payload) } : {}),
                    ...headers,
                },
            },
            (res) => {
                const chunks = [];
                res.on('data', (chunk) => chunks.push(chunk));
                res.on('end', () => {
                    const text = Buffer.concat(chunks).toString('utf8');
                    const type = res.headers['content-type'] ?? '';
                    const json = /json/.test(type) && text ? JSON.parse(text) : undefined;
                    resolve({ status: res.statusCode, headers: res.headers, text, json });
                });
            },
        );
        req.on('error', reject);
        req.setTimeout(30000, () => req.destroy(new Error(`${method} ${url} took more than 30 s`)));
        if (payload !== undefined) req.write(payload);
        req.end();
    });
}

// A request to the admin API of the organization (`apiPath` relative to
// /admin/organizations/{org}, e.g. "/managed-accounts") with its admin token. Throws unless the
// status is `expect` (default: any 2xx).
export async function adminApi(method, apiPath, body, { expect, token = env.adminToken } = {}) {
    const reply = await request(method, `/admin/organizations/${env.organizationId}${apiPath}`, {
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
    });
    checkStatus(reply, expect, `${method} ${apiPath}`);
    return reply.json ?? reply;
}

// A SCIM request to the bootstrapped directory ("okta") with its token, as an identity provider
// pushes: scim('POST', '/Users', {...}). Throws unless the status is `expect` (default: any 2xx).
export async function scim(method, scimPath, body, { expect } = {}) {
    const reply = await request(method, `${env.scimBasePath}${scimPath}`, {
        headers: { authorization: `Bearer ${env.scimToken}`, 'content-type': 'application/scim+json' },
        body,
    });
    checkStatus(reply, expect, `SCIM ${method} ${scimPath}`);
    return reply.json ?? reply;
}

function checkStatus(reply, expect, what) {
    const ok = expect === undefined ? reply.status >= 200 && reply.status < 300 : reply.status === expect;
    if (!ok) throw new Error(`${what} answered ${reply.status}: ${reply.text}`);
}

// ---- scimd's command line --------------------------------------------------------------------

// Runs `scimd <args…> --db-file <the test database>` and answers its standard output parsed as
// JSON: e.g. scimdCommand('admin-token', '--org', 'globex') for another organization's token.
export function scimdCommand(...args) {
    return new Promise((resolve, reject) => {
        const child = spawn(env.scimdBinary, [...args, '--db-file', env.databaseFile], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.on('error', reject);
        child.on('close', (code) => {
            if (code !== 0) reject(new Error(`scimd ${args.join(' ')} exited ${code}: ${err}`));
            else resolve(out.trim() ? JSON.parse(out) : undefined);
        });
    });
}

// ---- DNS: the TXT records domain verification reads -------------------------------------------

// dnsmasq reads its records once, at start: each publishTxt() starts it again on the same port
// with every record published so far. Names under .test (RFC 6761) without a record are NXDOMAIN.
const txtRecords = [];
let dnsmasq;

function stopDnsmasq() {
    if (!dnsmasq || dnsmasq.exitCode !== null) return Promise.resolve();
    const exited = new Promise((resolve) => dnsmasq.once('exit', resolve));
    dnsmasq.kill('SIGTERM');
    return exited;
}

function udpPortBound(port) {
    return new Promise((resolve) => {
        const socket = dgram.createSocket('udp4');
        socket.once('error', () => resolve(true));
        socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(false)));
    });
}

// (Re)starts dnsmasq with the records published so far.
async function startDnsmasq() {
    await stopDnsmasq();
    const zones = new Set(['test', ...txtRecords.map(([n]) => n)]);
    const args = [
        '--keep-in-foreground',
        `--port=${env.dnsPort}`,
        '--listen-address=127.0.0.1',
        '--bind-interfaces',
        '--no-resolv',
        '--no-hosts',
        '--conf-file=/dev/null',
        '--pid-file=',
        '--log-facility=/dev/null',
        ...[...zones].map((zone) => `--local=/${zone}/`),
        ...txtRecords.map(([n, v]) => `--txt-record=${n},${v}`),
    ];
    // dnsmasq drops to "nobody" when started as root; it needs no privilege on a high port.
    if (process.getuid?.() === 0) args.push('--user=root');
    dnsmasq = spawn('/usr/sbin/dnsmasq', args, { stdio: ['ignore', 'ignore', 'inherit'] });
    const started = Date.now();
    while (!(await udpPortBound(env.dnsPort))) {
        if (dnsmasq.exitCode !== null) throw new Error(`dnsmasq exited with ${dnsmasq.exitCode}`);
        if (Date.now() - started > 10000) throw new Error('dnsmasq did not listen in 10 s');
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

// Publishes a TXT record `name` → `value` (no commas: dnsmasq splits values at them) on the DNS
// server scimd asks; answers once the server answers with it. Until then the server answers,
// but not with it: verification says "not found yet" (409), not "no DNS server" (503).
export async function publishTxt(name, value) {
    assert.ok(!value.includes(','), 'TXT values for dnsmasq hold no comma');
    txtRecords.push([name, value]);
    await startDnsmasq();
}

await startDnsmasq();
after(stopDnsmasq);
process.on('exit', () => dnsmasq?.kill('SIGKILL'));

// ---- mail: what scimd sent through the SMTP sink ----------------------------------------------

// The messages the SMTP sink received for `address`, oldest first, once there are at least
// `count` (waits up to `timeoutMs`; scimd's mailer polls its outbox every second here). Each is
// {mail_from, rcpt_tos, headers: {Subject, …}, parts: [{type, content}], …} (smtp_sink.py).
export async function mailTo(address, { count = 1, timeoutMs = 20000 } = {}) {
    const started = Date.now();
    for (;;) {
        const messages = readdirSync(env.mailDir)
            .filter((file) => file.endsWith('.json'))
            .sort()
            .map((file) => JSON.parse(readFileSync(path.join(env.mailDir, file), 'utf8')))
            .filter((m) => m.rcpt_tos.some((to) => to.toLowerCase() === address.toLowerCase()));
        if (messages.length >= count) return messages;
        if (Date.now() - started > timeoutMs) {
            throw new Error(`${messages.length} message(s) to ${address} within ${timeoutMs} ms, ${count} expected`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

// The first link of a message's plain-text part that starts with scimd's URL (scimd runs with
// --public-url set to it, so its verification links open in the test's browser).
export function linkIn(message) {
    const text = message.parts.find((p) => p.type === 'text/plain')?.content ?? '';
    const escaped = env.baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const link = text.match(new RegExp(`${escaped}/\\S+`));
    assert.ok(link, `no link to ${env.baseUrl} in:\n${text}`);
    return link[0];
}
