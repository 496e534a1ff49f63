import './fluent';
import { createNaaTokenProvider } from './auth/naa';
import { setTokenProvider } from './auth/token-provider';
import { loadConfig } from './config';
import { officeReady } from './office/read-item';
import { startPane } from './start';

async function main(): Promise<void> {
  const root = document.getElementById('pane')!;
  try {
    await officeReady();
    const config = await loadConfig();
    setTokenProvider(createNaaTokenProvider(config.auth));
    startPane(root, config);
  } catch (error) {
    root.textContent = error instanceof Error ? error.message : 'The add-in could not start.';
  }
}

void main();
