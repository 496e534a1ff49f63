import type { AccountRef, CrmLinkRequest, Opportunity } from '../api/addin-api';
import type { OutlookItem } from '../office/outlook-item';
import { collectPeople, type PersonRow } from './people-model';

/** Something a meeting can be related to as its one "what": an opportunity or an account. */
export interface WhatOption {
  id: string;
  kind: 'Opportunity' | 'Account';
  label: string;
}

/** Opportunities first (the usual reason for a meeting), then accounts, each once. */
export function whatOptions(rows: PersonRow[]): WhatOption[] {
  const options = new Map<string, WhatOption>();
  const opportunities: Opportunity[] = rows.flatMap((r) => r.opportunities);
  for (const o of opportunities) {
    if (!options.has(o.id)) options.set(o.id, { id: o.id, kind: 'Opportunity', label: o.stage ? `${o.name} (${o.stage})` : o.name });
  }
  const accounts: AccountRef[] = rows.flatMap((r) => (r.record?.account ? [r.record.account] : []));
  for (const a of accounts) {
    if (!options.has(a.id)) options.set(a.id, { id: a.id, kind: 'Account', label: a.name });
  }
  return [...options.values()];
}

/** The people who can be related: those with a CRM record. */
export function whoCandidates(rows: PersonRow[]): PersonRow[] {
  return rows.filter((r) => r.record !== undefined);
}

/**
 * Salesforce's rules for an event's relations, checked before the call so the user learns why:
 * at least one person; a lead can be related only alone, and never together with a "what".
 */
export function validateRelation(selected: PersonRow[], whatId: string | undefined): string[] {
  const errors: string[] = [];
  if (selected.length === 0) errors.push('Choose at least one contact or lead.');
  const leads = selected.filter((r) => r.record?.type === 'Lead');
  if (leads.length > 0 && selected.length > 1) errors.push('A lead can only be related on its own, not with other people.');
  if (leads.length > 0 && whatId) errors.push('A meeting with a lead cannot also be related to an opportunity or account.');
  return errors;
}

/** The PUT body for the meeting: its details, every attendee address, and the chosen records. */
export function buildLinkRequest(item: OutlookItem, selected: PersonRow[], whatId: string | undefined): CrmLinkRequest {
  if (!item.start || !item.end) throw new Error('The meeting has no start or end time.');
  const request: CrmLinkRequest = {
    subject: item.subject,
    start: item.start.toISOString(),
    end: item.end.toISOString(),
    isAllDay: item.isAllDay ?? false,
    attendees: collectPeople(item).map((p) => p.email),
    whoIds: selected.map((r) => r.record!.id),
  };
  if (item.location) request.location = item.location;
  if (whatId) request.whatId = whatId;
  return request;
}
