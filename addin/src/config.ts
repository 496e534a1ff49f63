import type { AuthConfig } from './auth/token-provider';

/**
 * Settings read at run time from `config.json` beside the page (`/addin/config.json`), so one
 * build serves every deployment: the API may answer that path from its own configuration.
 */
export interface PaneConfig {
  /** Where the API lives; '' (default) for the pane's own origin. */
  apiBaseUrl: string;
  auth: AuthConfig;
  /** Preview only: where the sandbox hands out demo tokens (`POST {"user"}` → `{"access_token"}`). */
  previewTokenUrl: string;
  /** Preview only: where the sandbox lists the signed-in user's demo meetings (`GET` → `{"items"}`); '' for none. */
  previewItemsUrl: string;
}

export const defaultConfig: PaneConfig = {
  apiBaseUrl: '',
  auth: { clientId: '', authority: 'https://login.microsoftonline.com/organizations', scopes: [] },
  previewTokenUrl: '/sandbox/token',
  previewItemsUrl: '',
};

/** Merges a partial config over the defaults, ignoring fields of the wrong type. */
export function parseConfig(raw: unknown): PaneConfig {
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const auth = (typeof o.auth === 'object' && o.auth !== null ? o.auth : {}) as Record<string, unknown>;
  const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  return {
    apiBaseUrl: str(o.apiBaseUrl, defaultConfig.apiBaseUrl).replace(/\/+$/, ''),
    auth: {
      clientId: str(auth.clientId, defaultConfig.auth.clientId),
      authority: str(auth.authority, defaultConfig.auth.authority),
      scopes: Array.isArray(auth.scopes) ? auth.scopes.filter((s): s is string => typeof s === 'string') : [],
    },
    previewTokenUrl: str(o.previewTokenUrl, defaultConfig.previewTokenUrl),
    previewItemsUrl: str(o.previewItemsUrl, defaultConfig.previewItemsUrl),
  };
}

export async function loadConfig(url = 'config.json'): Promise<PaneConfig> {
  const response = await fetch(url, { cache: 'no-cache', credentials: 'omit' });
  if (!response.ok) throw new Error(`The add-in configuration could not be loaded (HTTP ${response.status}).`);
  return parseConfig(await response.json());
}
