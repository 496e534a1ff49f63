import type { TokenProvider } from '../auth/token-provider';
import { createRedirectTokenProvider } from './admin-auth';
import type { AdminConfig } from './admin-config';

/**
 * Who signs the admin in: a token injected by a test (`window.outlookCrmPreviewToken`, a string or a
 * function), else MSAL's redirect sign-in when config.json names an app, else the sandbox's demo
 * admin token (`POST /sandbox/token {"user","admin":true}`).
 */
export function chooseTokenProvider(config: AdminConfig, injected: unknown, redirectUri: string): TokenProvider {
  if (typeof injected === 'string') return () => Promise.resolve(injected);
  if (typeof injected === 'function') return injected as TokenProvider;
  if (config.adminAuth.clientId) return createRedirectTokenProvider(config.adminAuth, redirectUri);
  return sandboxAdminToken(config.previewTokenUrl);
}

export function sandboxAdminToken(url: string, user = 'admin@contoso.com'): TokenProvider {
  let token: Promise<string> | undefined;
  let until = 0;
  return () => {
    if (!token || until < Date.now()) {
      until = Date.now() + 5 * 60_000;
      token = (async () => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ user, admin: true }),
          credentials: 'omit',
        });
        if (!response.ok) throw new Error(`Sign-in is not configured and the sandbox gave no admin token (HTTP ${response.status}).`);
        const body = (await response.json()) as { access_token?: string };
        if (!body.access_token) throw new Error('The sandbox answered without a token.');
        return body.access_token;
      })();
      token.catch(() => (token = undefined));
    }
    return token;
  };
}
