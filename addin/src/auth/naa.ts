import {
  createNestablePublicClientApplication,
  type AuthenticationResult,
  type Configuration,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { AuthError, type AuthConfig, type TokenProvider } from './token-provider';

export type CreatePca = (configuration: Configuration) => Promise<IPublicClientApplication>;

function msalConfiguration(config: AuthConfig): Configuration {
  return {
    auth: { clientId: config.clientId, authority: config.authority },
    // Outlook's broker keeps the tokens; MSAL's own copy lives only in memory, never localStorage.
    cache: { cacheLocation: 'memoryStorage' },
    // No logger callback: MSAL's messages can carry account names.
  };
}

function describe(error: unknown): string {
  // MSAL errors carry a stable errorCode (e.g. user_cancelled, popup_window_error); show that, not the raw text.
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  return typeof code === 'string' && code ? code : 'unknown_error';
}

/**
 * Nested app authentication: Outlook brokers the sign-in for the add-in. A silent request is
 * tried first; when it fails (consent or sign-in needed, expired session) a popup is opened.
 * Each call asks MSAL, which answers from its cache until the token nears expiry.
 */
export function createNaaTokenProvider(
  config: AuthConfig,
  createPca: CreatePca = createNestablePublicClientApplication,
): TokenProvider {
  let pca: Promise<IPublicClientApplication> | undefined;
  const application = (): Promise<IPublicClientApplication> => {
    pca ??= createPca(msalConfiguration(config)).catch((error: unknown) => {
      pca = undefined; // let the next call try again
      throw new AuthError(`Sign-in is not available here (${describe(error)}).`, { cause: error });
    });
    return pca;
  };

  return async () => {
    const client = await application();
    const request = { scopes: config.scopes };
    let result: AuthenticationResult;
    try {
      const account = client.getActiveAccount() ?? client.getAllAccounts()[0];
      result = await client.acquireTokenSilent(account ? { ...request, account } : request);
    } catch {
      try {
        result = await client.acquireTokenPopup(request);
      } catch (error) {
        throw new AuthError(`Sign-in failed (${describe(error)}). Try again, or ask your administrator to grant consent.`, {
          cause: error,
        });
      }
    }
    if (result.account) client.setActiveAccount(result.account);
    if (!result.accessToken) throw new AuthError('Sign-in returned no access token.');
    return result.accessToken;
  };
}
