// The client signs logins only once it knows the server takes proofs, so that against a server without DPoP it makes
// no key and sends nothing new; and it always signs where this origin already keeps a key, as a refresh without a
// proof would end a bound login.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installIndexedDB } from './fake-browser.mjs';
import { answer, auth, API, proofOf, sent, signOut, token } from './support.mjs';

const store = installIndexedDB({ listsDatabases: true });

test('before the server said anything of DPoP, a login goes without a proof and no key is made', async () => {
    const from = sent.length;
    answer('auth/login', 200, token(60, 'plain'));
    await auth.login('ada', 'secret');
    assert.equal(proofOf(sent[from]), null);
    assert.equal(store.databases.size, 0, 'no database opened');
    answer('/api/me', 200, {});
    await auth.fetch('me');
    assert.equal(sent.at(-1).headers.get('Authorization'), 'Bearer plain');
    await signOut();
    assert.equal(store.databases.size, 0);
});

test('a login refused for want of a proof goes once more, signed', async () => {
    const from = sent.length;
    const challenge = { 'WWW-Authenticate': 'DPoP algs="ES256 EdDSA"' };
    answer('auth/login', 400, { error: 'invalid_dpop_proof', error_description: 'A DPoP proof is required' },
        challenge);
    answer('auth/login', 200, token(60, 'bound', 'DPoP'));
    await auth.login('ada', 'secret');
    const [first, second] = sent.slice(from);
    assert.equal(proofOf(first), null);
    assert.equal(proofOf(second).payload.htu, `${API}auth/login`);
    assert.equal(sent.length - from, 2, 'once more, not again and again');
    await signOut();
});

test('a page that finds the key of an earlier page signs its first refresh, before the server said anything', async () => {
    const page = await import('../token-client.js?reloaded');
    page.configure({ api: API });
    const from = sent.length;
    answer('auth/refresh', 200, token(60, 'bound-again', 'DPoP'));
    assert.equal(await page.start(), true);
    assert.notEqual(proofOf(sent[from]), null, 'the bound login is refreshed with its key');
    answer('auth/logout', 204);
    await page.logout();
});

test('a refused refresh that names DPoP is enough for the next login to be signed', async () => {
    const page = await import('../token-client.js?fresh-origin');
    page.configure({ api: API, dpop: true });
    installIndexedDB({ listsDatabases: true });
    const from = sent.length;
    answer('auth/refresh', 401, { error: 'invalid_grant' }, { 'WWW-Authenticate': 'DPoP algs="ES256 EdDSA"' });
    assert.equal(await page.start(), false);
    assert.equal(proofOf(sent[from]), null, 'nothing to prove yet: no key, and the server had not said');
    answer('auth/login', 200, token(60, 'bound', 'DPoP'));
    await page.login('ada', 'secret');
    assert.notEqual(proofOf(sent.at(-1)), null);
    answer('auth/logout', 204);
    await page.logout();
});
