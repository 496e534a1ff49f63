import { describe, expect, it } from 'vitest';
import { buildRows, collectPeople } from '../../src/views/people-model';
import { buildLinkRequest, validateRelation, whatOptions, whoCandidates } from '../../src/views/relate-model';
import { lookup, meeting } from './fixtures';

const rows = buildRows(collectPeople(meeting()), lookup);
const bob = rows.find((r) => r.email === 'bob@fabrikam.com')!;
const carol = rows.find((r) => r.email === 'carol@fabrikam.com')!;

describe('relate model', () => {
  it('offers opportunities first, then accounts, each once', () => {
    expect(whatOptions([...rows, bob]).map((o) => [o.kind, o.id])).toEqual([
      ['Opportunity', '006OPP'],
      ['Account', '001FAB'],
    ]);
  });

  it('offers only people with a CRM record', () => {
    expect(whoCandidates(rows).map((r) => r.email)).toEqual(['bob@fabrikam.com', 'carol@fabrikam.com']);
  });

  it('applies Salesforce’s rules for leads', () => {
    expect(validateRelation([], undefined)).toEqual(['Choose at least one contact or lead.']);
    expect(validateRelation([bob], '006OPP')).toEqual([]);
    expect(validateRelation([carol], undefined)).toEqual([]);
    expect(validateRelation([bob, carol], undefined)).toHaveLength(1);
    expect(validateRelation([carol], '006OPP')).toEqual(['A meeting with a lead cannot also be related to an opportunity or account.']);
  });

  it('builds the PUT body from the meeting and the choice', () => {
    expect(buildLinkRequest(meeting(), [bob], '006OPP')).toEqual({
      subject: 'Rollout planning',
      start: '2026-11-23T14:00:00.000Z',
      end: '2026-11-23T15:00:00.000Z',
      isAllDay: false,
      location: 'Teams',
      attendees: ['erin@adatum.example', 'bob@fabrikam.com', 'carol@fabrikam.com'],
      whoIds: ['003BOB'],
      whatId: '006OPP',
    });
    expect(buildLinkRequest(meeting({ location: undefined }), [carol], undefined)).not.toHaveProperty('whatId');
  });
});
