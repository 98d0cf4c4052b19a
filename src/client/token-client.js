// token-client.js: the browser half of token-cookie-auth, as a plain ES module with no dependencies.
//
// The access token lives only in this module's memory: never in localStorage, sessionStorage, IndexedDB or a
// readable cookie. The refresh token is an HttpOnly cookie that no script can read; the browser sends it to the
// auth endpoints by itself. Where WebCrypto (a secure context) is, an IndexedDB that can keep the key, and a server
// that takes proofs, every login, refresh and API call also carries a DPoP proof (RFC 9449) signed with a key pair
// that this origin keeps in IndexedDB, its private half not extractable: a server that binds its tokens to that key
// refuses them from anywhere else. It runs in a window and in a dedicated worker. Serve it from the WAR, copy it, or install the npm package:
//
//   import * as auth from 'token-cookie-auth-client';
//   auth.configure({ api: 'https://api.example.com/api/' }); // default: api/ below the page; dpop: false opts out
//   auth.onChange(({ signedIn, reason }) => render(signedIn, reason));
//   auth.onError(({ error, retryInMs }) => showProblem(error, retryInMs));
//   await auth.start();                   // true or false; rejects with an AuthError when the server can't say
//   await auth.login(username, password);
//   const response = await auth.fetch('me'); // relative to the API; token added; a 401 refreshes once and retries
//   await auth.logout();                  // signs out every tab; rejects, still signed in, if not confirmed

const CHANNEL_NAME = 'token-cookie-auth';
const LOCK_NAME = 'token-cookie-auth-refresh';
// Not a secret: a sign-out the server has not confirmed, to send before anything restores the session.
const PENDING_SIGN_OUT = 'token-cookie-auth:sign-out-pending';
// Without Web Locks, a tab that announced a refresh is waited for this long at most.
const FALLBACK_WAIT_MS = 5000;
// A failed background refresh is tried again after 1 s, 2 s, 4 s ... up to this, or the server's Retry-After.
const MAX_RETRY_MS = 30000;
// The DPoP key pair: one record, shared by every tab and worker of the origin, kept across reloads.
const KEY_DATABASE = 'token-cookie-auth';
const KEY_STORE = 'keys';
const KEY_RECORD = 'dpop';
// fetch() sends these methods in upper case whatever the case given, and any other method as given.
const NORMALIZED_METHODS = /^(?:DELETE|GET|HEAD|OPTIONS|POST|PUT)$/i;
const NONCE_HEADER = 'DPoP-Nonce';
// A DPoP challenge among the WWW-Authenticate challenges of an answer (fetch joins several with ", ").
const DPOP_CHALLENGE = /(^|,)\s*DPoP(\s|$)/i;

const scope = globalThis;
const pageBase = () => scope.document?.baseURI ?? scope.location?.href;

// Where there is no page (server-side rendering), nothing is sent until configure() names the API absolutely.
let apiBase = pageBase() ? new URL('api/', pageBase()) : null;
let accessToken = null;
// 'DPoP' when the server bound the access token to this browser's key, 'Bearer' otherwise: the scheme it is sent with.
let tokenType = 'Bearer';
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
let dpopEnabled = Boolean(scope.crypto?.subtle);
let dpopAlgorithm = 'ES256';
// A promise of { privateKey, alg, jwk, signing }, or of null when no key could be kept; loaded once per page.
let dpopKey = null;
// Whether the server said it takes proofs: a `WWW-Authenticate: DPoP` challenge on any answer (the refused refresh of
// a page that loads signed out carries one), or a login refused for want of a proof. Until then, and with no key kept
// from an earlier page, a login goes without a proof, so that against a server without DPoP the client makes no key
// and sends nothing new.
let serverTakesDpop = false;
// The latest DPoP-Nonce each origin gave (RFC 9449 sections 8 and 9), for the next proofs to it. Only in memory: a
// nonce is good for a short while on the server node that made it only, and every answer of a server that wants
// nonces brings the current one. Another tab gets it with the token whose answer carried it.
const dpopNonces = new Map();
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
        // The answer that brought the token brought a nonce as well; it saves this tab a use_dpop_nonce round trip.
        if (data.nonce) {
            dpopNonces.set(data.nonce.origin, data.nonce.value);
        }
        adopt(data.accessToken, data.tokenType, data.expiresAt, 'other-tab');
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

/**
 * Where the module's endpoints are (`api`; by default `api/` below the page's base URL), whether to send DPoP proofs
 * (`dpop`; by default where WebCrypto is, and only ever with a key that IndexedDB keeps) and with which algorithm a
 * new key is made (`dpopAlgorithm`: `ES256`, the default, or `EdDSA`, which falls back to `ES256` where the browser
 * has no Ed25519). Call it before `start()`.
 */
