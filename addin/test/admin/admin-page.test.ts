// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/api-error';
import type { AdminApi, SyncRun } from '../../src/admin/admin-api';
import { AdminPage } from '../../src/admin/admin-page';
import { configuration, crmTest, objectStatus, status } from './fixtures';

function fakeApi(overrides: Partial<AdminApi> = {}): AdminApi {
  return {
    exchangeConnection: vi.fn(async () => ({ type: 'ews', ewsUrl: 'https://mail.contoso.com/EWS/Exchange.asmx', auth: { type: 'basic', username: 'svc', password: '***' } })),
    crmConnection: vi.fn(async () => ({ type: 'salesforce', loginUrl: 'https://login.salesforce.com', auth: { type: 'clientCredentials', clientId: 'c', clientSecret: '***' } })),
    testExchange: vi.fn(async () => ({ ok: true, steps: [{ name: 'authenticate', ok: true, elapsedMs: 1 }], elapsedMs: 1 })),
    testCrm: vi.fn(async () => crmTest),
    configurations: vi.fn(async () => [configuration()]),
    status: vi.fn(async (mailbox: string) => status(mailbox)),
    startRun: vi.fn(async () => ({ id: 'run-1' })),
    run: vi.fn(async () => ({ id: 'run-1', mailbox: 'alice@contoso.com', state: 'succeeded', progress: { done: 3, total: 3 } }) as SyncRun),
    retry: vi.fn(async () => undefined),
    activity: vi.fn(async () => [
      { hour: '2026-11-20T00:00:00Z', items: 0 },
      { hour: '2026-11-20T01:00:00Z', items: 12 },
    ]),
    ...overrides,
  };
}

async function mount(api: AdminApi) {
  const root = document.createElement('main');
  document.body.replaceChildren(root);
  const page = new AdminPage(root, { api, pollMs: 0, sleep: async () => undefined });
  await page.load();
  return { root, page };
}

