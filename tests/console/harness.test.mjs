// The harness itself (support/harness.mjs): that a page's problems fail its test, and that the
// helpers other files build on (adminApi, scim, publishTxt, mailTo, linkIn) reach what CTest
// started. A domain is verified through the DNS server, claimed, and an address verification
// mailed, opened and confirmed in the browser.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
    adminApi,
    allowStatus,
    env,
    linkIn,
    mailTo,
    newPage,
    publishTxt,
    scim,
    startBrowser,
} from './support/harness.mjs';

const browser = await startBrowser();

// A stand-in for node:test's context whose after-hooks the test runs itself, to see them fail.
function hooksOf() {
    const hooks = [];
    return {
        after: (fn) => hooks.push(fn),
        run: async () => {
            for (const fn of hooks) await fn();
        },
    };
}

test('a page fails its test on a console error, a thrown error, a CSP violation and an unexpected 4xx', async () => {
    const t = hooksOf();
    const page = await newPage(t, browser);
    // scimd's own HTML page (the dead verification link): served with the strict CSP.
    const dead = await page.goto(`${env.baseUrl}/email-verifications/scimdverify_0_nothing`);
    assert.equal(dead.status(), 404);
    await page.evaluate(() => console.error('something broke'));
    await page.evaluate(() => setTimeout(() => { throw new Error('thrown in the page'); }));
    await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.ran = true';
        document.body.append(script);
    });
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.ran), undefined, 'the CSP stopped the inline script');
    await assert.rejects(t.run(), (error) => {
        assert.match(error.message, /unexpected 404 for GET .*\/email-verifications\/scimdverify_0_nothing/);
        assert.match(error.message, /console error: something broke/);
        assert.match(error.message, /page error: Error: thrown in the page/);
        assert.match(error.message, /CSP violation: script-src/);
        return true;
    });
});

test('an allowed status does not fail the page', async () => {
    const t = hooksOf();
    const page = await newPage(t, browser);
    allowStatus(page, 404, 'GET', /^\/email-verifications\//);
    await page.goto(`${env.baseUrl}/email-verifications/scimdverify_0_nothing`);
    await t.run();
});

test('publishTxt answers domain verification, scim() provisions, mailTo() reads the verification mail', async (t) => {
    const domain = 'harness.test';
    const added = await adminApi('POST', '/domains', { name: domain });
    // Before the record is published the DNS server says the name does not exist: "not yet".
    await adminApi('POST', `/domains/${domain}/verify`, undefined, { expect: 409 });
    await publishTxt(added.verification.name, added.verification.value);
    assert.equal((await adminApi('POST', `/domains/${domain}/verify`)).state, 'verified');
    assert.equal((await adminApi('POST', `/domains/${domain}/claim`)).state, 'claimed');

    const email = 'ada@harness.test';
    const user = await scim('POST', '/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'ada',
        emails: [{ value: email, primary: true }],
    });
    const accountId = user['urn:scimd:params:scim:schemas:extension:account:2.0:User'].accountId;
    await adminApi('POST', `/accounts/${accountId}/address-verification`, undefined, { expect: 202 });
    const [message] = await mailTo(email);
    const link = linkIn(message);
    assert.ok(link.startsWith(`${env.baseUrl}/email-verifications/`), link);

    const page = await newPage(t, browser);
    await page.goto(link);
    await page.getByRole('button').click();
    await page.waitForLoadState();
    assert.equal((await adminApi('GET', `/accounts/${accountId}`)).emailVerified, true);
});
