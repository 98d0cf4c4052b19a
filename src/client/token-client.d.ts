// Types of token-client.js. The access token is only ever in this module's memory; nothing here stores it.

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

/** Where the module's endpoints are: an absolute URL, or one relative to the page. Default: `api/` below the page. */
export function configure(options?: { api?: string | URL }): void;

/** Calls the listener whenever this tab signs in or out. Returns the function that unsubscribes it. */
export function onChange(listener: (change: Change) => void): () => void;

/** Calls the listener when a refresh in the background fails. Returns the function that unsubscribes it. */
export function onError(listener: (failure: BackgroundError) => void): () => void;

/** Whether this tab holds an access token that has not expired. */
export function isSignedIn(): boolean;

/** A current access token for one request by another HTTP client, or null when signed out. Do not keep it. */
export function getAccessToken(): Promise<string | null>;

/**
 * On page load: true when the refresh cookie gave a token, false when signed out (no `onChange` then). Rejects with
 * an AuthError when the server could not say.
 */
export function start(): Promise<boolean>;

/** Rejects with an AuthError: 401 for a wrong password, 429 with `retryAfter` while throttled, ... */
export function login(username: string, password: string): Promise<void>;

/** Rejects with an AuthError, still signed in, when the server did not confirm; sent again by the next `start()`. */
export function logout(): Promise<void>;

/** Ends every session of the user on every device, then this one. */
export function logoutEverywhere(): Promise<void>;

/** fetch() with the access token for the API's origin; relative URLs are resolved against the configured API. */
export function authFetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
export { authFetch as fetch };

/** A new access token from the refresh cookie, one tab at a time; false when the session has ended. */
export function refresh(staleToken?: string | null): Promise<boolean>;
