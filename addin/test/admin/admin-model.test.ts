import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/api-error';
import { chartBars, niceMax } from '../../src/admin/activity-chart';
import { parseAdminConfig } from '../../src/admin/admin-config';
import {
  activitySummary,
  activityText,
  connectionFields,
  describeError,
  lastSuccess,
  limitsText,
  mailboxState,
  objectOptionsText,
  runText,
  stepRows,
  timeText,
  userRows,
} from '../../src/admin/admin-model';
import { chooseTokenProvider, sandboxAdminToken } from '../../src/admin/admin-token';
import { configuration, crmTest, objectStatus, status } from './fixtures';

describe('admin view models', () => {
  it('lists every user once, the active configuration first, sorted and lower-cased', () => {
    const rows = userRows([
      configuration({ name: 'archive', active: false, users: ['Alice@Contoso.com', 'zoe@contoso.com'] }),
      configuration({ name: 'sales', users: ['bob@contoso.com', 'alice@contoso.com'] }),
    ]);
    expect(rows).toEqual([
      { mailbox: 'alice@contoso.com', configuration: 'sales', active: true },
      { mailbox: 'bob@contoso.com', configuration: 'sales', active: true },
      { mailbox: 'zoe@contoso.com', configuration: 'archive', active: false },
    ]);
  });

  it('says how each object kind syncs', () => {
    expect(objectOptionsText(configuration().contacts)).toBe('Both ways, CRM wins conflicts, deletes propagated');
    expect(objectOptionsText(configuration().events)).toBe('CRM → Exchange, Exchange wins conflicts');
    expect(objectOptionsText({ direction: 'none', conflictWinner: 'crm', propagateDeletes: true })).toBe('Off');
  });

  it('gives the worst state of the two kinds', () => {
    expect(mailboxState(status('a'))).toEqual({ label: 'Idle', health: 'ok' });
    expect(mailboxState(status('a', { events: objectStatus({ state: 'failed' }), contacts: objectStatus({ state: 'running' }) })).health).toBe('error');
    expect(mailboxState(status('a', { contacts: objectStatus({ state: 'running' }) })).label).toBe('Running');
    expect(mailboxState(status('a', { contacts: objectStatus({ lastRunAt: null }), events: objectStatus({ lastRunAt: null }) })).label).toBe('Never synced');
    const parked = objectStatus({ unresolved: [{ id: 1, item: '003A', code: 'X', message: 'm', attempts: 3 }] });
    expect(mailboxState(status('a', { contacts: parked })).health).toBe('warning');
  });

  it('takes the later last success of the two kinds, and writes times in UTC', () => {
    expect(lastSuccess(status('a'))).toBe('2026-11-20T13:05:00Z');
    expect(timeText('2026-11-20T13:05:00Z')).toBe('2026-11-20 13:05 UTC');
    expect(timeText(null)).toBe('never');
  });

  it('marks the steps after a failed one as not run', () => {
    const rows = stepRows({
      ok: false,
      elapsedMs: 9,
      steps: [
        { name: 'authenticate', ok: true, elapsedMs: 4 },
        { name: 'impersonate', ok: false, code: 'ErrorImpersonateUserDenied', message: 'denied', hint: 'Grant the role' },
        { name: 'calendar', ok: false },
      ],
    });
    expect(rows.map((r) => [r.name, r.result, r.code, r.elapsed])).toEqual([
      ['authenticate', 'passed', '', '4 ms'],
      ['impersonate', 'failed', 'ErrorImpersonateUserDenied', ''],
      ['calendar', 'not run', '', ''],
    ]);
  });

  it('writes the CRM daily limits, or nothing when the CRM did not say', () => {
    expect(limitsText(crmTest)).toBe('Daily API requests: 0 of 15,000 left');
    expect(limitsText({ ok: true, steps: [], elapsedMs: 1 })).toBeNull();
  });

  it('describes runs and errors in words', () => {
    expect(runText({ id: 'r', mailbox: 'a', state: 'running', progress: { done: 40, total: 120 } })).toBe('Running: 40 of 120 items');
    expect(runText({ id: 'r', mailbox: 'a', state: 'failed', progress: { done: 0, total: 0 }, error: 'CRM down' })).toBe('Failed: CRM down');
    const problem = new ApiError({ status: 400, failure: 'http', title: 'Invalid', fieldErrors: { mailbox: ['is not an address'] } });
    expect(describeError(problem)).toBe('Invalid mailbox: is not an address');
    expect(describeError('?')).toBe('Something went wrong.');
  });

  it('flattens a connection for display, keeping the masked secrets as the API sent them', () => {
    expect(connectionFields({ type: 'ews', ewsUrl: 'https://x/EWS', graphUrl: null, auth: { type: 'basic', password: '***' }, shape: 'ews/basic', requiredSecrets: ['password'] })).toEqual([
      ['type', 'ews'],
      ['ewsUrl', 'https://x/EWS'],
      ['auth.type', 'basic'],
      ['auth.password', '***'],
    ]);
  });

  it('sums the activity and finds the busiest hour', () => {
    const hours = [
      { hour: '2026-11-20T12:00:00Z', items: 3 },
      { hour: '2026-11-20T13:00:00Z', items: 9 },
    ];
    expect(activitySummary(hours)).toEqual({ total: 12, peak: hours[1], days: 1 });
    expect(activityText(activitySummary(hours))).toBe('12 items synced in the last day; busiest hour 2026-11-20 13:00 UTC with 9.');
    expect(activityText({ total: 0, peak: null, days: 7 })).toBe('No items synced in the last 7 days.');
  });

  it('scales bars to a round maximum', () => {
    expect([0, 1, 7, 12, 99, 101].map(niceMax)).toEqual([1, 1, 10, 20, 100, 200]);
    const { bars, max } = chartBars(
      [
        { hour: 'a', items: 0 },
        { hour: 'b', items: 5 },
      ],
      { width: 110, height: 120, left: 10, bottom: 10, top: 10 },
    );
    expect(max).toBe(5);
    expect(bars.map((b) => [b.x, b.height, b.y])).toEqual([
      [10, 0, 110],
      [60, 100, 10],
    ]);
  });
});

