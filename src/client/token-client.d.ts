// Types of token-client.js. The access token is only ever in this module's memory; nothing here stores it. The DPoP
// key pair is kept in IndexedDB with a private key that cannot be exported, and nothing here hands it out; where
// IndexedDB cannot keep it, there is no key and no proof.

/** Why `onChange` fired. */
export type ChangeReason = 'login' | 'refresh' | 'other-tab' | 'logout' | 'expired' | 'unavailable';

export interface Change {
    /** Whether this tab now holds a working access token. */
    signedIn: boolean;
    reason: ChangeReason;
}

export interface BackgroundError {
    error: AuthError;
    /** When the client tries again by itself, in milliseconds; null when it will not (the server refused). */
    retryInMs: number | null;
}

/** What went wrong, in a form a page can act on. */
export class AuthError extends Error {
    constructor(message: string, details?: { status?: number; code?: string; retryAfter?: number | null;
        cause?: unknown });
    readonly name: 'AuthError';
    /** The HTTP status; 0 when no answer came (unreachable, or an API on another origin that refused this one). */
    status: number;
    /** The server's `error` code (`invalid_grant`, `temporarily_unavailable`, ...), `network_error` or `http_error`. */
    code: string;
    /** Seconds to wait, when the server said (`Retry-After` of a 429 or 503); otherwise null. */
    retryAfter: number | null;
}

export interface ConfigureOptions {
    /** Where the module's endpoints are: an absolute URL, or one relative to the page. Default: `api/` below it. */
    api?: string | URL;
    /**
     * Whether logins, refreshes and API calls carry a DPoP proof (RFC 9449), signed with a key pair that this origin
     * keeps in IndexedDB (its private key not extractable) so that the server can bind its tokens to this browser.
     * Default: true where WebCrypto is (a secure context); proofs are then signed once the server has said it takes
     * them (a `WWW-Authenticate: DPoP` challenge, which the refused refresh of `start()` carries) or where this origin
     * keeps a key from an earlier page, so that against a server without DPoP nothing changes. Without WebCrypto, or where IndexedDB is missing or cannot
     * store the key (some private modes), no proof is made even when true: a key that a reload loses would bind the
     * login to it, and the server takes a refresh with another key, or none, for a stolen cookie (it ends the login).
     * `false` sends none, and the server answers with Bearer tokens (or, when it requires DPoP, 400
     * `invalid_dpop_proof`); a session already bound to the key cannot be refreshed without a proof, and ends. A
     * server with nonces gets the latest `DPoP-Nonce` it gave in every proof, and one more try with a new nonce.
     */
    dpop?: boolean;
    /**
     * The algorithm of a new key pair: `ES256` (ECDSA P-256, the default) or `EdDSA` (Ed25519; `ES256` where the
     * browser has no Ed25519). A key already stored is kept whatever its algorithm: the server's sessions are bound
     * to it. Anything else throws a TypeError.
     */
    dpopAlgorithm?: 'ES256' | 'EdDSA';
}

/** Where the endpoints are and how requests are signed. Call it before `start()`. */
export function configure(options?: ConfigureOptions): void;

/** Calls the listener whenever this tab signs in or out. Returns the function that unsubscribes it. */
export function onChange(listener: (change: Change) => void): () => void;

/** Calls the listener when a refresh in the background fails. Returns the function that unsubscribes it. */
export function onError(listener: (failure: BackgroundError) => void): () => void;

/** Whether this tab holds an access token that has not expired. */
export function isSignedIn(): boolean;

/**
 * A current access token for one request by another HTTP client, or null when signed out. Do not keep it. A token
 * bound to this browser's DPoP key is refused without a proof: for HTTP requests use `getAuthHeaders`.
 */
export function getAccessToken(): Promise<string | null>;

/**
 * The headers that authorize one request by another HTTP client: `Authorization` (`Bearer` or `DPoP`) and, for a DPoP
 * token, a `DPoP` proof for this method and URL (resolved against the API), good for one request. Empty when signed
 * out, or for a URL on another origin than the API's. Default method: `GET`.
 *
 * The proof carries the latest server nonce this module has seen, but it does not see the answers to these requests:
 * pass the `DPoP-Nonce` header of the last answer as `nonce`, and after a 401 whose `WWW-Authenticate` says
 * `use_dpop_nonce`, make the headers again with its `DPoP-Nonce` and retry once. The nonce is kept for later proofs.
 */
export function getAuthHeaders(url: string | URL, method?: string, nonce?: string | null):
    Promise<Record<string, string>>;

/**
 * On page load: true when the refresh cookie gave a token, false when signed out (no `onChange` then). Rejects with
 * an AuthError when the server could not say.
 */
export function start(): Promise<boolean>;

/**
 * Rejects with an AuthError: 401 for a wrong password, 429 with `retryAfter` while throttled, ... A 400
 * `use_dpop_nonce` is sent again once with the server's nonce, and reported only when that one is refused too.
 */
export function login(username: string, password: string): Promise<void>;

/** Rejects with an AuthError, still signed in, when the server did not confirm; sent again by the next `start()`. */
export function logout(): Promise<void>;

/** Ends every session of the user on every device, then this one. */
export function logoutEverywhere(): Promise<void>;

/**
 * fetch() with the access token for the API's origin (`Authorization: Bearer`, or `DPoP` with a fresh proof);
 * relative URLs are resolved against the configured API. A 401 refreshes once and retries once; a 401
 * `use_dpop_nonce` is sent again once with a proof that carries the server's nonce, without a refresh. A body must
 * therefore be one that can be sent more than once.
 */
export function authFetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
export { authFetch as fetch };

/** A new access token from the refresh cookie, one tab at a time; false when the session has ended. */
export function refresh(staleToken?: string | null): Promise<boolean>;
