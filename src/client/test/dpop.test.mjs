// DPoP (RFC 9449) as the server sees it: the proofs of logins, refreshes and API calls, and the scheme each token is
// sent with. Node has WebCrypto but no IndexedDB: the fake one of test/fake-browser.mjs keeps the key, as the client
// signs nothing with a key it cannot keep (the last test).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installIndexedDB } from './fake-browser.mjs';
import { answer, auth, proofOf, sent, signOut, token, tokenHash, verifies, API } from './support.mjs';

installIndexedDB();

test('a login sends a signed proof of the method and URL, with the public key only and no token hash', async () => {
    const from = sent.length;
    answer('auth/login', 200, token(60, 'bound', 'DPoP'));
    const before = Math.floor(Date.now() / 1000);

    await auth.login('ada', 'secret');

    const proof = proofOf(sent[from]);
    assert.deepEqual(Object.keys(proof.header).sort(), ['alg', 'jwk', 'typ']);
    assert.equal(proof.header.typ, 'dpop+jwt');
    assert.equal(proof.header.alg, 'ES256');
    assert.deepEqual(Object.keys(proof.header.jwk).sort(), ['crv', 'kty', 'x', 'y'], 'no "d", nor anything else');
    assert.equal(proof.header.jwk.kty, 'EC');
    assert.equal(proof.header.jwk.crv, 'P-256');
    assert.deepEqual(Object.keys(proof.payload).sort(), ['htm', 'htu', 'iat', 'jti']);
    assert.equal(proof.payload.htm, 'POST');
    assert.equal(proof.payload.htu, `${API}auth/login`);
    assert.ok(Number.isInteger(proof.payload.iat) && proof.payload.iat >= before
        && proof.payload.iat <= Date.now() / 1000, `iat ${proof.payload.iat}`);
    assert.match(proof.payload.jti, /^[0-9a-f-]{36}$/);
    assert.doesNotMatch(sent[from].headers.get('DPoP'), /[=+/]/, 'base64url without padding');
    assert.equal(await verifies(proof), true);
    await signOut();
});

test('with a DPoP token, API calls send it as DPoP with a fresh proof that carries its hash', async () => {
    const from = sent.length;
    answer('auth/login', 200, token(60, 'bound', 'DPoP'));
    await auth.login('ada', 'secret');
    answer('/api/me?page=2#top', 200, { name: 'ada' });
    answer('/api/orders/7', 204);

    await auth.fetch('me?page=2#top');
    await auth.fetch('orders/7', { method: 'delete' });

    const [login, me, orders] = sent.slice(from).map((request) => ({ request, proof: proofOf(request) }));
    assert.equal(me.request.headers.get('Authorization'), 'DPoP bound');
    assert.equal(me.proof.payload.htm, 'GET');
    assert.equal(me.proof.payload.htu, `${API}me`, 'without query and fragment');
    assert.equal(me.proof.payload.ath, await tokenHash('bound'));
    assert.deepEqual(me.proof.header.jwk, login.proof.header.jwk, 'the key of the login');
    assert.equal(await verifies(me.proof), true);
    assert.equal(orders.proof.payload.htm, 'DELETE', 'the method as fetch sends it');
    assert.equal(orders.proof.payload.ath, me.proof.payload.ath);
    assert.equal(new Set([login, me, orders].map(({ proof }) => proof.payload.jti)).size, 3, 'a new jti each time');

    const headers = await auth.getAuthHeaders('orders', 'POST');
    assert.equal(headers.Authorization, 'DPoP bound');
    const proof = proofOf({ headers: new Headers(headers) });
    assert.equal(proof.payload.htm, 'POST');
    assert.equal(proof.payload.htu, `${API}orders`);
    assert.equal(proof.payload.ath, await tokenHash('bound'));
    assert.deepEqual(await auth.getAuthHeaders('https://elsewhere.example.test/x'), {}, 'never to another origin');
    await signOut();
});

