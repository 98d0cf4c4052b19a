// What the client's unit tests share: a scripted fetch, a localStorage, no BroadcastChannel (the tabs' coordination is
// the browser tests' part), and the module itself. Each *.test.mjs file runs in a Node process of its own, so each
// has a fresh module.
export const API = 'https://api.example.test/api/';

/** The requests the client made: `{ url, method, headers, credentials }`. */
export const sent = [];
const answers = [];

/** Answers the next request whose URL ends with `path` (in order); an Error instance makes fetch reject with it. */
export function answer(path, status, body, headers = {}) {
    answers.push({ path, status, body, headers });
}

export function token(expiresIn = 1, value = `token-${sent.length}`, type = 'Bearer') {
    return { access_token: value, token_type: type, expires_in: expiresIn };
}

globalThis.fetch = async (input, init = {}) => {
    const url = String(input instanceof Request ? input.url : input);
    sent.push({ url, method: init.method ?? 'GET', headers: new Headers(init.headers), credentials: init.credentials });
    const index = answers.findIndex((a) => url.endsWith(a.path));
    if (index < 0) {
        throw new Error(`No answer scripted for ${url}`);
    }
    const [{ status, body, headers }] = answers.splice(index, 1);
    if (status instanceof Error) {
        throw status;
    }
    return new Response(body === undefined ? null : JSON.stringify(body), {
        status, headers: { 'Content-Type': 'application/json', ...headers },
    });
};

const stored = new Map();
globalThis.localStorage = {
    getItem: (key) => (stored.has(key) ? stored.get(key) : null),
    setItem: (key, value) => stored.set(key, String(value)),
    removeItem: (key) => stored.delete(key),
};
delete globalThis.BroadcastChannel;

export const auth = await import('../token-client.js');
auth.configure({ api: API });

/** The events of onChange and onError, in order. */
export const events = [];
auth.onChange((change) => events.push(`change ${change.signedIn} ${change.reason}`));
auth.onError(({ error, retryInMs }) => events.push(`error ${error.status} ${error.code} ${retryInMs}`));

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the condition holds, for at most `ms`. */
export async function until(condition, ms = 5000) {
    const deadline = Date.now() + ms;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error(`Not reached in ${ms} ms; events: ${events.join('; ')}`);
        }
        await sleep(20);
    }
}

/** Ends the test's session, which stops the client's timers, so that the process can end. */
export async function signOut() {
    answer('auth/logout', 204);
    await auth.logout();
}

/** The request's DPoP proof, decoded, or null when it has none. */
export function proofOf(request) {
    const proof = request.headers.get('DPoP');
    if (proof === null) {
        return null;
    }
    const [header, payload, signature] = proof.split('.');
    const json = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return { header: json(header), payload: json(payload), signature, signed: `${header}.${payload}` };
}

/** Whether the proof's signature verifies with the public key in its own header. */
export async function verifies({ header, signature, signed }) {
    const ecdsa = header.alg === 'ES256';
    const key = await crypto.subtle.importKey('jwk', header.jwk,
        ecdsa ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'Ed25519' }, false, ['verify']);
    return crypto.subtle.verify(ecdsa ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'Ed25519' }, key,
        Buffer.from(signature, 'base64url'), new TextEncoder().encode(signed));
}

/** base64url(SHA-256(token)): the `ath` of a proof sent with the token. */
export async function tokenHash(value) {
    return Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value))).toString('base64url');
}
