import { describe, expect, it, vi } from 'vitest';
import { defaultConfig, parseConfig } from '../../src/config';
import { loadPreviewItems, type PreviewItem } from '../../src/preview-items';

const demoMeeting: PreviewItem = {
  id: 'demo-1',
  label: 'Demo: Account review',
  itemType: 'appointment',
  mode: 'read',
  itemId: 'AAMkDemo/1+A=',
  subject: 'Account review',
  start: '2026-11-24T10:00:00Z',
  end: '2026-11-24T11:00:00Z',
  organizer: { emailAddress: 'alice@contoso.com', displayName: 'Alice Contoso' },
  requiredAttendees: [{ emailAddress: 'ana.andersen0@fabrikam.com', displayName: 'Ana Andersen' }],
};

function settings(respond: () => Response) {
  const fetchMock = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => respond());
  return { fetchMock, api: { baseUrl: 'https://api.example', getToken: async () => 'demo-token', fetch: fetchMock } };
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('the preview items', () => {
  it('reads previewItemsUrl from config.json, empty by default', () => {
    expect(defaultConfig.previewItemsUrl).toBe('');
    expect(parseConfig({ previewItemsUrl: '/sandbox/preview-items' }).previewItemsUrl).toBe('/sandbox/preview-items');
    expect(parseConfig({ previewItemsUrl: 42 }).previewItemsUrl).toBe('');
  });

  it("asks the sandbox for the user's demo meetings with the user's token, on the pane's origin", async () => {
    const { api, fetchMock } = settings(() => json(200, { items: [demoMeeting] }));

    const items = await loadPreviewItems({ ...defaultConfig, previewItemsUrl: '/sandbox/preview-items' }, api, undefined);

    expect(items).toEqual([demoMeeting]);
    expect(fetchMock.mock.calls[0]![0]).toBe('/sandbox/preview-items');
    expect(fetchMock.mock.calls[0]![1]!.method).toBe('GET');
    expect((fetchMock.mock.calls[0]![1]!.headers as Record<string, string>).Authorization).toBe('Bearer demo-token');
  });

  it("takes a test's injected items instead of calling the sandbox", async () => {
    const { api, fetchMock } = settings(() => json(200, { items: [] }));

    const items = await loadPreviewItems({ ...defaultConfig, previewItemsUrl: '/sandbox/preview-items' }, api, [demoMeeting]);

    expect(items).toEqual([demoMeeting]);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('adds nothing without a sandbox, or when the answer holds no list', async () => {
    const { api, fetchMock } = settings(() => json(200, { items: 'none' }));

    expect(await loadPreviewItems(defaultConfig, api, undefined)).toEqual([]);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(await loadPreviewItems({ ...defaultConfig, previewItemsUrl: '/sandbox/preview-items' }, api, undefined)).toEqual([]);
  });

  it('fails with the problem the sandbox answered', async () => {
    const { api } = settings(() => json(401, { title: 'Unauthorized', status: 401 }));

    await expect(loadPreviewItems({ ...defaultConfig, previewItemsUrl: '/sandbox/preview-items' }, api, undefined)).rejects.toMatchObject({ status: 401 });
  });
});
