import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/api-error';
import { createAdminApi } from '../../src/admin/admin-api';

function fakeFetch(answer: (url: string, init: RequestInit) => Response) {
  const calls: Array<{ url: string; method: string; body: unknown; auth: string | null }> = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init!.headers);
    calls.push({
      url: String(url),
      method: init!.method!,
      body: init!.body ? JSON.parse(String(init!.body)) : undefined,
      auth: headers.get('Authorization'),
    });
    return answer(String(url), init!);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

const apiWith = (fetch: typeof globalThis.fetch) =>
  createAdminApi({ baseUrl: 'https://crm.contoso.com', getToken: async () => 'admin-token', fetch });

describe('admin API calls', () => {
  it('sends the admin token and reads the configurations list out of its envelope', async () => {
    const { fetch, calls } = fakeFetch(() => json({ configurations: [{ name: 'sales', users: [] }] }));
    const configurations = await apiWith(fetch).configurations();
    expect(configurations.map((c) => c.name)).toEqual(['sales']);
    expect(calls[0]).toMatchObject({ url: 'https://crm.contoso.com/api/admin/sync-configurations', method: 'GET', auth: 'Bearer admin-token' });
  });

  it('posts the mailbox to the Exchange test, and an empty body to the CRM test', async () => {
    const { fetch, calls } = fakeFetch(() => json({ ok: true, steps: [], elapsedMs: 1 }));
    const api = apiWith(fetch);
    await api.testExchange('alice@contoso.com');
    await api.testCrm();
    expect(calls.map((c) => [c.method, c.url.replace('https://crm.contoso.com', ''), c.body])).toEqual([
      ['POST', '/api/admin/connections/exchange/test', { mailbox: 'alice@contoso.com' }],
      ['POST', '/api/admin/connections/crm/test', {}],
    ]);
  });

  it('encodes the mailbox in status and retry paths, and queues and reads runs', async () => {
    const { fetch, calls } = fakeFetch((url) =>
      url.endsWith('/sync-runs') ? json({ id: 'r1' }, 202) : url.includes('/retry') ? new Response(null, { status: 204 }) : json({}),
    );
    const api = apiWith(fetch);
    await api.status('o\'brien+x@contoso.com');
    await expect(api.retry('alice@contoso.com', 42)).resolves.toBeUndefined();
    await expect(api.startRun('alice@contoso.com')).resolves.toEqual({ id: 'r1' });
    await api.run('r/1');
    expect(calls.map((c) => `${c.method} ${c.url.replace('https://crm.contoso.com', '')}`)).toEqual([
      "GET /api/admin/sync-status/o'brien%2Bx%40contoso.com",
      'POST /api/admin/sync-status/alice%40contoso.com/unresolved/42/retry',
      'POST /api/admin/sync-runs',
      'GET /api/admin/sync-runs/r%2F1',
    ]);
    expect(calls[2]!.body).toEqual({ mailbox: 'alice@contoso.com' });
  });

  it('asks for seven days of activity and returns the hours', async () => {
    const { fetch, calls } = fakeFetch(() => json({ hours: [{ hour: '2026-11-20T13:00:00Z', items: 12 }] }));
    await expect(apiWith(fetch).activity(7)).resolves.toEqual([{ hour: '2026-11-20T13:00:00Z', items: 12 }]);
    expect(calls[0]!.url).toBe('https://crm.contoso.com/api/admin/sync-activity?days=7');
  });

  it('turns a problem+json answer into an ApiError with its title and detail', async () => {
    const { fetch } = fakeFetch(() =>
      json({ title: 'No CRM connection', detail: 'PUT /api/admin/connections/crm first.', status: 404 }, 404, 'application/problem+json'),
    );
    const error = await apiWith(fetch).crmConnection().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).message).toBe('No CRM connection: PUT /api/admin/connections/crm first.');
  });
});