export function configure({ api, dpop, dpopAlgorithm: algorithm } = {}) {
    if (algorithm !== undefined && algorithm !== 'ES256' && algorithm !== 'EdDSA') {
        throw new TypeError(`dpopAlgorithm must be 'ES256' or 'EdDSA', not ${algorithm}`);
    }
    if (api) {
        apiBase = new URL(api, pageBase());
    }
    if (dpop !== undefined) {
        // Without WebCrypto (a page served over plain HTTP) no proof can be made: the server decides whether it minds.
        dpopEnabled = Boolean(dpop) && Boolean(scope.crypto?.subtle);
    }
    if (algorithm !== undefined) {
        dpopAlgorithm = algorithm;
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
 * keep it: it expires in minutes, and storing it is what this design avoids. A token the server bound to this
 * browser's DPoP key is refused without a proof: for HTTP requests, {@link getAuthHeaders} gives both.
 */
export async function getAccessToken() {
    return (await currentToken())?.token ?? null;
}

/**
 * For HTTP clients other than `auth.fetch`: the headers that authorize one request with `method` to `url` (resolved
 * against the API): `Authorization`, and `DPoP` when the token is bound to this browser's key. Empty when signed out
 * or when the URL is on another origin than the API's. Make them for each request: a proof is good for one. This
 * module does not see the answers to those requests: pass the `DPoP-Nonce` of the last one as `nonce`, above all
 * after a 401 whose `WWW-Authenticate` says `use_dpop_nonce`, as a server with nonces refuses proofs without its own.
 */
export async function getAuthHeaders(url, method = 'GET', nonce = undefined) {
    const target = new URL(url, apiBase);
    if (nonce && target.origin === apiBase.origin) {
        dpopNonces.set(target.origin, String(nonce));
    }
    return authorization(method, target, target.origin === apiBase.origin ? await currentToken() : null);
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
 * fetch() with the access token for requests to the API's origin (never to another origin): `Authorization: Bearer`,
 * or `Authorization: DPoP` and a proof of its own for a token bound to this browser's key. A relative URL is
 * resolved against the configured API (`auth.fetch('orders')` is `<api>/orders`). On a 401 it refreshes once and
 * retries once, and on a 401 `use_dpop_nonce` it signs again with the server's nonce and retries once, so a request
 * body must be one that can be sent more than once (a string, FormData, ...). Rejects with an {@link AuthError}
 * (status 0) when no answer came.
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
    const method = init.method ?? (input instanceof Request ? input.method : 'GET');
    const sendWith = async (current) => {
        const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
        for (const [name, value] of Object.entries(await authorization(method, url, current))) {
            headers.set(name, value);
        }
        return send(target, { ...init, headers });
    };
    // The token is fine, only the proof lacked the nonce of the node that answered (the first call, or another node
    // than the last one): sign again with the nonce it gave, once, as a node keeps giving it while it is good.
    const sendSigned = async (current) => {
        const response = await sendWith(current);
        return current?.type === 'DPoP' && nonceAsked(response) ? sendWith(current) : response;
    };
    const sent = isSignedIn() ? { token: accessToken, type: tokenType } : null;
    let response = await sendSigned(sent);
    // A new token would not help a proof that still has no nonce the server takes.
    if (response.status === 401 && !nonceAsked(response) && sent && await refresh(sent.token).catch(() => false)) {
        response = await sendSigned({ token: accessToken, type: tokenType });
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

/** The access token and its type, refreshed first if it is about to expire; null when signed out. */
async function currentToken() {
    if (accessToken && Date.now() >= expiresAt - refreshAheadMs) {
        await refresh(accessToken).catch(() => {});
    }
    return isSignedIn() ? { token: accessToken, type: tokenType } : null;
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
    adopt(body.access_token, body.token_type, Date.now() + lifetimeMs, reason);
    // The other tabs share this one's key (IndexedDB), so a DPoP token works for them as well.
    const nonce = dpopNonces.has(apiBase.origin) ? { origin: apiBase.origin, value: dpopNonces.get(apiBase.origin) }
        : undefined;
    channel?.postMessage({ type: 'token', accessToken, tokenType, expiresAt, nonce });
}

function adopt(token, type, until, reason) {
    const wasSignedIn = accessToken !== null;
    accessToken = token;
    // Token types are case-insensitive (RFC 6749, 5.1); a tab of an older version sends none, and means Bearer.
    tokenType = String(type).toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer';
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
    const url = new URL(path, apiBase);
    const post = async () => {
        const headers = { 'X-Requested-With': 'fetch' };  // the cookie endpoints refuse requests without it
        if (body) {
            headers['Content-Type'] = 'application/json';
        }
        // The server binds a login and its refreshes to the key of the proof; it ignores the proof of a logout.
        const proof = await proofWanted() ? await dpopProof('POST', url) : null;
        if (proof) {
            headers.DPoP = proof;
        }
        const response = await send(url, {
            method: 'POST',
            // An API on another origin (listed in auth.allowed-origins) gets the cookie only when asked to include it.
            credentials: apiBase.origin === scope.location?.origin ? 'same-origin' : 'include',
            headers,
            body: body ? JSON.stringify(body) : undefined,
        });
        return { response, signed: proof !== null };
    };
    const first = await post();
    // The server refuses the proof before it rotates the cookie or checks the password: nothing was used up, and the
    // same request can go again. Once only: a second use_dpop_nonce is the caller's error to see, not a loop. A login
    // sent without a proof to a server that requires one goes again with one, now that the answer said so.
    const again = first.signed ? await tokenErrorIs(first.response, 'use_dpop_nonce')
        : dpopEnabled && serverTakesDpop && await tokenErrorIs(first.response, 'invalid_dpop_proof');
    return again ? (await post()).response : first.response;
}

async function send(target, init) {
    let response;
    try {
        response = await fetch(target, init);
    } catch (cause) {
        // fetch rejects with a bare TypeError when no answer came, or when the browser hid a cross-origin answer.
        throw new AuthError(apiBase.origin === scope.location?.origin ? 'The server could not be reached'
            : 'The server could not be reached, or it did not allow this page\'s origin (see auth.allowed-origins)',
        { cause });
    }
    if (DPOP_CHALLENGE.test(response.headers.get('WWW-Authenticate') ?? '')) {
        serverTakesDpop = true;
    }
    // Any answer, whatever its status, may carry the nonce that the next proofs must have.
    const nonce = response.headers.get(NONCE_HEADER);
    if (nonce) {
        dpopNonces.set(new URL(response.url || (target instanceof Request ? target.url : target)).origin, nonce);
    }
    return response;
}

/** The headers that send the token (`{ token, type }`, or null for none) with one request to the API. */
async function authorization(method, url, current) {
    if (!current) {
        return {};
    }
    const headers = { Authorization: `${current.type} ${current.token}` };
    // Without a proof (no key) a DPoP token is refused all the same, and as a Bearer token too: it goes as it is.
    const proof = current.type === 'DPoP' ? await dpopProof(method, url, current.token) : null;
    if (proof) {
        headers.DPoP = proof;
    }
    return headers;
}

/** Whether an API answer is a 401 that asks for a proof with the nonce it carries (RFC 9449 section 9). */
function nonceAsked(response) {
    return response.status === 401 && response.headers.has(NONCE_HEADER)
        && /\berror\s*=\s*"?use_dpop_nonce\b/i.test(response.headers.get('WWW-Authenticate') ?? '');
}

/**
 * Whether a login, refresh or logout answer is a 400 with this error: `use_dpop_nonce`, which asks for a proof with the
 * nonce it carries (RFC 9449 section 8), or `invalid_dpop_proof`.
 */
async function tokenErrorIs(response, error) {
    if (response.status !== 400 || (error === 'use_dpop_nonce' && !response.headers.has(NONCE_HEADER))) {
        return false;
    }
    // A clone: when it is another error, the caller reads the body for its AuthError.
    const body = await response.clone().json().catch(() => null);
    return body?.error === error;
}

/**
 * Whether a login, refresh or logout should carry a proof: where the server said it takes them, or where this origin
 * already keeps a key, whose login a refresh without a proof would end (the server takes that for a stolen cookie).
 * Asking which databases exist opens none, so a page against a server without DPoP creates nothing.
 */
async function proofWanted() {
    if (!dpopEnabled) {
        return false;
    }
    if (serverTakesDpop || dpopKey) {
        return true;
    }
    try {
        return typeof scope.indexedDB?.databases !== 'function'
            || (await scope.indexedDB.databases()).some(({ name }) => name === KEY_DATABASE);
    } catch {
        return true;
    }
}

/**
 * A DPoP proof (RFC 9449) for one request, with the hash of the access token it goes with (`ath`) on API calls and
 * the server's latest nonce (`nonce`) once it gave one; null when DPoP is off or no key could be kept, and the request
 * then goes without.
 */
async function dpopProof(method, url, token) {
    if (!dpopEnabled) {
        return null;
    }
    dpopKey ??= loadKeyPair().then(proofKey).catch((error) => {
        console.warn('token-cookie-auth: no DPoP key could be kept in IndexedDB, requests go without proofs', error);
        return null;
    });
    const key = await dpopKey;
    if (!key) {
        return null;
    }
    const htu = new URL(url);
    htu.search = '';
    htu.hash = '';
    const payload = {
        jti: crypto.randomUUID(),
        // What fetch() will send, as the server compares it with the request's method.
        htm: NORMALIZED_METHODS.test(method) ? method.toUpperCase() : method,
        htu: htu.href,
        iat: Math.floor(Date.now() / 1000),
    };
    const nonce = dpopNonces.get(htu.origin);
    if (nonce) {
        payload.nonce = nonce;
    }
    if (token) {
        payload.ath = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
    }
    const signed = `${base64urlJson({ typ: 'dpop+jwt', alg: key.alg, jwk: key.jwk })}.${base64urlJson(payload)}`;
    // WebCrypto's ECDSA signature is already r || s, the form JWS wants (not DER).
    const signature = await crypto.subtle.sign(key.signing, key.privateKey, new TextEncoder().encode(signed));
    return `${signed}.${base64url(signature)}`;
}

/**
 * The origin's key pair from IndexedDB, made and stored first if there is none. Two tabs that make the first key at
 * once both generate one, outside any transaction (which would commit while generateKey runs), but only the first
 * `add` succeeds: the other tab takes the stored pair and drops its own.
 *
 * Rejects when the pair cannot be kept there (no IndexedDB, as in Node; one that fails, as in some private modes; a
 * browser that cannot store a CryptoKey; a record of another version), and the client then signs nothing. A key in
 * this page's memory only would be worse than none: the server binds the login to it, and the refresh after a reload,
 * or from another tab, comes with another key, which the server takes for a stolen cookie: it ends the login and
 * raises its theft alarm. Without proofs, a server that allows DPoP gives Bearer tokens, which outlive a reload.
 */
async function loadKeyPair() {
    const database = await openKeyDatabase();
    try {
        const stored = await readKeyPair(database);
        if (usable(stored)) {
            return stored;
        }
        if (stored !== undefined) {
            // Maybe another version's: replacing it would strand the login that version bound to it.
            throw new Error('The stored DPoP key is not one this version can use');
        }
        const created = await generateKeyPair();
        try {
            await keyTransaction(database, 'readwrite', (keys) => keys.add(created, KEY_RECORD));
            return created;
        } catch (error) {
            const first = error?.name === 'ConstraintError' ? await readKeyPair(database) : null;
            if (usable(first)) {
                return first;
            }
            throw error;
        }
    } finally {
        // An open connection would hold up the deletion of the database (the user clearing the site's data).
        database.close();
    }
}

/** The stored pair, or undefined when there is none; rejects when it could not be read. */
function readKeyPair(database) {
    return keyTransaction(database, 'readonly', (keys) => keys.get(KEY_RECORD));
}

function openKeyDatabase() {
    return new Promise((resolve, reject) => {
        const request = scope.indexedDB.open(KEY_DATABASE, 1);
        request.onupgradeneeded = () => request.result.createObjectStore(KEY_STORE);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
    });
}

/** Runs one request in a transaction of its own; resolves with its result once the transaction has committed. */
function keyTransaction(database, mode, operation) {
    return new Promise((resolve, reject) => {
        const transaction = database.transaction(KEY_STORE, mode);
        const request = operation(transaction.objectStore(KEY_STORE));
        transaction.oncomplete = () => resolve(request.result);
        transaction.onabort = () => reject(transaction.error ?? request.error);
    });
}

function usable(pair) {
    const algorithm = pair?.privateKey?.algorithm;
    return pair?.privateKey?.type === 'private' && pair.publicKey?.type === 'public'
        && ((algorithm?.name === 'ECDSA' && algorithm.namedCurve === 'P-256') || algorithm?.name === 'Ed25519');
}

async function generateKeyPair() {
    // Not extractable: no script, this one included, can read the private key, only sign with it.
    if (dpopAlgorithm === 'EdDSA') {
        try {
            return await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
        } catch {
            // a browser without Ed25519 in WebCrypto: ES256, which every DPoP server takes
        }
    }
    return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
}

/** What a proof needs of the pair. The public key of a pair is always extractable, whatever the private key is. */
async function proofKey(pair) {
    const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const ecdsa = pair.privateKey.algorithm.name === 'ECDSA';
    return {
        privateKey: pair.privateKey,
        alg: ecdsa ? 'ES256' : 'EdDSA',
        jwk: ecdsa ? { kty, crv, x, y } : { kty, crv, x },
        signing: ecdsa ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'Ed25519' },
    };
}

function base64urlJson(value) {
    return base64url(new TextEncoder().encode(JSON.stringify(value)));
}

function base64url(bytes) {
    const binary = Array.from(new Uint8Array(bytes), (byte) => String.fromCharCode(byte)).join('');
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
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
