// Server nonces (RFC 9449 section 8): every answer may give the nonce that the next proofs must carry, and a proof
// without it is answered use_dpop_nonce, which the client meets by signing again, once. The order of the tests
// matters: the first one starts with a client that has seen no nonce.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { installIndexedDB } from './fake-browser.mjs';
import { answer, auth, events, proofOf, sent, signOut, token, tokenHash, API } from './support.mjs';

installIndexedDB();

// A test that fails while signed in would leave the refresh timer, and the process, running.
afterEach(async () => {
    if (auth.isSignedIn()) {
        await signOut();
    }
});

const useNonce = (nonce) => [{ error: 'use_dpop_nonce', error_description: 'A DPoP proof with the server\'s nonce is '
    + 'required' }, { 'DPoP-Nonce': nonce, 'WWW-Authenticate': 'DPoP algs="ES256 EdDSA"' }];
const useNonceOnApi = (nonce) => [{ error: 'use_dpop_nonce' }, {
    'WWW-Authenticate': 'DPoP realm="api", error="use_dpop_nonce", error_description="A DPoP proof with the '
        + 'server\'s nonce is required", algs="ES256 EdDSA"',
    'DPoP-Nonce': nonce,
}];

test('a login answered 400 use_dpop_nonce is sent once more, its new proof carrying the nonce; so is a refresh',
    async () => {
        const from = sent.length;
        answer('auth/login', 400, ...useNonce('bm9kZS1hOjE'));
        answer('auth/login', 200, token(60, 'bound', 'DPoP'));

        await auth.login('ada', 'secret');

        const [first, second] = sent.slice(from).map(proofOf);
        assert.equal(sent.length - from, 2);
        assert.equal('nonce' in first.payload, false, 'no nonce claim before the server gave one');
        assert.equal(second.payload.nonce, 'bm9kZS1hOjE');
        assert.equal(second.payload.htu, `${API}auth/login`);
        assert.deepEqual(second.header.jwk, first.header.jwk);
        assert.notEqual(second.payload.jti, first.payload.jti);
        assert.equal(sent.at(-1).headers.get('Content-Type'), 'application/json', 'the same request again');
        assert.equal(auth.isSignedIn(), true);

        answer('auth/refresh', 400, ...useNonce('bm9kZS1iOjE'));
        answer('auth/refresh', 200, token(60, 'renewed', 'DPoP'));
        assert.equal(await auth.refresh(), true);
        assert.deepEqual(sent.slice(from + 2).map((r) => [r.url.split('/api/')[1], proofOf(r).payload.nonce]),
            [['auth/refresh', 'bm9kZS1hOjE'], ['auth/refresh', 'bm9kZS1iOjE']], 'another node, another nonce');
        assert.equal(events.at(-1), 'change true login', 'no sign-out on the way');
        await signOut();
    });

test('an API call answered 401 use_dpop_nonce is signed again with the nonce and sent once more, without a refresh',
    async () => {
        answer('auth/login', 200, token(60, 'bound', 'DPoP'));
        await auth.login('ada', 'secret');
        const from = sent.length;
        answer('/api/orders', 401, ...useNonceOnApi('bm9kZS1jOjE'));
        answer('/api/orders', 201, { id: 7 });

        const response = await auth.fetch('orders', { method: 'POST', body: '{"item":1}' });

        assert.equal(response.status, 201);
        assert.deepEqual(sent.slice(from).map((r) => r.url), [`${API}orders`, `${API}orders`], 'no refresh');
        const retry = sent.at(-1);
        assert.equal(retry.headers.get('Authorization'), 'DPoP bound', 'the same token');
        assert.equal(proofOf(retry).payload.nonce, 'bm9kZS1jOjE');
        assert.equal(proofOf(retry).payload.htm, 'POST');
        assert.equal(proofOf(retry).payload.ath, await tokenHash('bound'));
        assert.notEqual(proofOf(retry).payload.jti, proofOf(sent[from]).payload.jti);
        await signOut();
    });

test('the nonce of a 200\'s DPoP-Nonce goes into the next proofs, getAuthHeaders\' too, and one given to it as well',
    async () => {
        answer('auth/login', 200, token(60, 'bound', 'DPoP'), { 'DPoP-Nonce': 'bG9naW4tbm9uY2U' });
        await auth.login('ada', 'secret');
        answer('/api/me', 200, { name: 'ada' }, { 'DPoP-Nonce': 'bWUtbm9uY2U' });

        await auth.fetch('me');
        assert.equal(proofOf(sent.at(-1)).payload.nonce, 'bG9naW4tbm9uY2U', 'the login\'s');
        const headers = await auth.getAuthHeaders('orders', 'POST');
        assert.equal(proofOf({ headers: new Headers(headers) }).payload.nonce, 'bWUtbm9uY2U', 'the API call\'s');

        // Another HTTP client was refused with a nonce that this module could not see: the caller hands it over.
        const again = await auth.getAuthHeaders('orders', 'POST', 'YXhpb3Mtbm9uY2U');
        assert.equal(proofOf({ headers: new Headers(again) }).payload.nonce, 'YXhpb3Mtbm9uY2U');
        answer('/api/me', 200, { name: 'ada' });
        await auth.fetch('me');
        assert.equal(proofOf(sent.at(-1)).payload.nonce, 'YXhpb3Mtbm9uY2U', 'and it is the latest from then on');
        await signOut();
    });

test('a server that keeps answering use_dpop_nonce gets exactly one retry, and no refresh', async () => {
    const from = sent.length;
    answer('auth/login', 400, ...useNonce('bG9vcC0x'));
    answer('auth/login', 400, ...useNonce('bG9vcC0y'));

    // A third attempt would find no answer scripted, and reject with status 0.
    const refused = await auth.login('ada', 'secret').catch((error) => error);

    assert.equal(refused.status, 400);
    assert.equal(refused.code, 'use_dpop_nonce');
    assert.equal(auth.isSignedIn(), false);
    assert.equal(sent.length - from, 2);
    answer('auth/login', 200, token(60, 'bound', 'DPoP'));
    await auth.login('ada', 'secret');

    const api = sent.length;
    answer('/api/me', 401, ...useNonceOnApi('bG9vcC0z'));
    answer('/api/me', 401, ...useNonceOnApi('bG9vcC00'));
    const response = await auth.fetch('me');

    assert.equal(response.status, 401);
    assert.deepEqual(sent.slice(api).map((r) => r.url), [`${API}me`, `${API}me`], 'one retry, no refresh');
    assert.equal(auth.isSignedIn(), true, 'the session is fine: only the proofs were refused');
    assert.equal(proofOf(sent.at(-1)).payload.nonce, 'bG9vcC0z');
    await signOut();
});
