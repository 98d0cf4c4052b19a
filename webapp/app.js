// The access token lives only in this module's memory: never in localStorage, sessionStorage or a readable cookie.
let accessToken = null;

const api = (path) => new URL(`api/${path}`, document.baseURI);

async function tokenRequest(path, body) {
    const response = await fetch(api(path), {
        method: 'POST',
        credentials: 'same-origin',
        // The cookie endpoints refuse requests without this header: a cross-site form cannot send it.
        headers: body ? { 'Content-Type': 'application/json', 'X-Requested-With': 'fetch' } : { 'X-Requested-With': 'fetch' },
        body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
        accessToken = null;
        const error = await response.json().catch(() => ({}));
        throw new Error(error.error_description || `Request failed (${response.status})`);
    }
    accessToken = (await response.json()).access_token;
}

async function showMe() {
    const response = accessToken
        ? await fetch(api('me'), { headers: { Authorization: `Bearer ${accessToken}` } })
        : null;
    const signedIn = Boolean(response && response.ok);
    document.getElementById('session').hidden = !signedIn;
    document.getElementById('login').hidden = signedIn;
    document.getElementById('me').textContent = signedIn ? JSON.stringify(await response.json(), null, 2) : '';
}

document.getElementById('login').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    document.getElementById('error').textContent = '';
    try {
        await tokenRequest('auth/login', { username: form.get('username'), password: form.get('password') });
        event.target.reset();
        await showMe();
    } catch (e) {
        document.getElementById('error').textContent = e.message;
    }
});

document.getElementById('logout').addEventListener('click', async () => {
    await fetch(api('auth/logout'), { method: 'POST', credentials: 'same-origin', headers: { 'X-Requested-With': 'fetch' } });
    accessToken = null;
    await showMe();
});

// A reload has lost the access token: the HttpOnly refresh cookie gets a new one without the password.
tokenRequest('auth/refresh').then(showMe, () => showMe());
