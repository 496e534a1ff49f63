import { apiFetch, type ApiSettings } from '../api/api-fetch';

// Wire types of CONTRACT.md section 3 (and GET /api/admin/sync-activity), as the admin page reads them.

export interface TestStep {
  name: string;
  ok: boolean;
  code?: string | null;
  message?: string | null;
  hint?: string | null;
  elapsedMs?: number | null;
}

export interface ApiLimit {
  max: number;
  remaining: number;
}

export interface ConnectionTestResult {
  ok: boolean;
  steps: TestStep[];
  elapsedMs: number;
  limits?: { dailyApiRequests?: ApiLimit | null } | null;
}

/** The stored connections, secrets already replaced by "***" by the API. Only the fields the page shows are typed. */
export interface ExchangeConnection {
  type?: string | null;
  ewsUrl?: string | null;
  graphUrl?: string | null;
  auth?: Record<string, string | null> | null;
}

export interface CrmConnection {
  type?: string | null;
  loginUrl?: string | null;
  apiVersion?: string | null;
  auth?: Record<string, string | null> | null;
}

export type Direction = 'both' | 'crmToExchange' | 'exchangeToCrm' | 'none';
export type Winner = 'crm' | 'exchange';

export interface ObjectOptions {
  direction: Direction;
  conflictWinner: Winner;
  propagateDeletes: boolean;
}

export interface SyncConfiguration {
  name: string;
  active: boolean;
  users: string[];
  contacts: ObjectOptions;
  events: ObjectOptions & { syncFrom: string; includePrivate: boolean };
  updatedAt?: string;
}

export interface SideCounts {
  crm: number;
  exchange: number;
}

export interface ItemError {
  item: string;
  code: string;
  message: string;
  side?: string;
}

export interface UnresolvedItem extends ItemError {
  id: number;
  attempts: number;
}

export type ObjectState = 'idle' | 'queued' | 'running' | 'failed';

export interface ObjectStatus {
  state: ObjectState;
  lastRunAt?: string | null;
  lastSuccessAt?: string | null;
  created: SideCounts;
  updated: SideCounts;
  deleted: SideCounts;
  conflicts: number;
  errors: ItemError[];
  unresolved: UnresolvedItem[];
}

export interface SyncStatus {
  mailbox: string;
  configuration?: string | null;
  contacts: ObjectStatus;
  events: ObjectStatus;
}

export type RunState = 'queued' | 'running' | 'succeeded' | 'failed';

export interface SyncRun {
  id: string;
  mailbox: string;
  state: RunState;
  progress: { done: number; total: number };
  error?: string | null;
}

export interface ActivityHour {
  hour: string;
  items: number;
}

const mailboxPath = (mailbox: string) => `/api/admin/sync-status/${encodeURIComponent(mailbox)}`;

/** The admin API, bound to one base URL and token provider (the admin's). */
export function createAdminApi(settings: ApiSettings) {
  return {
    exchangeConnection: () => apiFetch<ExchangeConnection>(settings, 'GET', '/api/admin/connections/exchange'),
    crmConnection: () => apiFetch<CrmConnection>(settings, 'GET', '/api/admin/connections/crm'),
    testExchange: (mailbox: string) =>
      apiFetch<ConnectionTestResult>(settings, 'POST', '/api/admin/connections/exchange/test', { mailbox }),
    testCrm: () => apiFetch<ConnectionTestResult>(settings, 'POST', '/api/admin/connections/crm/test', {}),
    configurations: async () =>
      (await apiFetch<{ configurations: SyncConfiguration[] }>(settings, 'GET', '/api/admin/sync-configurations'))
        .configurations,
    status: (mailbox: string) => apiFetch<SyncStatus>(settings, 'GET', mailboxPath(mailbox)),
    startRun: (mailbox: string) => apiFetch<{ id: string }>(settings, 'POST', '/api/admin/sync-runs', { mailbox }),
    run: (id: string) => apiFetch<SyncRun>(settings, 'GET', `/api/admin/sync-runs/${encodeURIComponent(id)}`),
    retry: (mailbox: string, unresolvedId: number) =>
      apiFetch<void>(settings, 'POST', `${mailboxPath(mailbox)}/unresolved/${unresolvedId}/retry`),
    activity: async (days = 7) =>
      (await apiFetch<{ hours: ActivityHour[] }>(settings, 'GET', `/api/admin/sync-activity?days=${days}`)).hours,
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
