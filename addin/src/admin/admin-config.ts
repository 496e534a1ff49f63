import type { AuthConfig } from '../auth/token-provider';
import { parseConfig, type PaneConfig } from '../config';

/** The add-in's config.json as the admin page reads it: the same app, with the scopes an admin token needs. */
export interface AdminConfig extends PaneConfig {
  adminAuth: AuthConfig;
}

export function parseAdminConfig(raw: unknown): AdminConfig {
  const config = parseConfig(raw);
  const auth = (raw as { auth?: { adminScopes?: unknown } } | null)?.auth;
  const adminScopes = Array.isArray(auth?.adminScopes)
    ? auth.adminScopes.filter((s): s is string => typeof s === 'string')
    : config.auth.scopes;
  return { ...config, adminAuth: { ...config.auth, scopes: adminScopes } };
}

export async function loadAdminConfig(url = 'config.json'): Promise<AdminConfig> {
  const response = await fetch(url, { cache: 'no-cache', credentials: 'omit' });
  if (!response.ok) throw new Error(`The configuration could not be loaded (HTTP ${response.status}).`);
  return parseAdminConfig(await response.json());
}
