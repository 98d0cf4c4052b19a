// token-client.js: the browser half of token-cookie-auth, as a plain ES module with no dependencies.
//
// The access token lives only in this module's memory: never in localStorage, sessionStorage, IndexedDB or a
// readable cookie. The refresh token is an HttpOnly cookie that no script can read; the browser sends it to the
// auth endpoints by itself. It runs in a window and in a dedicated worker. Serve it from the WAR, copy it, or install
// the npm package, then:
//
//   import * as auth from 'token-cookie-auth-client';
//   auth.configure({ api: 'https://api.example.com/api/' }); // default: api/ below the page
//   auth.onChange(({ signedIn, reason }) => render(signedIn, reason));
//   auth.onError(({ error, retryInMs }) => showProblem(error, retryInMs));
//   await auth.start();                   // true or false; rejects with an AuthError when the server can't say
//   await auth.login(username, password);
//   const response = await auth.fetch('me'); // relative to the API; Bearer added; a 401 refreshes once and retries
//   await auth.logout();                  // signs out every tab; rejects, still signed in, if not confirmed

const CHANNEL_NAME = 'token-cookie-auth';
const LOCK_NAME = 'token-cookie-auth-refresh';
// Not a secret: a sign-out the server has not confirmed, to send before anything restores the session.
const PENDING_SIGN_OUT = 'token-cookie-auth:sign-out-pending';
// Without Web Locks, a tab that announced a refresh is waited for this long at most.
const FALLBACK_WAIT_MS = 5000;
// A failed background refresh is tried again after 1 s, 2 s, 4 s ... up to this, or the server's Retry-After.
const MAX_RETRY_MS = 30000;

const scope = globalThis;
const pageBase = () => scope.document?.baseURI ?? scope.location?.href;

// Where there is no page (server-side rendering), nothing is sent until configure() names the API absolutely.
let apiBase = pageBase() ? new URL('api/', pageBase()) : null;
let accessToken = null;
let expiresAt = 0;
let refreshAheadMs = 0;
let refreshTimer = null;
let expiryTimer = null;
let retryDelayMs = 0;
// Signed in, but the token ran out while the server could not be reached: the session may well be alive.
let resuming = false;
let refreshing = null;
// Raised by every sign-out: a refresh answer that set out before it is dropped, not adopted.
let signOuts = 0;
let otherTabRefreshingUntil = 0;
const listeners = new Set();
const errorListeners = new Set();
const tokenWaiters = new Set();

/**
 * What went wrong, in a form a page can act on: `status` (0 when no answer came), `code` (the server's `error`, or
 * `network_error`), `retryAfter` (seconds, when the server said how long to wait).
 */
export class AuthError extends Error {
    constructor(message, { status = 0, code = 'network_error', retryAfter = null, cause } = {}) {
        super(message, cause === undefined ? undefined : { cause });
        this.name = 'AuthError';
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }
}

// Tabs tell each other about new tokens and sign-outs; the messages never leave this browser and this origin.
const channel = 'BroadcastChannel' in scope ? new BroadcastChannel(CHANNEL_NAME) : null;
channel?.addEventListener('message', ({ data }) => {
    if (data?.type === 'token') {
        otherTabRefreshingUntil = 0;
        adopt(data.accessToken, data.expiresAt, 'other-tab');
        tokenWaiters.forEach((wake) => wake());
    } else if (data?.type === 'signed-out') {
        clear('other-tab');
    } else if (data?.type === 'refreshing') {
        otherTabRefreshingUntil = Date.now() + FALLBACK_WAIT_MS;
    } else if (data?.type === 'refresh-done') {
        otherTabRefreshingUntil = 0;
    }
});

// Timers are slowed down in background tabs: catch up when the tab is shown again.
scope.document?.addEventListener('visibilitychange', () => {
    if (scope.document.visibilityState === 'visible' && (resuming
        || (accessToken && Date.now() >= expiresAt - refreshAheadMs))) {
        backgroundRefresh();
    }
});

/** Where the module's endpoints are; by default `api/` below the page's base URL. Call it before `start()`. */
export function configure({ api } = {}) {
    if (api) {
        apiBase = new URL(api, pageBase());
    }
}

/**
 * Calls the listener with `{ signedIn, reason }` whenever this tab signs in or out. Reasons: `login`, `refresh` (signed
 * in by `start()` or back after an outage), `other-tab`, `logout`, `expired` (the session ended), `unavailable` (the
 * token ran out while the server could not be reached; the client keeps trying). Returns an unsubscribe function.
 */
