import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answer, auth, events, sent, signOut, token, API } from './support.mjs';

test('auth.fetch resolves relative URLs against the API and sends the token to its origin only', async () => {
    answer('auth/login', 200, token(60, 'mine'));
    await auth.login('ada', 'secret');
    answer('/api/me', 200, { name: 'ada' });
    answer('https://elsewhere.example.test/x', 200, {});

    assert.equal((await auth.fetch('me')).status, 200);
    await auth.fetch('https://elsewhere.example.test/x');

    assert.equal(sent[1].url, `${API}me`);
    assert.equal(sent[1].headers.get('Authorization'), 'Bearer mine');
    assert.equal(sent[2].headers.get('Authorization'), null, 'never to another origin');
    assert.equal(await auth.getAccessToken(), 'mine');
    await signOut();
});

test('a 401 refreshes once and retries once; a session ended elsewhere signs out with reason expired', async () => {
    answer('auth/login', 200, token(60, 'old'));
    await auth.login('ada', 'secret');
    answer('/api/me', 401, { error: 'invalid_token' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    answer('auth/refresh', 200, token(60, 'new'));
    answer('/api/me', 200, { name: 'ada' });

    assert.equal((await auth.fetch('me')).status, 200);
    assert.equal(sent.at(-1).headers.get('Authorization'), 'Bearer new');

    answer('/api/me', 401, { error: 'invalid_token' });
    answer('auth/refresh', 401, { error: 'invalid_grant' });
    assert.equal((await auth.fetch('me')).status, 401);
    assert.equal(auth.isSignedIn(), false);
    assert.equal(events.at(-1), 'change false expired');
});

test('no answer at all is an AuthError with status 0, and a throttled login carries Retry-After', async () => {
    answer('/api/orders', new TypeError('Failed to fetch'));
    const unreachable = await auth.fetch('orders').catch((e) => e);
    assert.equal(unreachable.status, 0);
    assert.equal(unreachable.code, 'network_error');

    answer('auth/login', 429, { error: 'too_many_requests', error_description: 'Too many failed logins; retry later' },
        { 'Retry-After': '42' });
    const throttled = await auth.login('ada', 'wrong').catch((e) => e);
    assert.equal(throttled.status, 429);
    assert.equal(throttled.code, 'too_many_requests');
    assert.equal(throttled.retryAfter, 42);
    assert.equal(throttled.message, 'Too many failed logins; retry later');
});
