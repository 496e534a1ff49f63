/** Hands out an access token for the OutlookCrm API. */
export type TokenProvider = () => Promise<string>;

export interface AuthConfig {
  /** The add-in's Entra app registration (SPA, with the `brk-multihub://<origin>` redirect). */
  clientId: string;
  /** e.g. `https://login.microsoftonline.com/organizations`. */
  authority: string;
  /** The API's delegated scope, e.g. `api://outlookcrm.contoso.com/<client-id>/access_as_user`. */
  scopes: string[];
}

/** Sign-in failed or was cancelled; `message` is safe to show and holds no token or address. */
export class AuthError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AuthError';
  }
}

let current: TokenProvider | undefined;

/** The pane sets the provider once at start-up: NAA in Outlook, an injected one in preview. */
export function setTokenProvider(provider: TokenProvider): void {
  current = provider;
}

export function getToken(): Promise<string> {
  if (!current) return Promise.reject(new AuthError('Sign-in is not configured.'));
  return current();
}
