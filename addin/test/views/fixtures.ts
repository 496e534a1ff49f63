import type { CrmRecord, LookupResponse } from '../../src/api/addin-api';
import type { OutlookItem } from '../../src/office/outlook-item';

export const bobContact: CrmRecord = {
  type: 'Contact',
  id: '003BOB',
  name: 'Bob Lee',
  title: 'CTO',
  account: { id: '001FAB', name: 'Fabrikam' },
  url: 'https://crm.example/lightning/r/Contact/003BOB/view',
};
export const bobLead: CrmRecord = { type: 'Lead', id: '00QBOB', name: 'Bob Lee', company: 'Fabrikam', url: 'https://crm.example/lead' };
export const carolLead: CrmRecord = { type: 'Lead', id: '00QCAR', name: 'Carol Smith', company: 'Fabrikam Ltd', url: 'https://crm.example/l2' };

export function meeting(overrides: Partial<OutlookItem> = {}): OutlookItem {
  return {
    itemId: 'AAMk-meeting_1=',
    kind: 'appointment',
    mode: 'read',
    mailbox: 'alice@contoso.com',
    subject: 'Rollout planning',
    start: new Date('2026-11-23T14:00:00Z'),
    end: new Date('2026-11-23T15:00:00Z'),
    location: 'Teams',
    organizer: { email: 'erin@adatum.example', displayName: 'Erin Gomez' },
    required: [
      { email: 'Alice@Contoso.com', displayName: 'Alice Wilson' },
      { email: 'bob@fabrikam.com', displayName: 'bob@fabrikam.com' },
      { email: 'carol@fabrikam.com', displayName: 'Smith, Carol' },
    ],
    optional: [
      { email: 'BOB@fabrikam.com', displayName: 'Bob Lee' },
      { email: '/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=x', displayName: 'Legacy' },
    ],
    recipients: [],
    ...overrides,
  };
}

export const lookup: LookupResponse = {
  matches: [
    { email: 'erin@adatum.example', records: [] },
    {
      email: 'bob@fabrikam.com',
      records: [bobLead, bobContact],
      opportunities: [{ id: '006OPP', name: 'Fabrikam rollout', stage: 'Proposal', closeDate: '2026-12-31' }],
    },
    { email: 'carol@fabrikam.com', records: [carolLead], opportunities: [] },
  ],
};
