import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answer, auth, events, sent, token, until } from './support.mjs';

test('a sign-out the server did not confirm rejects, stays signed in, and is sent by the next start()', async () => {
    answer('auth/login', 200, token(60));
    await auth.login('ada', 'secret');
    answer('auth/logout', 503, { error: 'temporarily_unavailable', error_description: 'Retry shortly' },
        { 'Retry-After': '5' });

    const error = await auth.logout().catch((e) => e);

    assert.equal(error.status, 503);
    assert.equal(error.retryAfter, 5);
    assert.equal(auth.isSignedIn(), true, 'the session is still there, and the page says so');
    assert.equal(localStorage.getItem('token-cookie-auth:sign-out-pending'), '1');

    answer('auth/logout', 204);
    assert.equal(await auth.start(), false, 'the sign-out goes first, and nothing restores the session');
    assert.deepEqual(sent.map((r) => r.url.split('/api/')[1]), ['auth/login', 'auth/logout', 'auth/logout']);
    assert.equal(auth.isSignedIn(), false);
    assert.equal(localStorage.getItem('token-cookie-auth:sign-out-pending'), null);
    assert.deepEqual(events, ['change true login', 'change false logout']);
});

test('a pending sign-out that start() cannot send is retried in the background before anything else', async () => {
    answer('auth/logout', 503, { error: 'temporarily_unavailable' });
    await auth.logout().catch(() => {});
    answer('auth/logout', new TypeError('Failed to fetch'));
    answer('auth/logout', 204);

    const error = await auth.start().catch((e) => e);

    assert.equal(error.status, 0);
    await until(() => localStorage.getItem('token-cookie-auth:sign-out-pending') === null);
    assert.deepEqual(sent.slice(-3).map((r) => r.url.split('/api/')[1]), ['auth/logout', 'auth/logout',
        'auth/logout']);
    assert.ok(!sent.some((r) => r.url.endsWith('auth/refresh')), 'nothing restored the session');
    assert.equal(auth.isSignedIn(), false);
});
