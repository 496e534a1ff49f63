import { describe, expect, it, vi } from 'vitest';
import { createAddinApi } from '../../src/api/addin-api';
import { ApiError } from '../../src/api/api-error';

function api(respond: (url: string, init: RequestInit) => Response) {
  const fetchMock = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => respond(String(url), init!));
  return { fetchMock, api: createAddinApi({ baseUrl: '', getToken: async () => 't', fetch: fetchMock }) };
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('add-in API functions', () => {
  it('escapes the Exchange item id in the crm-link path', async () => {
    const { api: client, fetchMock } = api(() => json(200, { crmEventId: '00U1', relations: [] }));
    await client.putCrmLink('AAMk-a_b=', { subject: 's', start: 'a', end: 'b', isAllDay: false, attendees: [], whoIds: ['003'] });
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/addin/events/AAMk-a_b%3D/crm-link');
    expect(fetchMock.mock.calls[0]![1]!.method).toBe('PUT');
  });

  it('answers null for an item without link (404) and rethrows other errors', async () => {
    const { api: missing } = api(() => json(404, { title: 'Not Found', status: 404 }));
    await expect(missing.getCrmLink('x')).resolves.toBeNull();
    const { api: broken } = api(() => json(500, { title: 'Boom', status: 500 }));
    await expect(broken.getCrmLink('x')).rejects.toBeInstanceOf(ApiError);
  });

  it('refuses an empty or oversized lookup before calling', async () => {
    const { api: client, fetchMock } = api(() => json(200, { matches: [] }));
    await expect(client.lookup([])).rejects.toThrow(/between 1 and 100/);
    await expect(client.lookup(Array.from({ length: 101 }, (_, i) => `p${i}@x.com`))).rejects.toThrow(/between 1 and 100/);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('calls DELETE for unlink and GET /api/addin/me', async () => {
    const { api: client, fetchMock } = api((url) => (url.endsWith('/me') ? json(200, { user: 'alice', objectId: null, tenantId: null, isAdmin: false }) : new Response(null, { status: 204 })));
    await client.deleteCrmLink('id1');
    await expect(client.me()).resolves.toMatchObject({ user: 'alice', isAdmin: false });
    expect(fetchMock.mock.calls.map((c) => c[1]!.method)).toEqual(['DELETE', 'GET']);
  });
});
