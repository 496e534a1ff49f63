import { apiFetch, type ApiSettings } from './api/api-fetch';
import type { PaneConfig } from './config';

/** A person on a fake item, as Office.js describes one. */
export interface ShimPerson {
  emailAddress: string;
  displayName: string;
}

/**
 * A fake Outlook item in the shape `OfficeShim.add` takes (public/office-shim.js): what the
 * sandbox's `GET /sandbox/preview-items` answers with, or a test injects.
 */
export interface PreviewItem {
  id: string;
  label: string;
  itemType: 'appointment' | 'message';
  mode: 'read' | 'compose';
  itemId: string | null;
  subject: string;
  location?: string;
  /** Milliseconds since the epoch or ISO 8601 text. */
  start?: number | string;
  end?: number | string;
  isAllDay?: boolean;
  organizer?: ShimPerson;
  requiredAttendees?: ShimPerson[];
  optionalAttendees?: ShimPerson[];
}

/**
 * The items the preview offers besides the shim's own: a test's (`injected`, from
 * `window.outlookCrmPreviewItems` set before the page loads), else the signed-in user's demo
 * meetings from the sandbox (`previewItemsUrl`, with the user's token), else none. The shim checks
 * each item's shape when it is added.
 */
export async function loadPreviewItems(config: PaneConfig, api: ApiSettings, injected: unknown): Promise<PreviewItem[]> {
  if (injected !== undefined) return Array.isArray(injected) ? (injected as PreviewItem[]) : [];
  if (!config.previewItemsUrl) return [];
  const body = await apiFetch<{ items?: unknown } | undefined>({ ...api, baseUrl: '' }, 'GET', config.previewItemsUrl);
  return Array.isArray(body?.items) ? (body.items as PreviewItem[]) : [];
}
