import type { AccountInfo, Configuration, IPublicClientApplication } from '@azure/msal-browser';
import { describe, expect, it, vi } from 'vitest';
import { createNaaTokenProvider } from '../../src/auth/naa';
import { AuthError, getToken, setTokenProvider } from '../../src/auth/token-provider';

const config = {
  clientId: '11111111-2222-3333-4444-555555555555',
  authority: 'https://login.microsoftonline.com/organizations',
  scopes: ['api://crm.contoso.com/11111111-2222-3333-4444-555555555555/access_as_user'],
};
const account = { homeAccountId: 'h', username: 'alice@contoso.com' } as AccountInfo;

function fakePca(overrides: Partial<Record<'acquireTokenSilent' | 'acquireTokenPopup', ReturnType<typeof vi.fn>>> = {}) {
  const pca = {
    getActiveAccount: vi.fn(() => null),
    getAllAccounts: vi.fn(() => [] as AccountInfo[]),
    setActiveAccount: vi.fn(),
    acquireTokenSilent: overrides.acquireTokenSilent ?? vi.fn(async () => ({ accessToken: 'silent-token', account })),
    acquireTokenPopup: overrides.acquireTokenPopup ?? vi.fn(async () => ({ accessToken: 'popup-token', account })),
  };
  const create = vi.fn(async (_: Configuration) => pca as unknown as IPublicClientApplication);
  return { pca, create };
}

describe('NAA token provider', () => {
  it('returns the silent token, with the configured scopes, without a popup', async () => {
    const { pca, create } = fakePca();
    const provider = createNaaTokenProvider(config, create);
    await expect(provider()).resolves.toBe('silent-token');
    expect(pca.acquireTokenSilent).toHaveBeenCalledWith({ scopes: config.scopes });
    expect(pca.acquireTokenPopup).not.toHaveBeenCalled();
    expect(pca.setActiveAccount).toHaveBeenCalledWith(account);
  });

  it('configures MSAL with the client id, authority and an in-memory cache (never localStorage)', async () => {
    const { create } = fakePca();
    await createNaaTokenProvider(config, create)();
    const msal = create.mock.calls[0]![0];
    expect(msal.auth).toMatchObject({ clientId: config.clientId, authority: config.authority });
    expect(msal.cache?.cacheLocation).toBe('memoryStorage');
  });

  it('creates the MSAL application once across calls and passes the known account to silent', async () => {
    const { pca, create } = fakePca();
    pca.getActiveAccount.mockReturnValue(account as never);
    const provider = createNaaTokenProvider(config, create);
    await provider();
    await provider();
    expect(create).toHaveBeenCalledOnce();
    expect(pca.acquireTokenSilent).toHaveBeenLastCalledWith({ scopes: config.scopes, account });
  });

  it('falls back to a popup when the silent request fails', async () => {
    const silent = vi.fn(async () => {
      throw Object.assign(new Error('interaction_required: AADSTS65001 consent for alice@contoso.com'), { errorCode: 'interaction_required' });
    });
    const { pca, create } = fakePca({ acquireTokenSilent: silent });
    await expect(createNaaTokenProvider(config, create)()).resolves.toBe('popup-token');
    expect(pca.acquireTokenPopup).toHaveBeenCalledWith({ scopes: config.scopes });
  });

  it('surfaces a popup failure as AuthError with the MSAL code and no personal data', async () => {
    const fail = (code: string) => vi.fn(async () => {
      throw Object.assign(new Error(`${code}: user alice@contoso.com`), { errorCode: code });
    });
    const { create } = fakePca({ acquireTokenSilent: fail('interaction_required'), acquireTokenPopup: fail('user_cancelled') });
    const error = await createNaaTokenProvider(config, create)().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain('user_cancelled');
    expect((error as Error).message).not.toContain('alice@contoso.com');
  });

  it('reports when NAA cannot start and tries again on the next call', async () => {
    const { pca } = fakePca();
    const create = vi
      .fn()
      .mockRejectedValueOnce(Object.assign(new Error('no broker'), { errorCode: 'nested_app_auth_bridge_disabled' }))
      .mockResolvedValueOnce(pca);
    const provider = createNaaTokenProvider(config, create);
    await expect(provider()).rejects.toThrow(/nested_app_auth_bridge_disabled/);
    await expect(provider()).resolves.toBe('silent-token');
  });
});

describe('getToken', () => {
  it('uses the provider the page set (the preview injects one)', async () => {
    setTokenProvider(async () => 'demo-token');
    await expect(getToken()).resolves.toBe('demo-token');
  });
});
