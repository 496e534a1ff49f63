import { ApiError } from '../api/api-error';
import type {
  ActivityHour,
  ConnectionTestResult,
  Direction,
  ObjectStatus,
  SideCounts,
  SyncConfiguration,
  SyncRun,
  SyncStatus,
  TestStep,
  UnresolvedItem,
} from './admin-api';

// Pure view models of the admin page: what to show, in words, from the API's answers.

/** An error as one readable line: problem+json title and detail, field errors, or the message. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.fieldMessages();
    return [error.message, ...fields].join(' ');
  }
  return error instanceof Error && error.message ? error.message : 'Something went wrong.';
}

const directionNames: Record<Direction, string> = {
  both: 'Both ways',
  crmToExchange: 'CRM → Exchange',
  exchangeToCrm: 'Exchange → CRM',
  none: 'Off',
};

export const directionText = (direction: Direction): string => directionNames[direction] ?? direction;

/** "Both ways, CRM wins, deletes propagated" for one object kind of a configuration. */
export function objectOptionsText(options: SyncConfiguration['contacts']): string {
  if (options.direction === 'none') return directionText('none');
  const winner = options.conflictWinner === 'crm' ? 'CRM wins conflicts' : 'Exchange wins conflicts';
  return `${directionText(options.direction)}, ${winner}${options.propagateDeletes ? ', deletes propagated' : ''}`;
}

/** A time as "2026-11-20 13:05 UTC" (admins compare across time zones), or "never". */
export function timeText(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export const countsText = (counts: SideCounts): string => `CRM ${counts.crm} · Exchange ${counts.exchange}`;

export interface UserRow {
  mailbox: string;
  configuration: string;
  active: boolean;
}

/** Every user of every configuration, once each (the active configuration first), sorted by address. */
export function userRows(configurations: SyncConfiguration[]): UserRow[] {
  const rows = new Map<string, UserRow>();
  const ordered = [...configurations].sort((a, b) => Number(b.active) - Number(a.active));
  for (const configuration of ordered) {
    for (const user of configuration.users) {
      const mailbox = user.trim().toLowerCase();
      if (!rows.has(mailbox)) rows.set(mailbox, { mailbox, configuration: configuration.name, active: configuration.active });
    }
  }
  return [...rows.values()].sort((a, b) => a.mailbox.localeCompare(b.mailbox));
}

export type Health = 'ok' | 'warning' | 'error' | 'busy';

/** The mailbox's state over both object kinds: the worst one wins, a run in progress shows as busy. */
export function mailboxState(status: SyncStatus): { label: string; health: Health } {
  const states = [status.contacts.state, status.events.state];
  if (states.includes('failed')) return { label: 'Last run failed', health: 'error' };
  if (states.includes('running')) return { label: 'Running', health: 'busy' };
  if (states.includes('queued')) return { label: 'Queued', health: 'busy' };
  if (!status.contacts.lastRunAt && !status.events.lastRunAt) return { label: 'Never synced', health: 'warning' };
  if (unresolvedItems(status).length > 0) return { label: 'Idle, items need attention', health: 'warning' };
  return { label: 'Idle', health: 'ok' };
}

/** The later of the two kinds' last successes. */
export function lastSuccess(status: SyncStatus): string | null {
  const times = [status.contacts.lastSuccessAt, status.events.lastSuccessAt].filter((t): t is string => !!t);
  return times.sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? null;
}

export interface KindUnresolved extends UnresolvedItem {
  kind: 'contacts' | 'events';
}

export function unresolvedItems(status: SyncStatus): KindUnresolved[] {
  return (['contacts', 'events'] as const).flatMap((kind) => status[kind].unresolved.map((u) => ({ ...u, kind })));
}

export const errorCount = (status: ObjectStatus): number => status.errors.length;

/** One line per step of a connection test, in the order the API ran them. */
export interface StepRow {
  name: string;
  result: 'passed' | 'failed' | 'not run';
  code: string;
  message: string;
  hint: string;
  elapsed: string;
}

export function stepRows(result: ConnectionTestResult): StepRow[] {
  let failedBefore = false;
  return result.steps.map((step: TestStep) => {
    // After a failed step the API marks the later ones failed without calling them: say so.
    const notRun = failedBefore && !step.ok && !step.code && !step.message;
    if (!step.ok) failedBefore = true;
    return {
      name: step.name,
      result: step.ok ? 'passed' : notRun ? 'not run' : 'failed',
      code: step.code ?? '',
      message: step.message ?? '',
      hint: step.hint ?? '',
      elapsed: step.elapsedMs == null ? '' : `${step.elapsedMs} ms`,
    };
  });
}

/** "Daily API requests: 14,200 of 15,000 left" or null when the CRM did not say. */
export function limitsText(result: ConnectionTestResult): string | null {
  const daily = result.limits?.dailyApiRequests;
  if (!daily) return null;
  return `Daily API requests: ${daily.remaining.toLocaleString('en-US')} of ${daily.max.toLocaleString('en-US')} left`;
}

export const runFinished = (run: SyncRun): boolean => run.state === 'succeeded' || run.state === 'failed';

/** "Running: 40 of 120 items" — what a Sync now button shows while it polls. */
export function runText(run: SyncRun): string {
  switch (run.state) {
    case 'queued':
      return 'Queued, waiting for the sync worker';
    case 'running':
      return run.progress.total > 0 ? `Running: ${run.progress.done} of ${run.progress.total} items` : 'Running';
    case 'succeeded':
      return `Finished: ${run.progress.done} items`;
    case 'failed':
      return `Failed${run.error ? `: ${run.error}` : ''}`;
    default:
      return run.state;
  }
}

// Derived values the API's connection records also serialize; they say nothing the fields do not.
const derivedFields = new Set(['shape', 'requiredSecrets']);

/** The settings of a connection as name/value lines; secrets arrive as "***" and are shown so. */
export function connectionFields(connection: object): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(connection)) {
    if (value === null || value === undefined || derivedFields.has(key) || Array.isArray(value)) continue;
    if (typeof value === 'object') {
      for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>)) {
        if (innerValue === null || innerValue === undefined) continue;
        rows.push([`${key}.${inner}`, String(innerValue)]);
      }
    } else {
      rows.push([key, String(value)]);
    }
  }
  return rows;
}

export interface ActivitySummary {
  total: number;
  peak: ActivityHour | null;
  days: number;
}

export function activitySummary(hours: ActivityHour[]): ActivitySummary {
  let peak: ActivityHour | null = null;
  let total = 0;
  for (const hour of hours) {
    total += hour.items;
    if (hour.items > 0 && (!peak || hour.items > peak.items)) peak = hour;
  }
  return { total, peak, days: Math.max(1, Math.round(hours.length / 24)) };
}

export function activityText(summary: ActivitySummary): string {
  const period = summary.days === 1 ? 'day' : `${summary.days} days`;
  if (summary.total === 0) return `No items synced in the last ${period}.`;
  const peak = summary.peak ? `; busiest hour ${timeText(summary.peak.hour)} with ${summary.peak.items}` : '';
  return `${summary.total.toLocaleString('en-US')} items synced in the last ${period}${peak}.`;
}
