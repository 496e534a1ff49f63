import { describe, expect, it } from 'vitest';
import { buildRows, chooseRecord, collectPeople, companyFromEmail, splitName, withCreatedRecord } from '../../src/views/people-model';
import { bobContact, bobLead, carolLead, lookup, meeting } from './fixtures';

describe('collectPeople', () => {
  it('lists everyone once, case-insensitively, without the mailbox owner or non-SMTP addresses', () => {
    const people = collectPeople(meeting());
    expect(people.map((p) => p.email)).toEqual(['erin@adatum.example', 'bob@fabrikam.com', 'carol@fabrikam.com']);
  });

  it('keeps every role and prefers a real display name over the bare address', () => {
    const bob = collectPeople(meeting()).find((p) => p.email === 'bob@fabrikam.com')!;
    expect(bob.roles).toEqual(['Required', 'Optional']);
    expect(bob.displayName).toBe('Bob Lee');
  });

  it('uses sender and recipients for a message', () => {
    const people = collectPeople(
      meeting({
        kind: 'message',
        organizer: { email: 'grace@tailspin.example', displayName: 'Grace Hall' },
        required: [],
        optional: [],
        recipients: [
          { email: 'alice@contoso.com', displayName: 'Alice' },
          { email: 'grace@tailspin.example', displayName: 'Grace' },
        ],
      }),
    );
    expect(people).toEqual([{ email: 'grace@tailspin.example', displayName: 'Grace Hall', roles: ['From', 'To/Cc'] }]);
  });
});

describe('splitName', () => {
  it.each([
    ['Bob Lee', 'bob@x.com', 'Bob', 'Lee'],
    ['Lee, Bob', 'bob@x.com', 'Bob', 'Lee'],
    ['Mary Ann van Dyke', 'm@x.com', 'Mary Ann van', 'Dyke'],
    ['Bob Lee (Fabrikam)', 'bob@x.com', 'Bob', 'Lee'],
    ['"Lee, Bob"', 'bob@x.com', 'Bob', 'Lee'],
    ['bob.lee@fabrikam.com', 'bob.lee@fabrikam.com', 'Bob', 'Lee'],
    ['', 'dan_park+crm@northwind.example', 'Dan', 'Park'],
    ['Madonna', 'm@x.com', '', 'Madonna'],
    ['', 'info@x.com', '', 'Info'],
  ])('%j <%s> → %j %j', (display, email, firstName, lastName) => {
    expect(splitName(display, email)).toEqual({ firstName, lastName });
  });
});

describe('companyFromEmail', () => {
  it('guesses the company from the domain, but not from free-mail domains', () => {
    expect(companyFromEmail('bob@fabrikam.com')).toBe('Fabrikam');
    expect(companyFromEmail('bob@mail.fabrikam.co.uk')).toBe('Fabrikam');
    expect(companyFromEmail('bob@gmail.com')).toBe('');
  });
});

describe('badge choice', () => {
  it('prefers a contact over a lead, a lead over nothing', () => {
    expect(chooseRecord([bobLead, bobContact])).toEqual({ badge: 'Contact', record: bobContact });
    expect(chooseRecord([carolLead])).toEqual({ badge: 'Lead', record: carolLead });
    expect(chooseRecord([])).toEqual({ badge: 'Unknown', record: undefined });
  });

  it('joins the lookup by address without case and counts duplicate records', () => {
    const rows = buildRows(collectPeople(meeting()), lookup);
    expect(rows.map((r) => [r.email, r.badge, r.otherRecords])).toEqual([
      ['erin@adatum.example', 'Unknown', 0],
      ['bob@fabrikam.com', 'Contact', 1],
      ['carol@fabrikam.com', 'Lead', 0],
    ]);
    expect(rows[1]!.opportunities.map((o) => o.id)).toEqual(['006OPP']);
  });

  it('shows a created record at once', () => {
    const [erin] = buildRows(collectPeople(meeting()), lookup);
    const created = withCreatedRecord(erin!, { type: 'Lead', id: '00QERIN', name: 'Erin Gomez' });
    expect(created.badge).toBe('Lead');
    expect(created.record?.id).toBe('00QERIN');
  });
});
