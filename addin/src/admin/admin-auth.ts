import {
  createStandardPublicClientApplication,
  type Configuration,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { AuthError, type AuthConfig, type TokenProvider } from '../auth/token-provider';

export type CreatePca = (configuration: Configuration) => Promise<IPublicClientApplication>;

const describe = (error: unknown): string => {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  return typeof code === 'string' && code ? code : 'unknown_error';
};

/**
 * Sign-in for the admin page in a normal browser tab (no Outlook to broker it): MSAL's redirect flow.
 * The redirect's state must survive the round trip to Entra, so MSAL keeps its cache in
 * sessionStorage (gone with the tab; never localStorage). A token is asked silently; when that
 * fails the page goes to Entra and comes back, and `handleRedirectPromise` picks the answer up.
 */
export function createRedirectTokenProvider(
  config: AuthConfig,
  redirectUri: string,
  createPca: CreatePca = createStandardPublicClientApplication,
): TokenProvider {
  let ready: Promise<IPublicClientApplication> | undefined;
  const application = () => {
    ready ??= (async () => {
      if (!config.clientId) throw new AuthError('Sign-in is not configured: set Addin__ClientId on the API.');
      const client = await createPca({
        auth: { clientId: config.clientId, authority: config.authority, redirectUri },
        cache: { cacheLocation: 'sessionStorage' },
      });
      const returned = await client.handleRedirectPromise();
      if (returned?.account) client.setActiveAccount(returned.account);
      return client;
    })().catch((error: unknown) => {
      ready = undefined;
      if (error instanceof AuthError) throw error;
      throw new AuthError(`Sign-in is not available (${describe(error)}).`, { cause: error });
    });
    return ready;
  };

  return async () => {
    const client = await application();
    const account = client.getActiveAccount() ?? client.getAllAccounts()[0];
    const request = { scopes: config.scopes };
    if (account) {
      try {
        const result = await client.acquireTokenSilent({ ...request, account });
        if (result.accessToken) return result.accessToken;
      } catch {
        // Fall through to the redirect: consent, MFA or an expired session.
      }
    }
    await client.acquireTokenRedirect(request);
    // The browser is leaving for Entra; this promise is never meant to settle usefully.
    throw new AuthError('Signing in…');
  };
}