const click = (element: Element) => element.dispatchEvent(new MouseEvent('click', { bubbles: true }));
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('admin page', () => {
  it('shows loading states with aria-busy until the answers come', () => {
    const root = document.createElement('main');
    new AdminPage(root, { api: fakeApi({ configurations: () => new Promise(() => undefined) }) });
    const bodies = [...root.querySelectorAll('section .section-body')];
    expect(bodies).toHaveLength(4);
    expect(bodies.every((b) => b.getAttribute('aria-busy') === 'true' && text(b) === 'Loading…')).toBe(true);
    expect(root.querySelector('[role=status]')?.getAttribute('aria-live')).toBe('polite');
  });

  it('shows the connections with masked secrets and every user with their counts', async () => {
    const { root } = await mount(fakeApi());
    expect(text(root.querySelector('#connections'))).toContain('auth.password***');
    const users = root.querySelector('table.users')!;
    expect([...users.querySelectorAll('thead th')].map((th) => th.getAttribute('scope'))).toEqual(Array(9).fill('col'));
    const alice = users.querySelector('tr[data-mailbox="alice@contoso.com"]')!;
    expect(text(alice.querySelector('th[scope=row]'))).toBe('alice@contoso.com');
    expect(text(alice)).toContain('Idle');
    expect(text(alice)).toContain('2026-11-20 13:05 UTC');
    expect(text(alice)).toContain('CreatedCRM 0 · Exchange 12');
    expect(users.querySelectorAll('tbody tr')).toHaveLength(2);
    const configurations = root.querySelector('table.configurations')!;
    expect(text(configurations)).toContain('CRM → Exchange, Exchange wins conflicts; from 2026-01-01');
    expect(text(root.querySelector('[role=status]'))).toBe('Loaded.');
  });

  it('runs the CRM test and shows each step, its code and hint, and the daily limits', async () => {
    const api = fakeApi();
    const { root } = await mount(api);
    const testButton = [...root.querySelectorAll('fluent-button')].find((b) => text(b) === 'Test CRM')!;
    click(testButton);
    await flush();
    const result = root.querySelector('#crm-test-result')!;
    expect(api.testCrm).toHaveBeenCalledTimes(1);
    expect(text(result)).toContain('Failed in 5 ms');
    const query = [...result.querySelectorAll('tbody tr')][1]!;
    expect(text(query)).toContain('REQUEST_LIMIT_EXCEEDED');
    expect(text(query)).toContain('Wait for the daily allocation to reset.');
    expect(text(result.querySelector('.limits'))).toBe('Daily API requests: 0 of 15,000 left');
    expect(text(root.querySelector('[role=status]'))).toBe('CRM connection test failed in 5 ms.');
  });

  it('needs a mailbox before testing Exchange, then sends it', async () => {
    const api = fakeApi();
    const { root } = await mount(api);
    const testButton = [...root.querySelectorAll('fluent-button')].find((b) => text(b) === 'Test Exchange')!;
    click(testButton);
    await flush();
    expect(api.testExchange).not.toHaveBeenCalled();
    const input = root.querySelector<HTMLInputElement>('#connections input[type=email]')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector(`label[for="${input.id}"]`)).not.toBeNull();
    input.value = ' alice@contoso.com ';
    click(testButton);
    await flush();
    expect(api.testExchange).toHaveBeenCalledWith('alice@contoso.com');
    expect(text(root.querySelector('#exchange-test-result'))).toContain('Passed in 1 ms');
  });

  it('turns a problem+json failure into a readable alert, leaving the other parts working', async () => {
    const api = fakeApi({
      crmConnection: vi.fn(async () => {
        throw new ApiError({ status: 404, failure: 'http', title: 'No CRM connection', detail: 'PUT /api/admin/connections/crm first.' });
      }),
      activity: vi.fn(async () => {
        throw new ApiError({ status: 403, failure: 'http', title: 'You are not allowed to do this' });
      }),
    });
    const { root } = await mount(api);
    const alerts = [...root.querySelectorAll('[role=alert]')].map(text);
    expect(alerts).toContain('No CRM connection: PUT /api/admin/connections/crm first.');
    expect(alerts).toContain('You are not allowed to do this');
    expect(root.querySelectorAll('table.users tbody tr')).toHaveLength(2);
  });

  it('says when there is no configuration yet', async () => {
    const { root } = await mount(fakeApi({ configurations: vi.fn(async () => []) }));
    expect(text(root.querySelector('#configurations'))).toContain('No sync configurations yet');
    expect(text(root.querySelector('#users'))).toContain('No users');
    expect(root.querySelector('table.users')).toBeNull();
  });

  it('shows a status that could not be read in the user row', async () => {
    const api = fakeApi({
      status: vi.fn(async (mailbox: string) => {
        if (mailbox.startsWith('bob')) throw new ApiError({ status: 404, failure: 'http', title: 'Unknown mailbox' });
        return status(mailbox);
      }),
    });
    const { root } = await mount(api);
    expect(text(root.querySelector('tr[data-mailbox="bob@contoso.com"]'))).toContain('Unknown mailbox');
    expect(text(root.querySelector('tr[data-mailbox="alice@contoso.com"]'))).toContain('Idle');
  });

  it('syncs now: queues a run, polls it to the end showing progress, then reads the status again', async () => {
    const answers: SyncRun[] = [
      { id: 'run-1', mailbox: 'alice@contoso.com', state: 'running', progress: { done: 1, total: 4 } },
      { id: 'run-1', mailbox: 'alice@contoso.com', state: 'succeeded', progress: { done: 4, total: 4 } },
    ];
    const seen: string[] = [];
    const api = fakeApi({ run: vi.fn(async () => answers.shift()!) });
    const { root, page } = await mount(api);
    const row = () => root.querySelector('tr[data-mailbox="alice@contoso.com"]')!;
    const observer = new MutationObserver(() => seen.push(text(row().querySelector('.run-text'))));
    observer.observe(root.querySelector('table.users tbody')!, { childList: true, subtree: true });
    vi.mocked(api.status).mockClear();

    await page.syncNow('alice@contoso.com');
    await flush();
    observer.disconnect();

    expect(api.startRun).toHaveBeenCalledWith('alice@contoso.com');
    expect(api.run).toHaveBeenCalledTimes(2);
    expect(seen).toContain('Running: 1 of 4 items');
    expect(text(row().querySelector('.run-text'))).toBe('Finished: 4 items');
    expect(row().querySelector('progress')?.value).toBe(4);
    expect(api.status).toHaveBeenCalledWith('alice@contoso.com');
    expect(text(root.querySelector('[role=status]'))).toBe('Sync of alice@contoso.com: Finished: 4 items.');
  });

  it('reports a sync that could not be queued in the row', async () => {
    const api = fakeApi({
      startRun: vi.fn(async () => {
        throw new ApiError({ status: 404, failure: 'http', title: 'Mailbox not in an active configuration' });
      }),
    });
    const { root } = await mount(api);
    const syncButton = root.querySelector('fluent-button[aria-label="Sync bob@contoso.com now"]')!;
    click(syncButton);
    await flush();
    expect(text(root.querySelector('tr[data-mailbox="bob@contoso.com"] .run'))).toContain('Mailbox not in an active configuration');
  });

  it('retries an unresolved item and refreshes the row', async () => {
    const parked = status('alice@contoso.com', {
      contacts: objectStatus({ unresolved: [{ id: 7, item: '003A', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Phone is required', attempts: 3 }] }),
    });
    const api = fakeApi({
      status: vi.fn(async (mailbox: string) => (mailbox.startsWith('alice') ? parked : status(mailbox))),
    });
    const { root } = await mount(api);
    const row = root.querySelector('tr[data-mailbox="alice@contoso.com"]')!;
    expect(text(row)).toContain('Idle, items need attention');
    vi.mocked(api.status).mockResolvedValueOnce(status('alice@contoso.com'));
    click(row.querySelector('fluent-button[aria-label="Retry 003A for alice@contoso.com"]')!);
    await flush();
    await flush();
    expect(api.retry).toHaveBeenCalledWith('alice@contoso.com', 7);
    expect(text(root.querySelector('tr[data-mailbox="alice@contoso.com"]'))).not.toContain('003A');
    expect(text(root.querySelector('[role=status]'))).toContain('003A of alice@contoso.com will be tried again');
  });

  it('draws the activity as an inline SVG with a title in words and one bar per busy hour', async () => {
    const { root } = await mount(fakeApi());
    const svg = root.querySelector('#activity svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(text(svg.querySelector(':scope > title'))).toContain('12 items synced in the last day');
    expect(svg.querySelectorAll('rect.bar')).toHaveLength(1);
    expect(text(svg.querySelector('rect.bar title'))).toBe('2026-11-20 01:00 UTC: 12 items');
    expect(text(svg)).toContain('11-20');
  });
});
