// token-client.js: the browser half of token-cookie-auth, as a plain ES module with no dependencies.
//
// The access token lives only in this module's memory: never in localStorage, sessionStorage, IndexedDB or a
// readable cookie. The refresh token is an HttpOnly cookie that no script can read; the browser sends it to the
// auth endpoints by itself. Copy this file or serve it as is, then:
//
//   import * as auth from './token-client.js';
//   auth.onChange(({ signedIn }) => render(signedIn));
//   await auth.start();                       // a reload stays signed in, without the password
//   await auth.login(username, password);
//   const response = await auth.fetch('api/me'); // adds the Bearer header; on a 401 refreshes once and retries once
//   await auth.logout();                      // also signs out the other tabs; rejects, still signed in, if refused

const CHANNEL_NAME = 'token-cookie-auth';
const LOCK_NAME = 'token-cookie-auth-refresh';
// Without Web Locks, a tab that announced a refresh is waited for this long at most.
const FALLBACK_WAIT_MS = 5000;

let apiBase = new URL('api/', document.baseURI);
let accessToken = null;
let expiresAt = 0;
let refreshAheadMs = 0;
let refreshTimer = null;
let refreshing = null;
let otherTabRefreshingUntil = 0;
const listeners = new Set();
const tokenWaiters = new Set();

// Tabs tell each other about new tokens and sign-outs; the messages never leave this browser and this origin.
const channel = 'BroadcastChannel' in window ? new BroadcastChannel(CHANNEL_NAME) : null;
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
document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && accessToken && Date.now() >= expiresAt - refreshAheadMs) {
        refresh(accessToken).catch(() => {});
    }
});

/** Where the module's endpoints are; by default `api/` below the page's base URL. */
export function configure({ api } = {}) {
    if (api) {
        apiBase = new URL(api, document.baseURI);
    }
}

/** Calls the listener with `{ signedIn, reason }` whenever this tab signs in or out. Returns an unsubscribe function. */
export function onChange(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
}

export function isSignedIn() {
    return accessToken !== null;
}

/** On page load: gets an access token from the refresh cookie, if the browser has one. Resolves to signed-in or not. */
export async function start() {
    try {
        return await refresh(null);
    } catch (error) {
        return false;
    }
}

/** Signs in; rejects with an Error whose message is the server's description (wrong password, locked, ...). */
export async function login(username, password) {
    const response = await cookieEndpoint('auth/login', { username, password });
    if (!response.ok) {
        throw await problem(response);
    }
    takeTokenResponse(await response.json(), 'login');
}

/**
 * Ends this browser's session on the server, which clears the cookie, then signs out every tab. Rejects, signed in as
 * before, when the server refused or could not be reached (an Error with `.status`, `.code`; status 0 when unreachable):
 * the session and its cookie are still there, so a reload would sign the user back in. Tell the user, and let them
 * try again.
 */
export async function logout() {
    const response = await cookieEndpoint('auth/logout');
    if (!response.ok) {
        throw await problem(response);
    }
    signedOut('logout');
}

/**
 * Ends every session of the user (all browsers and devices), then this one. Rejects when the server could not end
 * them: signed in as before, or, when this tab's own session had already ended (a 401, after which this tab is signed
 * out), with a message to sign in again first. Once they have ended, this tab signs out even if the cookie could not be
 * cleared, as it no longer opens anything.
 */
export async function logoutEverywhere() {
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
 * fetch() with `Authorization: Bearer` for requests to the module's origin (never to another origin). On a 401 it
 * refreshes once and retries once, so a request body must be one that can be sent twice (a string, FormData, ...).
 */
export async function authFetch(input, init = {}) {
    const url = new URL(input instanceof Request ? input.url : input, document.baseURI);
    if (url.origin !== apiBase.origin) {
        return fetch(input, init);
    }
    if (accessToken && Date.now() >= expiresAt - refreshAheadMs) {
        await refresh(accessToken).catch(() => {});
    }
    const sent = accessToken;
    let response = await fetch(input, withBearer(input, init, sent));
    if (response.status === 401 && sent && await refresh(sent).catch(() => false)) {
        response = await fetch(input, withBearer(input, init, accessToken));
    }
    return response;
}
export { authFetch as fetch };

/**
 * Gets a new access token from the refresh cookie, one tab at a time. `staleToken` is the token the caller found
 * wanting: when another tab has delivered a newer, still fresh one meanwhile, that one is used and no request is made.
 * Resolves to true when signed in afterwards.
 */
export function refresh(staleToken = accessToken) {
    const replacedMeanwhile = () => accessToken !== null && accessToken !== staleToken
        && Date.now() < expiresAt - refreshAheadMs;
    refreshing ??= oneTabAtATime(replacedMeanwhile, async () => {
        if (replacedMeanwhile()) {
            return true;
        }
        const response = await cookieEndpoint('auth/refresh');
        if (response.ok) {
            takeTokenResponse(await response.json(), 'refresh');
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

async function oneTabAtATime(replacedMeanwhile, work) {
    if (navigator.locks) {
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
    // Refresh ahead of expiry: 30 s before, or a fifth of the lifetime for short-lived tokens.
    refreshAheadMs = Math.min(30000, (until - Date.now()) / 5);
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => refresh(token).catch(() => {}), Math.max(0, until - refreshAheadMs - Date.now()));
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
    const wasSignedIn = accessToken !== null;
    accessToken = null;
    expiresAt = 0;
    clearTimeout(refreshTimer);
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

async function cookieEndpoint(path, body) {
    const headers = { 'X-Requested-With': 'fetch' };  // the cookie endpoints refuse requests without it
    if (body) {
        headers['Content-Type'] = 'application/json';
    }
    try {
        return await fetch(new URL(path, apiBase), {
            method: 'POST',
            // An API on another origin (listed in auth.allowed-origins) gets the cookie only when asked to include it.
            credentials: apiBase.origin === location.origin ? 'same-origin' : 'include',
            headers,
            body: body ? JSON.stringify(body) : undefined,
        });
    } catch (cause) {
        // fetch rejects with a bare TypeError when no answer came at all.
        const error = new Error('The server could not be reached');
        error.status = 0;
        error.code = 'network_error';
        error.cause = cause;
        throw error;
    }
}

function withBearer(input, init, token) {
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    if (token) {
        headers.set('Authorization', `Bearer ${token}`);
    }
    return { ...init, headers };
}

async function problem(response) {
    const body = await response.json().catch(() => ({}));
    const error = new Error(body.error_description || `Request failed (${response.status})`);
    error.status = response.status;
    error.code = body.error;
    return error;
}
