// The DPoP key as the tabs of one browser share it: each module instance of this process is a tab, over a fake
// IndexedDB and BroadcastChannel (test/fake-browser.mjs). The instance that support.mjs made before them is unused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installBroadcastChannel, installIndexedDB } from './fake-browser.mjs';
import { answer, proofOf, sent, token, tokenHash, until, API } from './support.mjs';

const storage = installIndexedDB();
installBroadcastChannel();

async function tab(name) {
    const auth = await import(`../token-client.js?${name}`);
    auth.configure({ api: API });
    return auth;
}

test('two tabs that make the first key at once end with one key, stored non-extractable, which a reload keeps',
    async () => {
        const [first, second] = await Promise.all([tab('first'), tab('second')]);
        const from = sent.length;
        answer('auth/login', 200, token(60, 'one', 'DPoP'));
        answer('auth/login', 200, token(60, 'two', 'DPoP'));

        await Promise.all([first.login('ada', 'secret'), second.login('ada', 'secret')]);

        assert.equal(storage.constraintErrors, 1, 'both made a key; the second add found the first one stored');
        const [one, two] = sent.slice(from).map((request) => proofOf(request).header.jwk);
        assert.deepEqual(two, one, 'the tab that lost the race signs with the stored key');
        const records = storage.databases.get('token-cookie-auth').stores.get('keys');
        assert.deepEqual([...records.keys()], ['dpop']);
        const stored = records.get('dpop');
        assert.equal(stored.privateKey.extractable, false);
        await assert.rejects(crypto.subtle.exportKey('jwk', stored.privateKey));
        const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', stored.publicKey);
        assert.deepEqual({ kty, crv, x, y }, one);

        const reloaded = await tab('reloaded');
        answer('auth/refresh', 200, token(60, 'three', 'DPoP'));
        assert.equal(await reloaded.start(), true);
        assert.deepEqual(proofOf(sent.at(-1)).header.jwk, one, 'a reload keeps the key');
        assert.equal(storage.constraintErrors, 1);
        answer('auth/logout', 204);
        await reloaded.logout();
    });

test('a tab that takes a DPoP token from another one sends it as DPoP, with a proof by the shared key and the nonce '
    + 'that came with the token', async () => {
    const [first, second] = await Promise.all([tab('giver'), tab('taker')]);
    answer('auth/login', 200, token(60, 'shared', 'DPoP'), { 'DPoP-Nonce': 'bm9kZS1hLW5vbmNl' });
    await first.login('ada', 'secret');
    const login = proofOf(sent.at(-1));
    await until(() => second.isSignedIn());
    answer('/api/me', 200, { name: 'ada' });

    await second.fetch('me');

    assert.equal(sent.at(-1).headers.get('Authorization'), 'DPoP shared');
    const proof = proofOf(sent.at(-1));
    assert.deepEqual(proof.header.jwk, login.header.jwk);
    assert.equal(proof.payload.ath, await tokenHash('shared'));
    assert.equal(proof.payload.nonce, 'bm9kZS1hLW5vbmNl');
    answer('auth/logout', 204);
    await first.logout();
});
