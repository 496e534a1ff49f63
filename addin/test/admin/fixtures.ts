import type { ConnectionTestResult, ObjectStatus, SyncConfiguration, SyncStatus } from '../../src/admin/admin-api';

export const configuration = (overrides: Partial<SyncConfiguration> = {}): SyncConfiguration => ({
  name: 'sales',
  active: true,
  users: ['alice@contoso.com', 'bob@contoso.com'],
  contacts: { direction: 'both', conflictWinner: 'crm', propagateDeletes: true },
  events: { direction: 'crmToExchange', conflictWinner: 'exchange', propagateDeletes: false, syncFrom: '2026-01-01', includePrivate: false },
  ...overrides,
});

export const objectStatus = (overrides: Partial<ObjectStatus> = {}): ObjectStatus => ({
  state: 'idle',
  lastRunAt: '2026-11-20T13:05:00Z',
  lastSuccessAt: '2026-11-20T13:05:00Z',
  created: { crm: 0, exchange: 12 },
  updated: { crm: 1, exchange: 0 },
  deleted: { crm: 2, exchange: 0 },
  conflicts: 0,
  errors: [],
  unresolved: [],
  ...overrides,
});

export const status = (mailbox: string, overrides: Partial<SyncStatus> = {}): SyncStatus => ({
  mailbox,
  configuration: 'sales',
  contacts: objectStatus(),
  events: objectStatus({ created: { crm: 5, exchange: 0 }, lastSuccessAt: '2026-11-20T12:00:00Z' }),
  ...overrides,
});

export const crmTest: ConnectionTestResult = {
  ok: false,
  steps: [
    { name: 'authenticate', ok: true, elapsedMs: 3 },
    { name: 'query', ok: false, code: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.', hint: 'Wait for the daily allocation to reset.', elapsedMs: 2 },
  ],
  elapsedMs: 5,
  limits: { dailyApiRequests: { max: 15000, remaining: 0 } },
};
