// A strict TypeScript app's use of the package, imported by its name as an installed package would be: `npm test`
// fails when the declarations and this use disagree.
import * as auth from 'token-cookie-auth-client';
import { AuthError, type ChangeReason } from 'token-cookie-auth-client';

auth.configure({ api: 'https://api.example.test/api/' });
auth.configure({ dpop: true, dpopAlgorithm: 'EdDSA' });
const options: auth.ConfigureOptions = { dpop: false };
auth.configure(options);

const unsubscribe: () => void = auth.onChange(({ signedIn, reason }) => {
    const shown: Record<ChangeReason, string> = {
        login: 'Signed in', refresh: 'Welcome back', 'other-tab': 'Changed in another tab', logout: 'Signed out',
        expired: 'Session ended', unavailable: 'Server unreachable',
    };
    console.log(signedIn, shown[reason]);
});
unsubscribe();

auth.onError(({ error, retryInMs }) => {
    const wait: number = retryInMs ?? error.retryAfter ?? 0;
    console.log(error.status, error.code, wait);
});

export async function page(): Promise<void> {
    try {
        const signedIn: boolean = await auth.start();
        if (!signedIn) {
            await auth.login('alice', 'secret');
        }
    } catch (error) {
        if (error instanceof AuthError && error.status === 0) {
            console.log('unreachable', error.message);
        }
    }
    const response: Response = await auth.fetch('me', { headers: { Accept: 'application/json' } });
    const other: Response = await auth.authFetch(new URL('orders', 'https://api.example.test/api/'));
    const token: string | null = await auth.getAccessToken();
    const headers: Record<string, string> = await auth.getAuthHeaders('orders', 'POST');
    const posted: Response = await fetch('https://api.example.test/api/orders', { method: 'POST', headers });
    if (posted.status === 401 && posted.headers.get('WWW-Authenticate')?.includes('use_dpop_nonce')) {
        const again = await auth.getAuthHeaders('orders', 'POST', posted.headers.get('DPoP-Nonce'));
        await fetch('https://api.example.test/api/orders', { method: 'POST', headers: again });
    }
    const fresh: boolean = await auth.refresh();
    console.log(response.status, other.ok, token?.length, fresh, auth.isSignedIn());
    await auth.logout();
    await auth.logoutEverywhere();
}
