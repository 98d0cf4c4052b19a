import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answer, auth, events, sent, signOut, token, until, API } from './support.mjs';

test('start() without a session resolves false and fires nothing', async () => {
    answer('auth/refresh', 401, { error: 'invalid_grant', error_description: 'The refresh token is invalid' });

    assert.equal(await auth.start(), false);
    assert.deepEqual(events, []);
    assert.equal(auth.isSignedIn(), false);
    assert.equal(sent[0].url, `${API}auth/refresh`);
    assert.equal(sent[0].credentials, 'include', 'an API of another origin gets the cookie only when asked');
    assert.equal(sent[0].headers.get('X-Requested-With'), 'fetch');
});

test('start() that cannot reach the server rejects with status 0, keeps trying, and signs in when it answers',
    async () => {
        answer('auth/refresh', new TypeError('Failed to fetch'));
        answer('auth/refresh', 200, token(60));

        const error = await auth.start().catch((e) => e);

        assert.equal(error.name, 'AuthError');
        assert.ok(error instanceof auth.AuthError);
        assert.equal(error.status, 0);
        assert.equal(error.code, 'network_error');
        assert.match(error.message, /could not be reached.*auth\.allowed-origins/);
        assert.deepEqual(events, ['error 0 network_error 1000']);
        await until(() => auth.isSignedIn());
        assert.deepEqual(events, ['error 0 network_error 1000', 'change true refresh']);
        await signOut();
    });

test('start() refused by the server rejects with its status and code, and is not retried', async () => {
    answer('auth/refresh', 403, { error: 'access_denied', error_description: 'Cross-site requests are refused' });
    events.length = 0;

    const error = await auth.start().catch((e) => e);

    assert.equal(error.status, 403);
    assert.equal(error.code, 'access_denied');
    assert.equal(error.message, 'Cross-site requests are refused');
    assert.equal(error.retryAfter, null);
    assert.deepEqual(events, [], 'a refusal is the rejection only');
});