export function onChange(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
}

/** Calls the listener with `{ error, retryInMs }` when a refresh in the background fails; it is tried again then. */
export function onError(listener) {
    errorListeners.add(listener);
    return () => errorListeners.delete(listener);
}

/** Whether this tab holds an access token that has not expired. */
export function isSignedIn() {
    return accessToken !== null && Date.now() < expiresAt;
}

/**
 * For HTTP clients other than `auth.fetch` (axios, EventSource polyfills, a WebSocket's first message): a current
 * access token, refreshed first if it is about to expire, or null when signed out. Use it for one request and do not
 * keep it: it expires in minutes, and storing it is what this design avoids.
 */
export async function getAccessToken() {
    if (accessToken && Date.now() >= expiresAt - refreshAheadMs) {
        await refresh(accessToken).catch(() => {});
    }
    return isSignedIn() ? accessToken : null;
}

/**
 * On page load: gets an access token from the refresh cookie, if the browser has one. Resolves to true (signed in;
 * `onChange` fires with reason `refresh`) or false (signed out; no `onChange` fires, as nothing changed). Rejects with
 * an {@link AuthError} when the server could not say: `status` 0 when it could not be reached (for an API on another
 * origin, also when the server refused this page's origin: its log names the origin), 403 when it refused the
 * request, 503 or 429 with `retryAfter`. After a 0, 429 or 5xx the client keeps trying in the background, and
 * `onChange` reports the session when it comes back. A sign-out that the server never confirmed is sent first.
 */
export async function start() {
    try {
        return pendingSignOut() ? await finishPendingSignOut() : await refresh(null);
    } catch (error) {
        if (retriable(error)) {
            resuming = 'start';
            retryLater(error);
        }
        throw error;
    }
}

/** Signs in; rejects with an {@link AuthError} whose message is the server's description (wrong password, ...). */
export async function login(username, password) {
    const response = await cookieEndpoint('auth/login', { username, password });
    if (!response.ok) {
        throw await problem(response);
    }
    setPendingSignOut(false);
    takeTokenResponse(await tokenBody(response), 'login');
}

/**
 * Ends this browser's session on the server, which clears the cookie, then signs out every tab. Rejects with an
 * {@link AuthError}, signed in as before, when the server refused or could not be reached: the session and its cookie
 * are still there. Tell the user, and let them try again; the sign-out is also sent before the next `start()` of
 * this browser, so a reload does not sign the user back in.
 */
export async function logout() {
    setPendingSignOut(true);
    // A refresh under way would otherwise answer after the sign-out and sign this tab back in.
    await refreshing?.catch(() => {});
    const response = await cookieEndpoint('auth/logout');
    if (!response.ok) {
        throw await problem(response);
    }
    setPendingSignOut(false);
    signedOut('logout');
}

/**
 * Ends every session of the user (all browsers and devices), then this one. Rejects when the server could not end
 * them: signed in as before, or, when this tab's own session had already ended (a 401, after which this tab is signed
 * out), with a message to sign in again first. Once they have ended, this tab signs out even if the cookie could not be
 * cleared, as it no longer opens anything.
 */
export async function logoutEverywhere() {
    await refreshing?.catch(() => {});
    const response = await authFetch(new URL('auth/sessions', apiBase), { method: 'DELETE' });
    if (response.status === 401) {
        const error = await problem(response);
        error.message = 'This session has already ended: sign in again to end your other sessions';
        throw error;
    }
    if (!response.ok) {
        throw await problem(response);
    }
    await cookieEndpoint('auth/logout').catch(() => {});
    signedOut('logout');
}

/**
 * fetch() with `Authorization: Bearer` for requests to the API's origin (never to another origin). A relative URL is
 * resolved against the configured API (`auth.fetch('orders')` is `<api>/orders`). On a 401 it refreshes once and
 * retries once, so a request body must be one that can be sent twice (a string, FormData, ...). Rejects with an
 * {@link AuthError} (status 0) when no answer came.
 */
export async function authFetch(input, init = {}) {
    const url = new URL(input instanceof Request ? input.url : input, apiBase);
    const target = input instanceof Request ? input : url;
    if (url.origin !== apiBase.origin) {
        return fetch(target, init);
    }
    if ((accessToken && Date.now() >= expiresAt - refreshAheadMs) || (resuming && !accessToken)) {
        await refresh(accessToken).catch(() => {});
    }
    const sent = isSignedIn() ? accessToken : null;
    let response = await send(target, withBearer(input, init, sent));
    if (response.status === 401 && sent && await refresh(sent).catch(() => false)) {
        response = await send(target, withBearer(input, init, accessToken));
    }
    return response;
}
export { authFetch as fetch };