describe('admin configuration and sign-in choice', () => {
  it('reads adminScopes, falling back to the add-in scopes', () => {
    const raw = { auth: { clientId: 'c', scopes: ['api://x/access_as_user'] } };
    expect(parseAdminConfig(raw).adminAuth.scopes).toEqual(['api://x/access_as_user']);
    expect(parseAdminConfig({ auth: { ...raw.auth, adminScopes: ['api://x/admin'] } }).adminAuth).toMatchObject({ clientId: 'c', scopes: ['api://x/admin'] });
  });

  it('prefers an injected token, string or function', async () => {
    const config = parseAdminConfig({ auth: { clientId: 'c' } });
    await expect(chooseTokenProvider(config, 'injected', 'https://x/admin')()).resolves.toBe('injected');
    await expect(chooseTokenProvider(config, async () => 'from-fn', 'https://x/admin')()).resolves.toBe('from-fn');
  });

  it('asks the sandbox for an admin token when no app is configured, once', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ access_token: 'demo-admin' }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    try {
      const provider = chooseTokenProvider(parseAdminConfig({}), undefined, 'https://x/admin');
      await expect(provider()).resolves.toBe('demo-admin');
      await expect(provider()).resolves.toBe('demo-admin');
      expect(fetch).toHaveBeenCalledTimes(1);
      const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
      expect(url).toBe('/sandbox/token');
      expect(JSON.parse(String(init.body))).toEqual({ user: 'admin@contoso.com', admin: true });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('says so when the sandbox hands out no token', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('', { status: 404 })));
    try {
      await expect(sandboxAdminToken('/sandbox/token')()).rejects.toThrow('HTTP 404');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
