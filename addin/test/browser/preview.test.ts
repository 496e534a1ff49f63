import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createServer, type Plugin, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// The real pages in Debian's Chromium (never a downloaded browser): preview.html with the Office
// shim, served by Vite's dev server, against a fake add-in API. test.sh installs chromium; where
// it is missing these tests are skipped and say so.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
if (!haveChromium) console.warn(`browser tests skipped: no Chromium at ${chromiumPath} (set CHROMIUM_PATH)`);

interface Call {
  method: string;
  path: string;
  auth: string | undefined;
  body: unknown;
}

const calls: Call[] = [];
const links = new Map<string, unknown>();

function send(res: ServerResponse, status: number, body?: unknown, type = 'application/json'): void {
  res.writeHead(status, body === undefined ? {} : { 'Content-Type': type });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** Answers /sandbox/token and the §4 endpoints like the API would, and records each call. */
function fakeApi(): Plugin {
  return {
    name: 'fake-addin-api',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!;
        if (!path.startsWith('/api/') && !path.startsWith('/sandbox/')) return next();
        void readJson(req).then((body) => {
          calls.push({ method: req.method!, path, auth: req.headers.authorization, body });
          if (path === '/sandbox/token') return send(res, 200, { access_token: 'demo-token' });
          if (path === '/api/addin/lookup') {
            const { emails } = body as { emails: string[] };
            return send(res, 200, {
              matches: emails.map((email) =>
                email === 'bob@fabrikam.com'
                  ? {
                      email,
                      records: [{ type: 'Contact', id: '003BOB', name: 'Bob Lee', title: 'CTO', account: { id: '001FAB', name: 'Fabrikam' }, url: 'https://crm.example/003BOB' }],
                      opportunities: [{ id: '006OPP', name: 'Fabrikam rollout', stage: 'Proposal' }],
                    }
                  : { email, records: [], opportunities: [] },
              ),
            });
          }
          if (path === '/api/addin/contacts') {
            const r = body as { firstName: string; lastName: string; asLead: boolean };
            return send(res, 201, { type: r.asLead ? 'Lead' : 'Contact', id: '003NEW', name: `${r.firstName} ${r.lastName}` });
          }
          const link = /^\/api\/addin\/events\/([^/]+)\/crm-link$/.exec(path);
          if (link) {
            const id = decodeURIComponent(link[1]!);
            if (req.method === 'PUT') {
              const value = { crmEventId: '00UEVT', relations: [{ id: '0REBOB', relationId: '003BOB', isWhat: false }] };
              links.set(id, value);
              return send(res, 200, value);
            }
            if (req.method === 'DELETE') return links.delete(id), send(res, 204);
            return links.has(id) ? send(res, 200, links.get(id)) : send(res, 404, { title: 'Not Found', status: 404 }, 'application/problem+json');
          }
          return send(res, 404, { title: 'Not Found', status: 404 }, 'application/problem+json');
        });
      });
    },
  };
}