/**
 * Gets a new access token from the refresh cookie, one tab at a time. `staleToken` is the token the caller found
 * wanting: when another tab has delivered a newer, still fresh one meanwhile, that one is used and no request is made.
 * Resolves to true when signed in afterwards, false when the session has ended; rejects with an {@link AuthError}
 * when the server could not say.
 */
export function refresh(staleToken = accessToken) {
    const replacedMeanwhile = () => accessToken !== null && accessToken !== staleToken
        && Date.now() < expiresAt - refreshAheadMs;
    refreshing ??= oneTabAtATime(replacedMeanwhile, async () => {
        if (replacedMeanwhile()) {
            return true;
        }
        const sentAt = signOuts;
        const response = await cookieEndpoint('auth/refresh');
        if (response.ok) {
            const body = await tokenBody(response);
            if (sentAt !== signOuts) {
                return false;  // signed out meanwhile: this token belongs to a session that has ended
            }
            takeTokenResponse(body, 'refresh');
            return true;
        }
        if (response.status === 401) {
            // The cookie is gone, expired or revoked: the session is over for every tab of this browser.
            signedOut('expired');
            return false;
        }
        throw await problem(response);
    }).finally(() => {
        refreshing = null;
    });
    return refreshing;
}

/** A refresh nobody waits for (ahead of expiry, a tab shown again, after an outage): a failure is reported, retried. */
function backgroundRefresh() {
    // After an outage, a sign-out the server never confirmed goes first: the session must not come back.
    const work = resuming && !accessToken && pendingSignOut() ? finishPendingSignOut() : refresh(accessToken);
    work.then(() => {
        retryDelayMs = 0;
    }, retryLater);
}

/** Sends the sign-out that an earlier logout() could not: afterwards this browser is signed out. */
async function finishPendingSignOut() {
    const response = await cookieEndpoint('auth/logout');
    if (!response.ok && response.status !== 401) {
        throw await problem(response);
    }
    setPendingSignOut(false);
    signedOut('logout');
    return false;
}

function retriable(error) {
    return error.status === 0 || error.status === 429 || error.status >= 500;
}

function retryLater(error) {
    if (!accessToken && !resuming) {
        return;
    }
    const retryInMs = Math.max(Math.min(MAX_RETRY_MS, retryDelayMs * 2 || 1000), (error.retryAfter ?? 0) * 1000);
    if (retriable(error)) {
        retryDelayMs = Math.min(MAX_RETRY_MS, retryDelayMs * 2 || 1000);
        clearTimeout(refreshTimer);
        refreshTimer = setTimeout(backgroundRefresh, retryInMs);
    }
    for (const listener of errorListeners) {
        try {
            listener({ error, retryInMs: retriable(error) ? retryInMs : null });
        } catch (thrown) {
            console.error(thrown);
        }
    }
}

