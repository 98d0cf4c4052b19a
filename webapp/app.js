// The demo page: the sign-in form, who-am-I, the sessions with their revoke buttons, sign out and sign out everywhere.
// All token handling is in token-client.js; this file only draws the page.
import * as auth from './token-client.js';

// Served from another origin than the API (a single-page app of its own), the page names the API in a meta tag.
const apiMeta = document.querySelector('meta[name="token-cookie-auth-api"]');
if (apiMeta) {
    auth.configure({ api: apiMeta.content });
}

const $ = (id) => document.getElementById(id);
const when = (iso) => new Date(iso).toLocaleString();

// "Chrome 156 on Linux" rather than the whole User-Agent header; the full text stays in the cell's title.
function describeAgent(userAgent) {
    if (!userAgent) {
        return 'unknown browser';
    }
    const browser = [['Edg', 'Edge'], ['Firefox', 'Firefox'], ['HeadlessChrome', 'Headless Chrome'],
        ['Chrome', 'Chrome'], ['Version', 'Safari']]
        .map(([token, name]) => [name, userAgent.match(new RegExp(`${token}/(\\d+)`))])
        .find(([, match]) => match);
    const system = ['Windows', 'Android', 'iPhone', 'Mac OS X', 'Linux'].find((name) => userAgent.includes(name));
    const name = browser ? `${browser[0]} ${browser[1][1]}` : 'A browser';
    return system ? `${name} on ${system === 'Mac OS X' ? 'macOS' : system}` : name;
}

function say(message) {
    $('status').textContent = message;
}

async function show(signedIn, focus = false) {
    $('signed-in').hidden = !signedIn;
    $('signed-out').hidden = signedIn;
    if (signedIn) {
        await Promise.all([showMe(), showSessions()]);
    } else {
        $('me-name').textContent = '';
        $('me-groups').textContent = '';
        $('sessions').replaceChildren();
    }
    if (focus) {
        $(signedIn ? 'me-heading' : 'sign-in-heading').focus();
    }
}

async function showMe() {
    const response = await auth.fetch('me');
    if (response.ok) {
        const me = await response.json();
        $('me-name').textContent = me.name;
        $('me-groups').textContent = me.groups.join(', ') || '(none)';
    }
}

async function showSessions() {
    $('sessions-error').textContent = '';
    const response = await auth.fetch('auth/sessions');
    if (!response.ok) {
        $('sessions-error').textContent = 'The sessions could not be loaded.';
        return;
    }
    const rows = (await response.json()).map((session) => {
        const row = document.createElement('tr');
        const agent = document.createElement('td');
        agent.className = 'agent';
        agent.textContent = describeAgent(session.user_agent);
        agent.title = session.user_agent || '';
        if (session.current) {
            const mark = document.createElement('span');
            mark.className = 'current';
            mark.textContent = ' (this browser)';
            agent.append(mark);
        }
        const created = document.createElement('td');
        created.textContent = when(session.created);
        const used = document.createElement('td');
        used.textContent = when(session.last_used);
        const action = document.createElement('td');
        const revoke = document.createElement('button');
        revoke.type = 'button';
        revoke.textContent = 'Revoke';
        revoke.setAttribute('aria-label', `Revoke the session signed in ${when(session.created)}`
            + (session.current ? ' (this browser)' : ''));
        revoke.addEventListener('click', () => revokeSession(session));
        action.append(revoke);
        row.append(agent, created, used, action);
        return row;
    });
    $('sessions').replaceChildren(...rows);
}

async function revokeSession(session) {
    const response = await auth.fetch(`auth/sessions/${encodeURIComponent(session.id)}`, { method: 'DELETE' });
    if (!response.ok && response.status !== 404) {
        $('sessions-error').textContent = 'The session could not be revoked.';
        return;
    }
    if (session.current) {
        // The session has ended on the server. Should clearing the cookie fail, a refresh finds it dead and signs out.
        await auth.logout().catch(() => auth.refresh().catch(() => {}));
        say(auth.isSignedIn()
            ? 'The session was revoked, but the server could not be reached to finish signing out: reload the page.'
            : 'You revoked this browser\'s session and are signed out.');
    } else {
        say('Session revoked.');
        await showSessions();
    }
}

$('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    $('login-error').textContent = '';
    if (!form.username.value || !form.password.value) {
        $('login-error').textContent = 'Enter your username and password.';
        (form.username.value ? form.password : form.username).focus();
        return;
    }
    try {
        await auth.login(form.username.value, form.password.value);
        form.reset();
    } catch (error) {
        $('login-error').textContent = error.status === 401 ? 'Wrong username or password.'
            : error.message + (error.retryAfter ? ` Try again in ${error.retryAfter} s.` : '');
        form.password.focus();
    }
});

// A sign-out the server refused leaves the user signed in: a reload would bring the session back, so say so. If this
// tab was signed out meanwhile (its own session had ended), the message goes where the signed-out page shows it.
async function signOut(work, failure) {
    $('logout-error').textContent = '';
    try {
        await work();
    } catch (error) {
        if (auth.isSignedIn()) {
            $('logout-error').textContent = `${failure} You are still signed in. ${error.message}. Please try again.`;
        } else {
            say(`${failure} ${error.message}.`);
        }
    }
}

$('logout').addEventListener('click', () => signOut(() => auth.logout(), 'Signing out failed.'));

$('logout-everywhere').addEventListener('click', () => signOut(async () => {
    await auth.logoutEverywhere();
    say('Every session of yours has ended.');
}, 'Your sessions could not be ended.'));

const reasons = {
    'other-tab': (signedIn) => (signedIn ? 'Signed in from another tab.' : 'Signed out in another tab.'),
    expired: () => 'Your session has ended. Please sign in again.',
    logout: () => 'You are signed out.',
    unavailable: () => 'The server cannot be reached. You will be signed back in when it answers again.',
    refresh: () => '',
    login: () => '',
};

auth.onChange(({ signedIn, reason }) => {
    $('logout-error').textContent = '';
    say(reasons[reason]?.(signedIn) ?? '');
    show(signedIn, reason === 'login' || reason === 'logout');
});

// A background refresh failed: the client tries again by itself; the page only says so.
auth.onError(({ error, retryInMs }) => {
    say(retryInMs === null ? `Your session could not be renewed: ${error.message}.`
        : `${error.message}. Trying again in ${Math.ceil(retryInMs / 1000)} s.`);
});

// A reload has lost the access token; the HttpOnly refresh cookie gets a new one without the password.
auth.start().then((signedIn) => {
    if (!signedIn) {
        show(false);
    }
}, (error) => {
    show(false);
    say(error.status === 0 || error.status >= 500 || error.status === 429
        ? `${error.message}. You will be signed in when the server answers again.`
        : `Signing in is refused here: ${error.message}.`);
});
