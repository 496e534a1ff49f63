import { createAddinApi } from './api/addin-api';
import { getToken } from './auth/token-provider';
import type { PaneConfig } from './config';
import { onItemChanged, readCurrentItem, saveCurrentItem } from './office/read-item';
import { Pane } from './views/pane';

/** Builds the pane on `root` and follows the selected item when the pane is pinned. */
export function startPane(root: HTMLElement, config: PaneConfig): Pane {
  const pane = new Pane(root, {
    api: createAddinApi({ baseUrl: config.apiBaseUrl, getToken }),
    readItem: () => readCurrentItem(),
    saveItem: () => saveCurrentItem(),
  });
  onItemChanged(() => void pane.load());
  void pane.load();
  return pane;
}