describe.skipIf(!haveChromium)('preview.html in Chromium', () => {
  let server: ViteDevServer;
  let browser: Browser;
  let page: Page;
  let origin: string;

  beforeAll(async () => {
    server = await createServer({
      root: resolve(import.meta.dirname, '..', '..'),
      configFile: resolve(import.meta.dirname, '..', '..', 'vite.config.ts'),
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
      plugins: [fakeApi()],
    });
    await server.listen();
    origin = `http://127.0.0.1:${(server.httpServer!.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    calls.length = 0;
    links.clear();
    page = await browser.newPage({ viewport: { width: 320, height: 900 } });
    // Nothing outside this machine may be fetched.
    await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  });

  const people = () => page.locator('li.person');
  // Playwright's role queries do not see roles set through ElementInternals, which Fluent's
  // buttons use (Chromium's accessibility tree does expose them as buttons), so match the tag.
  const fluentButton = (text: string) => page.locator('fluent-button', { hasText: text });

  it('shows the organised meeting, relates it after saving the draft, and unlinks it', async () => {
    await page.goto(`${origin}/preview.html?item=meeting-organizer`);
    await expect.poll(() => people().count(), { timeout: 60_000 }).toBe(3);
    expect(await people().locator('.badge').allTextContents()).toEqual(['Contact', 'Unknown', 'Unknown']);
    const lookups = calls.filter((c) => c.path === '/api/addin/lookup');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]!.auth).toBe('Bearer demo-token');
    expect(calls.some((c) => c.path.includes('crm-link'))).toBe(false); // a new draft has no id yet

    await fluentButton('Relate to CRM').click();
    await expect.poll(() => page.locator('.linked').textContent()).toContain('00UEVT');
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.path).toBe('/api/addin/events/AAMkAGPreview-Organizer_Meeting1AAA%3D/crm-link');
    expect(put.body).toMatchObject({ subject: 'Fabrikam rollout planning', whoIds: ['003BOB'], whatId: '006OPP', isAllDay: false });
    expect(await page.getByRole('status').textContent()).toBe('Meeting related to the CRM.');

    await fluentButton('Unlink').click();
    await expect.poll(() => calls.some((c) => c.method === 'DELETE')).toBe(true);
    await expect.poll(() => page.locator('form.relate-form').count()).toBe(1);
  }, 90_000);

  it('creates a contact from the keyboard with the name prefilled', async () => {
    await page.goto(`${origin}/preview.html?item=meeting-organizer`);
    await expect.poll(() => people().count(), { timeout: 60_000 }).toBe(3);
    await people().nth(2).locator('fluent-button', { hasText: 'Create contact' }).click();
    const first = page.getByLabel('First name');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('firstName');
    expect(await first.inputValue()).toBe('Dan');
    expect(await page.getByLabel('Last name (required)').inputValue()).toBe('Park');
    await page.getByLabel('Title').fill('Buyer');
    await page.keyboard.press('Enter');
    await expect.poll(() => people().nth(2).locator('.badge').textContent()).toBe('Contact');
    expect(calls.find((c) => c.path === '/api/addin/contacts')!.body).toEqual({
      email: 'dan.park@northwind.example',
      firstName: 'Dan',
      lastName: 'Park',
      title: 'Buyer',
      asLead: false,
    });
  }, 90_000);

  it('opens an added meeting first (as the sandbox adds its demo meetings) and keeps the built-in items', async () => {
    // page.addInitScript serialises the function: it runs in the page before preview.html's scripts.
    await page.addInitScript(() => {
      (window as { outlookCrmPreviewItems?: unknown }).outlookCrmPreviewItems = [
        {
          id: 'demo-1', label: 'Demo: Fabrikam check-in', itemType: 'appointment', mode: 'read', itemId: 'AAMkDemo/Check+In1AAA=',
          subject: 'Fabrikam check-in', start: '2026-12-01T09:00:00Z', end: '2026-12-01T09:30:00Z',
          organizer: { emailAddress: 'alice@contoso.com', displayName: 'Alice Wilson' },
          requiredAttendees: [{ emailAddress: 'bob@fabrikam.com', displayName: 'Bob Lee' }],
        },
      ];
    });
    await page.goto(`${origin}/preview.html`);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 60_000 }).toBe('Fabrikam check-in');
    expect(await people().locator('.badge').allTextContents()).toEqual(['Contact']);
    expect(calls.some((c) => c.method === 'GET' && c.path === '/api/addin/events/AAMkDemo-Check_In1AAA%3D/crm-link')).toBe(true);
    expect(await page.locator('#item-picker option').allTextContents()).toContain('Demo: Fabrikam check-in');
    await page.selectOption('#item-picker', 'message');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Re: pricing for 200 seats');
  }, 90_000);

  it('follows the picker like a pinned pane and asks for the link of a read meeting', async () => {
    await page.goto(`${origin}/preview.html`);
    await expect.poll(() => people().count(), { timeout: 60_000 }).toBe(3);
    await page.selectOption('#item-picker', 'meeting-attendee');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Quarterly review with Adatum');
    expect(calls.some((c) => c.method === 'GET' && c.path === '/api/addin/events/AAMkAGPreview-Attendee_Meeting2AAA%3D/crm-link')).toBe(true);
    await page.selectOption('#item-picker', 'message');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Re: pricing for 200 seats');
    expect(await page.locator('.relate').count()).toBe(0);
    // Fits the 320 px pane: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  }, 90_000);
});
