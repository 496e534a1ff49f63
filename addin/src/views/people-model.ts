import type { CrmRecord, CrmRecordType, LookupMatch, LookupResponse, Opportunity } from '../api/addin-api';
import type { OutlookItem, Person } from '../office/outlook-item';

/** How a person takes part in the item, in the order the pane lists them. */
export type PersonRole = 'Organizer' | 'Required' | 'Optional' | 'From' | 'To/Cc';

export interface PersonOnItem extends Person {
  roles: PersonRole[];
}

export type Badge = CrmRecordType | 'Unknown';

export interface PersonRow extends PersonOnItem {
  badge: Badge;
  /** The record shown for the person: the first contact, else the first lead. */
  record: CrmRecord | undefined;
  /** Other records with the same address (duplicates in the CRM), shown as a count. */
  otherRecords: number;
  opportunities: Opportunity[];
}

export const emailKey = (email: string): string => email.trim().toLowerCase();

/** Addresses Exchange cannot send to a CRM: legacy X.500 DNs and blanks. */
const isSmtp = (email: string): boolean => /^[^\s@]+@[^\s@]+$/.test(email.trim());

/**
 * Everyone on the item once: organizer (or sender), attendees or recipients, compared without
 * case, the signed-in mailbox left out. A better display name (not just the address) wins.
 */
export function collectPeople(item: OutlookItem): PersonOnItem[] {
  const sources: Array<[PersonRole, Person[]]> =
    item.kind === 'appointment'
      ? [
          ['Organizer', item.organizer ? [item.organizer] : []],
          ['Required', item.required],
          ['Optional', item.optional],
        ]
      : [
          ['From', item.organizer ? [item.organizer] : []],
          ['To/Cc', item.recipients],
        ];
  const owner = emailKey(item.mailbox);
  const byEmail = new Map<string, PersonOnItem>();
  for (const [role, people] of sources) {
    for (const person of people) {
      const key = emailKey(person.email);
      if (!isSmtp(key) || key === owner) continue;
      const seen = byEmail.get(key);
      if (!seen) {
        byEmail.set(key, { email: person.email.trim(), displayName: person.displayName, roles: [role] });
        continue;
      }
      if (!seen.roles.includes(role)) seen.roles.push(role);
      if (emailKey(seen.displayName) === key && emailKey(person.displayName) !== key) seen.displayName = person.displayName;
    }
  }
  return [...byEmail.values()];
}

const capitalise = (word: string): string => (word ? word[0]!.toLocaleUpperCase() + word.slice(1) : word);

/**
 * First and last name for a new CRM record from what Outlook shows: "Bob Lee", "Lee, Bob",
 * "Bob Lee (Fabrikam)", or only the address ("bob.lee@…"). Salesforce requires a last name, so a
 * single word becomes the last name.
 */
export function splitName(displayName: string, email: string): { firstName: string; lastName: string } {
  let name = displayName
    .replace(/\([^)]*\)|\[[^\]]*\]|<[^>]*>/g, ' ')
    .replace(/["']/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!name || name.includes('@')) {
    const local = (email.split('@')[0] ?? '').replace(/\+.*$/, '');
    name = local
      .split(/[._-]+/)
      .filter(Boolean)
      .map(capitalise)
      .join(' ');
  }
  const comma = name.indexOf(',');
  if (comma > 0) {
    const last = name.slice(0, comma).trim();
    const first = name.slice(comma + 1).trim();
    if (first) return { firstName: first, lastName: last };
    name = last;
  }
  const words = name.split(' ').filter(Boolean);
  if (words.length <= 1) return { firstName: '', lastName: words[0] ?? '' };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1]! };
}

const freeMailDomains = new Set(['gmail.com', 'outlook.com', 'hotmail.com', 'live.com', 'yahoo.com', 'icloud.com', 'gmx.de', 'web.de']);

/** A company guess for a new lead from the address's domain ("bob@fabrikam.co.uk" → "Fabrikam"). */
export function companyFromEmail(email: string): string {
  const domain = emailKey(email).split('@')[1] ?? '';
  if (!domain || freeMailDomains.has(domain)) return '';
  const labels = domain.split('.');
  const secondLevel = /^(co|com|org|net|ac|gov)$/.test(labels[labels.length - 2] ?? '') ? 3 : 2;
  return capitalise(labels[labels.length - secondLevel] ?? labels[0] ?? '');
}

/** A contact beats a lead: it is the converted, account-linked record. */
export function chooseRecord(records: CrmRecord[]): { badge: Badge; record: CrmRecord | undefined } {
  const record = records.find((r) => r.type === 'Contact') ?? records.find((r) => r.type === 'Lead');
  return { badge: record ? record.type : 'Unknown', record };
}

/** Joins the people on the item with the one lookup answer. */
export function buildRows(people: PersonOnItem[], lookup: LookupResponse | undefined): PersonRow[] {
  const matches = new Map<string, LookupMatch>();
  for (const match of lookup?.matches ?? []) matches.set(emailKey(match.email), match);
  return people.map((person) => {
    const match = matches.get(emailKey(person.email));
    const records = match?.records ?? [];
    const { badge, record } = chooseRecord(records);
    return { ...person, badge, record, otherRecords: Math.max(0, records.length - 1), opportunities: match?.opportunities ?? [] };
  });
}

/** A row after "Create contact" answered with the new record. */
export function withCreatedRecord(row: PersonRow, record: CrmRecord): PersonRow {
  return { ...row, badge: record.type, record };
}
