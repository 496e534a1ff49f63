import './fluent';
import { getToken, setTokenProvider, type TokenProvider } from './auth/token-provider';
import { loadConfig } from './config';
import { officeReady } from './office/read-item';
import { loadPreviewItems, type PreviewItem } from './preview-items';
import { startPane } from './start';

/** What public/office-shim.js puts on window.OfficeShim. */
interface OfficeShim {
  items: Array<{ id: string; label: string }>;
  open(id: string): void;
  add(item: PreviewItem): void;
  current(): string;
}

declare global {
  interface Window {
    OfficeShim?: OfficeShim;
    /** Tests may set this before the page loads to skip the sandbox's token endpoint. */
    outlookCrmPreviewToken?: TokenProvider;
    /** Tests may set this before the page loads to open their own items instead of the sandbox's demo meetings. */
    outlookCrmPreviewItems?: PreviewItem[];
  }
}

/** Demo tokens from the sandbox for the fake mailbox's user; kept in memory for a few minutes only. */
function sandboxTokens(url: string, user: () => string): TokenProvider {
  let cached: { user: string; token: Promise<string>; until: number } | undefined;
  const fetchToken = async (forUser: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: forUser }),
      credentials: 'omit',
    });
    if (!response.ok) throw new Error(`The sandbox did not hand out a demo token (HTTP ${response.status}).`);
    const body = (await response.json()) as { access_token?: string };
    if (!body.access_token) throw new Error('The sandbox answered without a token.');
    return body.access_token;
  };
  return () => {
    const forUser = user();
    if (!cached || cached.user !== forUser || cached.until < Date.now()) {
      const token = fetchToken(forUser);
      cached = { user: forUser, token, until: Date.now() + 5 * 60_000 };
      token.catch(() => (cached = undefined));
    }
    return cached.token;
  };
}

async function main(): Promise<void> {
  const root = document.getElementById('pane')!;
  const shim = window.OfficeShim;
  if (!shim) {
    root.textContent = 'The Office shim (office-shim.js) did not load.';
    return;
  }
  await officeReady();
  const config = await loadConfig();
  setTokenProvider(
    window.outlookCrmPreviewToken ?? sandboxTokens(config.previewTokenUrl, () => Office.context.mailbox.userProfile.emailAddress),
  );

  const added: string[] = [];
  try {
    for (const item of await loadPreviewItems(config, { baseUrl: '', getToken }, window.outlookCrmPreviewItems)) {
      shim.add(item);
      added.push(item.id);
    }
  } catch (error) {
    // The shim's own items still work without the sandbox's demo meetings.
    console.warn('The preview could not add the demo meetings:', error);
  }

  const picker = document.getElementById('item-picker') as HTMLSelectElement;
  for (const item of shim.items) {
    const option = document.createElement('option');
    option.value = item.id;
    option.textContent = item.label;
    picker.append(option);
  }
  const requested = new URLSearchParams(location.search).get('item');
  // The first added item (a demo meeting) opens unless the address asks for another.
  const opening = requested && shim.items.some((i) => i.id === requested) ? requested : added[0];
  if (opening) shim.open(opening);
  picker.value = shim.current();
  // The shim raises ItemChanged like a pinned pane in Outlook does; the pane reloads on it.
  picker.addEventListener('change', () => shim.open(picker.value));
  startPane(root, config);
}

void main();