test('a refused proof refreshes, with a proof of its own, and the retry carries the new token\'s hash', async () => {
    answer('auth/login', 200, token(60, 'old', 'DPoP'));
    await auth.login('ada', 'secret');
    const from = sent.length;
    // Not use_dpop_nonce: the token is what failed. The nonce of the refusal still goes into the next proofs.
    answer('/api/me', 401, { error: 'invalid_dpop_proof' },
        { 'WWW-Authenticate': 'DPoP error="invalid_dpop_proof"', 'DPoP-Nonce': 'eyJ7S_zG.eyJH0-Z.HX4w-7v' });
    answer('auth/refresh', 200, token(60, 'new', 'dpop'));
    answer('/api/me', 200, { name: 'ada' });

    assert.equal((await auth.fetch('me')).status, 200);

    const [, refresh, retry] = sent.slice(from);
    assert.equal(proofOf(refresh).payload.htu, `${API}auth/refresh`);
    assert.equal(proofOf(refresh).payload.ath, undefined);
    assert.equal(proofOf(refresh).payload.nonce, 'eyJ7S_zG.eyJH0-Z.HX4w-7v');
    assert.equal(retry.headers.get('Authorization'), 'DPoP new', 'the token type is case-insensitive');
    assert.equal(proofOf(retry).payload.ath, await tokenHash('new'));
    await signOut();
});

test('with a Bearer token (a server without DPoP), API calls send Bearer and no proof', async () => {
    const from = sent.length;
    answer('auth/login', 200, token(60, 'plain'));
    await auth.login('ada', 'secret');
    answer('/api/me', 200, { name: 'ada' });

    await auth.fetch('me');

    const [login, me] = sent.slice(from);
    assert.notEqual(proofOf(login), null, 'the login offered a key');
    assert.equal(me.headers.get('Authorization'), 'Bearer plain');
    assert.equal(me.headers.get('DPoP'), null);
    assert.deepEqual(await auth.getAuthHeaders('me'), { Authorization: 'Bearer plain' });
    await signOut();
});

test('configure({ dpop: false }) sends no proof at all, and a bad algorithm is refused', async () => {
    assert.throws(() => auth.configure({ dpopAlgorithm: 'RS256' }), TypeError);
    auth.configure({ dpop: false });
    const from = sent.length;
    answer('auth/refresh', 200, token(60, 'plain'));
    answer('/api/me', 200, { name: 'ada' });

    await auth.start();
    await auth.fetch('me');
    await signOut();
    answer('auth/login', 200, token(60, 'plain'));
    await auth.login('ada', 'secret');
    await signOut();

    assert.deepEqual(sent.slice(from).map((r) => r.url.split('/api/')[1]), ['auth/refresh', 'me', 'auth/logout',
        'auth/login', 'auth/logout']);
    assert.deepEqual(sent.slice(from).filter((r) => r.headers.has('DPoP')), []);
    assert.equal(sent.at(-4).headers.get('Authorization'), 'Bearer plain');
    auth.configure({ dpop: true });
});

test('without IndexedDB, or where it cannot store the key, no proof is sent: the server gives Bearer tokens',
    async () => {
        const indexedDB = globalThis.indexedDB;
        const pages = {
            'without IndexedDB': () => delete globalThis.indexedDB,
            'where IndexedDB cannot store a CryptoKey': () => installIndexedDB({ failWrites: 'DataCloneError' }),
        };
        const warn = console.warn;
        const warnings = [];
        console.warn = (message) => warnings.push(message);
        try {
            for (const [name, browser] of Object.entries(pages)) {
                browser();
                const page = await import(`../token-client.js?${encodeURIComponent(name)}`);
                page.configure({ api: API });
                const from = sent.length;
                answer('auth/login', 200, token(60, 'plain'));
                answer('/api/me', 200, { name: 'ada' });
                answer('auth/refresh', 200, token(60, 'plain'));

                await page.login('ada', 'secret');
                await page.fetch('me');
                assert.equal(await page.refresh(), true);
                answer('auth/logout', 204);
                await page.logout();

                assert.deepEqual(sent.slice(from).map((r) => r.url.split('/api/')[1]),
                    ['auth/login', 'me', 'auth/refresh', 'auth/logout'], name);
                assert.deepEqual(sent.slice(from).filter((r) => r.headers.has('DPoP')), [], name);
                assert.equal(sent[from + 1].headers.get('Authorization'), 'Bearer plain', name);
            }
        } finally {
            console.warn = warn;
            globalThis.indexedDB = indexedDB;
        }
        assert.equal(warnings.length, 2, 'each page says once why it signs nothing');
    });
