import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answer, auth, events, signOut, token, until } from './support.mjs';

test('a background refresh the server cannot answer is reported and retried; an expired token is not signed in',
    async () => {
        answer('auth/login', 200, token(1, 'first'));
        await auth.login('ada', 'secret');
        // Ahead of expiry (at 0.8 s) the refresh is refused with Retry-After 1, and again at 1.8 s.
        answer('auth/refresh', 503, { error: 'temporarily_unavailable', error_description: 'Retry shortly' },
            { 'Retry-After': '1' });
        answer('auth/refresh', 503, { error: 'temporarily_unavailable' }, { 'Retry-After': '1' });
        answer('auth/refresh', 200, token(60, 'second'));

        await until(() => events.includes('change false unavailable'));
        assert.equal(auth.isSignedIn(), false, 'the token has run out');
        assert.equal(await auth.getAccessToken(), null);
        await until(() => auth.isSignedIn(), 6000);

        assert.deepEqual(events, ['change true login', 'error 503 temporarily_unavailable 1000',
            'change false unavailable', 'error 503 temporarily_unavailable 2000', 'change true refresh']);
        assert.equal(await auth.getAccessToken(), 'second');
        await signOut();
    });
