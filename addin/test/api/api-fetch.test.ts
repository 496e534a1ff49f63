import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/api-error';
import { apiFetch, type ApiSettings } from '../../src/api/api-fetch';

function settings(fetchImpl: typeof fetch, extra: Partial<ApiSettings> = {}): ApiSettings {
  return { baseUrl: 'https://crm.example', getToken: async () => 'tok-123', fetch: fetchImpl, ...extra };
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

describe('apiFetch', () => {
  it('sends the bearer token and a JSON body, and parses the JSON answer', async () => {
    const fetchMock = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => json(200, { ok: true }));
    const result = await apiFetch<{ ok: boolean }>(settings(fetchMock), 'POST', '/api/addin/lookup', { emails: ['a@b.c'] });
    expect(result).toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('https://crm.example/api/addin/lookup');
    const headers = init!.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer tok-123');
    expect(headers['Content-Type']).toBe('application/json');
    expect(init!.body).toBe('{"emails":["a@b.c"]}');
    expect(init!.credentials).toBe('omit');
  });

  it('turns problem+json into an ApiError with title, detail, status and field errors', async () => {
    const fetchMock = vi.fn(async () =>
      json(
        400,
        {
          type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
          title: 'One or more validation errors occurred.',
          status: 400,
          detail: 'Check the fields.',
          errors: { lastName: ['must not be empty'], emails: ['at most 100', 'no duplicates'] },
        },
        'application/problem+json',
      ),
    );
    const error = (await apiFetch(settings(fetchMock), 'POST', '/api/addin/contacts', {}).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.failure).toBe('http');
    expect(error.title).toBe('One or more validation errors occurred.');
    expect(error.detail).toBe('Check the fields.');
    expect(error.message).toBe('One or more validation errors occurred.: Check the fields.');
    expect(error.fieldErrors).toEqual({ lastName: ['must not be empty'], emails: ['at most 100', 'no duplicates'] });
    expect(error.fieldMessages()).toEqual(['lastName: must not be empty', 'emails: at most 100', 'emails: no duplicates']);
  });

  it('gives a readable title when the error body is not problem+json', async () => {
    const fetchMock = vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    const error = (await apiFetch(settings(fetchMock), 'GET', '/api/addin/me').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.title).toBe('The CRM or Exchange did not answer properly');
    expect(error.fieldErrors).toEqual({});
  });

  it('times out a request that does not answer, as an ApiError with status 0', async () => {
    const hanging = vi.fn(
      (_url: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_, reject) => init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const error = (await apiFetch(settings(hanging, { timeoutMs: 20 }), 'GET', '/api/addin/me').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.failure).toBe('timeout');
    expect(error.status).toBe(0);
  });

  it('reports a network failure separately from a timeout', async () => {
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = (await apiFetch(settings(down), 'GET', '/x').catch((e: unknown) => e)) as ApiError;
    expect(error.failure).toBe('network');
    expect(error.title).toBe('The server could not be reached');
  });

  it('does not call the API when no token can be had', async () => {
    const fetchMock = vi.fn();
    const failing = settings(fetchMock, { getToken: () => Promise.reject(new Error('Sign-in failed (user_cancelled).')) });
    await expect(apiFetch(failing, 'GET', '/x')).rejects.toThrow('user_cancelled');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('resolves to undefined for an empty answer (204)', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    await expect(apiFetch(settings(fetchMock), 'DELETE', '/x')).resolves.toBeUndefined();
  });
});
