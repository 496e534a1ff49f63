import '../fluent';
import { getToken, setTokenProvider } from '../auth/token-provider';
import { createAdminApi } from './admin-api';
import { chooseTokenProvider } from './admin-token';
import { loadAdminConfig } from './admin-config';
import { AdminPage } from './admin-page';

async function main(): Promise<void> {
  const root = document.getElementById('admin')!;
  try {
    const config = await loadAdminConfig();
    const injected = (window as unknown as { outlookCrmPreviewToken?: unknown }).outlookCrmPreviewToken;
    setTokenProvider(chooseTokenProvider(config, injected, `${location.origin}${location.pathname}`));
    await new AdminPage(root, { api: createAdminApi({ baseUrl: config.apiBaseUrl, getToken }) }).load();
  } catch (error) {
    root.textContent = error instanceof Error ? error.message : 'The admin page could not start.';
  }
}

void main();
