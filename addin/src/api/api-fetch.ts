import type { TokenProvider } from '../auth/token-provider';
import { ApiError, apiErrorFromResponse } from './api-error';

export interface ApiSettings {
  /** Origin (and optional path) the API lives at; '' for the pane's own origin. */
  baseUrl: string;
  getToken: TokenProvider;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export const defaultTimeoutMs = 15_000;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The one way the pane talks to the API: bearer token, JSON both ways, a time limit, and every
 * failure turned into an ApiError. Resolves to the parsed body, or undefined for an empty one.
 */
export async function apiFetch<T>(settings: ApiSettings, method: HttpMethod, path: string, body?: unknown): Promise<T> {
  const token = await settings.getToken();
  const timeoutMs = settings.timeoutMs ?? defaultTimeoutMs;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const doFetch = settings.fetch ?? globalThis.fetch.bind(globalThis);
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    Authorization: `Bearer ${token}`,
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  let parsed: unknown;
  try {
    response = await doFetch(`${settings.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      signal: controller.signal,
      credentials: 'omit',
    });
    parsed = await readBody(response); // inside the time limit: a stalled body counts too
  } catch (error) {
    if (controller.signal.aborted) {
      throw new ApiError({
        status: 0,
        failure: 'timeout',
        title: 'The server took too long to answer',
        detail: `No answer within ${Math.round(timeoutMs / 1000)} s.`,
        cause: error,
      });
    }
    throw new ApiError({ status: 0, failure: 'network', title: 'The server could not be reached', cause: error });
  } finally {
    clearTimeout(timer);
  }

  if (!response.ok) throw apiErrorFromResponse(response.status, response.statusText, parsed);
  return parsed as T;
}
