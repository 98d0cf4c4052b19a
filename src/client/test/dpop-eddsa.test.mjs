// The EdDSA choice, and its fall-back where the browser has no Ed25519 (a fresh module instance over a fresh fake
// IndexedDB stands for that browser: the client signs only with a key that IndexedDB keeps).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installIndexedDB } from './fake-browser.mjs';
import { answer, auth, proofOf, sent, signOut, token, verifies, API } from './support.mjs';

installIndexedDB();

test('configure({ dpopAlgorithm: \'EdDSA\' }) signs with an Ed25519 key, its public half only in the proof',
    async () => {
        auth.configure({ dpopAlgorithm: 'EdDSA' });
        answer('auth/login', 200, token(60, 'bound', 'DPoP'));

        await auth.login('ada', 'secret');

        const proof = proofOf(sent.at(-1));
        assert.equal(proof.header.alg, 'EdDSA');
        assert.deepEqual(Object.keys(proof.header.jwk).sort(), ['crv', 'kty', 'x']);
        assert.equal(proof.header.jwk.kty, 'OKP');
        assert.equal(proof.header.jwk.crv, 'Ed25519');
        assert.equal(await verifies(proof), true);
        await signOut();
    });

test('where generateKey refuses Ed25519, EdDSA falls back to ES256', async () => {
    const generateKey = crypto.subtle.generateKey;
    crypto.subtle.generateKey = function (algorithm, ...rest) {
        return algorithm.name === 'Ed25519' ? Promise.reject(new DOMException('Unrecognized name', 'NotSupportedError'))
            : generateKey.call(this, algorithm, ...rest);
    };
    try {
        installIndexedDB();
        const page = await import('../token-client.js?without-ed25519');
        page.configure({ api: API, dpopAlgorithm: 'EdDSA' });
        answer('auth/login', 200, token(60, 'bound', 'DPoP'));

        await page.login('ada', 'secret');

        const proof = proofOf(sent.at(-1));
        assert.equal(proof.header.alg, 'ES256');
        assert.equal(proof.header.jwk.crv, 'P-256');
        assert.equal(await verifies(proof), true);
        answer('auth/logout', 204);
        await page.logout();
    } finally {
        crypto.subtle.generateKey = generateKey;
    }
});