async function oneTabAtATime(replacedMeanwhile, work) {
    if (scope.navigator?.locks) {
        const first = await navigator.locks.request(LOCK_NAME, { ifAvailable: true },
            async (lock) => (lock ? { value: await work() } : null));
        if (first) {
            return first.value;
        }
        // Another tab is refreshing. Its token comes by message, which may arrive just after its lock is released.
        return navigator.locks.request(LOCK_NAME, async () => {
            if (!replacedMeanwhile()) {
                await nextTokenMessage(1000);
            }
            return work();
        });
    }
    // No Web Locks: wait while another tab says it is refreshing, then say so ourselves. Two tabs that start within the
    // same instant both refresh; the server's reuse leeway gives them the same successor.
    const deadline = Date.now() + FALLBACK_WAIT_MS;
    while (Date.now() < otherTabRefreshingUntil && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    channel?.postMessage({ type: 'refreshing' });
    try {
        return await work();
    } finally {
        channel?.postMessage({ type: 'refresh-done' });
    }
}

function nextTokenMessage(timeoutMs) {
    return new Promise((resolve) => {
        const wake = () => {
            clearTimeout(timer);
            tokenWaiters.delete(wake);
            resolve();
        };
        const timer = setTimeout(wake, timeoutMs);
        tokenWaiters.add(wake);
    });
}

function takeTokenResponse(body, reason) {
    const lifetimeMs = Math.max(1, Number(body.expires_in) || 0) * 1000;
    adopt(body.access_token, Date.now() + lifetimeMs, reason);
    channel?.postMessage({ type: 'token', accessToken, expiresAt });
}

function adopt(token, until, reason) {
    const wasSignedIn = accessToken !== null;
    accessToken = token;
    expiresAt = until;
    resuming = false;
    retryDelayMs = 0;
    // Refresh ahead of expiry: 30 s before, or a fifth of the lifetime for short-lived tokens.
    refreshAheadMs = Math.min(30000, (until - Date.now()) / 5);
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(backgroundRefresh, Math.max(0, until - refreshAheadMs - Date.now()));
    // A token that ran out unrenewed (the server unreachable all along) is dropped: the page must not think it works.
    clearTimeout(expiryTimer);
    expiryTimer = setTimeout(function expire() {
        if (accessToken !== token) {
            return;
        }
        if (refreshing) {
            refreshing.then(expire, expire);  // a late refresh (a throttled tab, a machine waking up) decides first
            return;
        }
        accessToken = null;
        resuming = true;
        notify(false, 'unavailable');
        if (retryDelayMs === 0) {
            backgroundRefresh();  // no retry is pending: the last refresh was never made, or cannot be retried
        }
    }, Math.max(0, until - Date.now()));
    if (!wasSignedIn) {
        notify(true, reason);
    }
}

/** This tab signs out, and tells the other tabs to. */
function signedOut(reason) {
    clear(reason);
    channel?.postMessage({ type: 'signed-out' });
}

function clear(reason) {
    // After 'unavailable', or a start() that could not reach the server, the page waits to hear: say how it ended.
    const wasSignedIn = accessToken !== null || Boolean(resuming);
    signOuts += 1;
    accessToken = null;
    expiresAt = 0;
    resuming = false;
    clearTimeout(refreshTimer);
    clearTimeout(expiryTimer);
    if (wasSignedIn) {
        notify(false, reason);
    }
}

function notify(signedIn, reason) {
    for (const listener of listeners) {
        try {
            listener({ signedIn, reason });
        } catch (error) {
            console.error(error);
        }
    }
}

function pendingSignOut() {
    try {
        return scope.localStorage?.getItem(PENDING_SIGN_OUT) === '1';
    } catch {
        return false;  // storage blocked by the browser's settings
    }
}

function setPendingSignOut(pending) {
    try {
        if (pending) {
            scope.localStorage?.setItem(PENDING_SIGN_OUT, '1');
        } else {
            scope.localStorage?.removeItem(PENDING_SIGN_OUT);
        }
    } catch {
        // storage blocked: the sign-out still holds for as long as this page lives
    }
}

async function cookieEndpoint(path, body) {
    const headers = { 'X-Requested-With': 'fetch' };  // the cookie endpoints refuse requests without it
    if (body) {
        headers['Content-Type'] = 'application/json';
    }
    return send(new URL(path, apiBase), {
        method: 'POST',
        // An API on another origin (listed in auth.allowed-origins) gets the cookie only when asked to include it.
        credentials: apiBase.origin === scope.location?.origin ? 'same-origin' : 'include',
        headers,
        body: body ? JSON.stringify(body) : undefined,
    });
}

async function send(target, init) {
    try {
        return await fetch(target, init);
    } catch (cause) {
        // fetch rejects with a bare TypeError when no answer came, or when the browser hid a cross-origin answer.
        throw new AuthError(apiBase.origin === scope.location?.origin ? 'The server could not be reached'
            : 'The server could not be reached, or it did not allow this page\'s origin (see auth.allowed-origins)',
        { cause });
    }
}

function withBearer(input, init, token) {
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    if (token) {
        headers.set('Authorization', `Bearer ${token}`);
    }
    return { ...init, headers };
}

async function tokenBody(response) {
    try {
        return await response.json();
    } catch (cause) {
        throw new AuthError('The server\'s answer was not a token (is the API URL right?)',
            { status: response.status, code: 'invalid_response', cause });
    }
}

async function problem(response) {
    const body = await response.json().catch(() => ({}));
    return new AuthError(body.error_description || `Request failed (${response.status})`, {
        status: response.status,
        code: body.error ?? 'http_error',
        retryAfter: retryAfterSeconds(response.headers.get('Retry-After')),
    });
}

function retryAfterSeconds(header) {
    if (!header) {
        return null;
    }
    const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
    return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : null;
}
