import type { AccountInfo, Configuration, IPublicClientApplication } from '@azure/msal-browser';
import { describe, expect, it, vi } from 'vitest';
import { createRedirectTokenProvider } from '../../src/admin/admin-auth';
import { AuthError } from '../../src/auth/token-provider';

const config = { clientId: 'app-id', authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com', scopes: ['api://x/access_as_user'] };
const account = { homeAccountId: 'h', username: 'admin@contoso.com' } as AccountInfo;

function fakePca(options: { returned?: AccountInfo | null; silent?: () => Promise<unknown> } = {}) {
  let active: AccountInfo | null = null;
  const pca = {
    handleRedirectPromise: vi.fn(async () => (options.returned ? { account: options.returned, accessToken: 't0' } : null)),
    getActiveAccount: vi.fn(() => active),
    setActiveAccount: vi.fn((a: AccountInfo) => (active = a)),
    getAllAccounts: vi.fn(() => [] as AccountInfo[]),
    acquireTokenSilent: vi.fn(options.silent ?? (async () => ({ accessToken: 'silent-token', account }))),
    acquireTokenRedirect: vi.fn(async () => undefined),
  };
  const create = vi.fn(async (_: Configuration) => pca as unknown as IPublicClientApplication);
  return { pca, create };
}

describe('admin redirect sign-in', () => {
  it('picks up the account coming back from Entra and then gets tokens silently', async () => {
    const { pca, create } = fakePca({ returned: account });
    const provider = createRedirectTokenProvider(config, 'https://crm.contoso.com/addin/admin.html', create);
    await expect(provider()).resolves.toBe('silent-token');
    expect(create.mock.calls[0]![0]).toMatchObject({
      auth: { clientId: 'app-id', redirectUri: 'https://crm.contoso.com/addin/admin.html' },
      cache: { cacheLocation: 'sessionStorage' },
    });
    expect(pca.acquireTokenSilent).toHaveBeenCalledWith({ scopes: config.scopes, account });
    expect(pca.acquireTokenRedirect).not.toHaveBeenCalled();
  });

  it('goes to Entra when nobody is signed in or the silent request fails', async () => {
    const first = fakePca();
    await expect(createRedirectTokenProvider(config, 'https://x', first.create)()).rejects.toBeInstanceOf(AuthError);
    expect(first.pca.acquireTokenRedirect).toHaveBeenCalledWith({ scopes: config.scopes });

    const second = fakePca({ returned: account, silent: async () => Promise.reject(new Error('interaction_required')) });
    await expect(createRedirectTokenProvider(config, 'https://x', second.create)()).rejects.toBeInstanceOf(AuthError);
    expect(second.pca.acquireTokenRedirect).toHaveBeenCalledTimes(1);
  });

  it('refuses to start without a client id', async () => {
    const { create } = fakePca();
    await expect(createRedirectTokenProvider({ ...config, clientId: '' }, 'https://x', create)()).rejects.toThrow('Addin__ClientId');
    expect(create).not.toHaveBeenCalled();
  });
});
