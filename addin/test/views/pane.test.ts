// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AddinApi, CrmLink } from '../../src/api/addin-api';
import { ApiError } from '../../src/api/api-error';
import type { OutlookItem } from '../../src/office/outlook-item';
import { OutlookItemError } from '../../src/office/read-item';
import { Pane } from '../../src/views/pane';
import { lookup, meeting } from './fixtures';

function fakeApi(overrides: Partial<AddinApi> = {}): AddinApi {
  return {
    me: vi.fn(),
    lookup: vi.fn(async () => lookup),
    createContact: vi.fn(async (r) => ({ type: r.asLead ? 'Lead' : 'Contact', id: '003NEW', name: `${r.firstName} ${r.lastName}`.trim() })),
    getCrmLink: vi.fn(async () => null),
    putCrmLink: vi.fn(async (): Promise<CrmLink> => ({ crmEventId: '00UEVT', relations: [{ id: '0REBOB', relationId: '003BOB', isWhat: false }] })),
    deleteCrmLink: vi.fn(async () => undefined),
    ...overrides,
  } as AddinApi;
}

let root: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = '<main id="pane"></main>';
  root = document.getElementById('pane')!;
});

async function open(item: OutlookItem, api = fakeApi(), saveItem = vi.fn(async () => 'SAVED-1')) {
  const pane = new Pane(root, { api, readItem: async () => item, saveItem });
  await pane.load();
  return { pane, api, saveItem };
}

const click = (el: Element | null | undefined) => {
  if (!el) throw new Error('element not found');
  el.dispatchEvent(new Event('click', { bubbles: true }));
};
const buttonNamed = (text: string) => [...root.querySelectorAll('fluent-button')].find((b) => b.textContent === text);
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('task pane', () => {
  it('looks everyone up in ONE call and shows badges, titles, accounts, opportunities and CRM links', async () => {
    const { api } = await open(meeting());
    expect(api.lookup).toHaveBeenCalledOnce();
    expect(api.lookup).toHaveBeenCalledWith(['erin@adatum.example', 'bob@fabrikam.com', 'carol@fabrikam.com']);
    const people = [...root.querySelectorAll('li.person')];
    expect(people.map((p) => p.querySelector('.badge')?.textContent)).toEqual(['Unknown', 'Contact', 'Lead']);
    expect(people[1]!.textContent).toContain('CTO');
    expect(people[1]!.textContent).toContain('Fabrikam');
    expect(people[1]!.textContent).toContain('Fabrikam rollout');
    expect(people[1]!.querySelector('a')?.getAttribute('href')).toBe('https://crm.example/lightning/r/Contact/003BOB/view');
    expect(people[1]!.querySelector('a')?.getAttribute('rel')).toContain('noopener');
    expect(root.querySelector('[role=status]')?.textContent).toBe('3 people, 2 found in the CRM.');
  });

  it('asks for the link of a meeting on open, and not for a message', async () => {
    const { api } = await open(meeting());
    expect(api.getCrmLink).toHaveBeenCalledWith('AAMk-meeting_1=');
    const message = await open(meeting({ kind: 'message', required: [], optional: [], recipients: [{ email: 'bob@fabrikam.com', displayName: 'Bob' }] }));
    expect(message.api.getCrmLink).not.toHaveBeenCalled();
    expect(root.querySelector('.relate')).toBeNull();
  });

  it('looks up at most 100 addresses and says so', async () => {
    const many = Array.from({ length: 120 }, (_, i) => ({ email: `p${i}@fabrikam.com`, displayName: `P ${i}` }));
    const { api } = await open(meeting({ organizer: undefined, required: many, optional: [] }));
    expect((api.lookup as ReturnType<typeof vi.fn>).mock.calls[0]![0]).toHaveLength(100);
    expect(root.querySelectorAll('li.person')).toHaveLength(120);
    expect(root.querySelector('[role=status]')?.textContent).toBe('120 people, 0 found in the CRM. Only the first 100 were looked up.');
  });

  it('asks to select an item when a pinned pane has none, without an error', async () => {
    const api = fakeApi();
    const pane = new Pane(root, { api, readItem: async () => Promise.reject(new OutlookItemError('none', true)), saveItem: vi.fn() });
    await pane.load();
    expect(root.querySelector('.empty')?.textContent).toContain('Select a message or meeting');
    expect((root.querySelector('[role=alert]') as HTMLElement).hidden).toBe(true);
    expect(api.lookup).not.toHaveBeenCalled();
  });

  it('shows the empty state without calling lookup when nobody else is on the item', async () => {
    const { api } = await open(meeting({ organizer: undefined, required: [], optional: [] }));
    expect(api.lookup).not.toHaveBeenCalled();
    expect(root.querySelector('.people .empty')?.textContent).toContain('nobody else');
  });

  it('shows an API failure in the alert region with field errors, and a retry', async () => {
    const failing = fakeApi({
      lookup: vi.fn(async () => {
        throw new ApiError({ status: 400, failure: 'http', title: 'Invalid request', fieldErrors: { emails: ['too many'] } });
      }),
    });
    await open(meeting(), failing);
    const alert = root.querySelector('[role=alert]') as HTMLElement;
    expect(alert.hidden).toBe(false);
    expect(alert.textContent).toContain('Invalid request');
    expect(alert.textContent).toContain('emails: too many');
    expect(buttonNamed('Try again')).toBeDefined();
  });

  it('creates a contact for an unknown address with the name prefilled, then shows its badge', async () => {
    const { api } = await open(meeting());
    click(buttonNamed('Create contact'));
    const form = root.querySelector('form.create') as HTMLFormElement;
    expect((form.querySelector('input[name=firstName]') as HTMLInputElement).value).toBe('Erin');
    expect((form.querySelector('input[name=lastName]') as HTMLInputElement).value).toBe('Gomez');
    expect(document.activeElement).toBe(form.querySelector('input[name=firstName]'));
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(api.createContact).toHaveBeenCalledWith({ email: 'erin@adatum.example', firstName: 'Erin', lastName: 'Gomez', asLead: false });
    expect(root.querySelector('form.create')).toBeNull();
    expect(root.querySelector('li.person .badge')?.textContent).toBe('Contact');
    expect(root.querySelector('[role=status]')?.textContent).toBe('Contact Erin Gomez created.');
  });

  it('creates a lead with a company, and refuses a lead without one', async () => {
    const { api } = await open(meeting());
    click(buttonNamed('Create contact'));
    const form = root.querySelector('form.create') as HTMLFormElement;
    const asLead = form.querySelector('input[name=asLead]') as HTMLInputElement;
    asLead.checked = true;
    asLead.dispatchEvent(new Event('change'));
    const company = form.querySelector('input[name=company]') as HTMLInputElement;
    expect(company.value).toBe('Adatum');
    company.value = '';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(form.querySelector('.form-errors')?.textContent).toContain('A lead needs a company.');
    expect(company.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(company);
    expect(api.createContact).not.toHaveBeenCalled();
    company.value = 'Adatum Corp';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(api.createContact).toHaveBeenCalledWith(expect.objectContaining({ asLead: true, company: 'Adatum Corp' }));
  });

  it('relates a meeting: contacts preselected, one opportunity, PUT, then the linked state', async () => {
    const { api } = await open(meeting());
    const form = root.querySelector('form.relate-form') as HTMLFormElement;
    const boxes = [...form.querySelectorAll<HTMLInputElement>('input[name=who]')];
    expect(boxes.map((b) => [b.value, b.checked])).toEqual([['003BOB', true], ['00QCAR', false]]);
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(api.putCrmLink).toHaveBeenCalledWith('AAMk-meeting_1=', expect.objectContaining({ whoIds: ['003BOB'], whatId: '006OPP' }));
    expect(root.querySelector('.linked')?.textContent).toContain('00UEVT');
    click(buttonNamed('Unlink'));
    await flush();
    expect(api.deleteCrmLink).toHaveBeenCalledWith('AAMk-meeting_1=');
    expect(root.querySelector('form.relate-form')).not.toBeNull();
  });

  it('shows why a lead cannot be related with an opportunity, without calling the API', async () => {
    const { api } = await open(meeting());
    const form = root.querySelector('form.relate-form') as HTMLFormElement;
    for (const box of form.querySelectorAll<HTMLInputElement>('input[name=who]')) box.checked = box.value === '00QCAR';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(form.querySelector('.form-errors')?.textContent).toContain('cannot also be related');
    expect(api.putCrmLink).not.toHaveBeenCalled();
  });

  it('saves a new draft meeting only when the user relates it, and sends the draft as it is then', async () => {
    const drafts = [meeting({ itemId: null, mode: 'compose' }), meeting({ itemId: null, mode: 'compose', subject: 'Renamed' })];
    const api = fakeApi();
    const saveItem = vi.fn(async () => 'SAVED-1');
    const pane = new Pane(root, { api, readItem: async () => drafts.shift()!, saveItem });
    await pane.load();
    expect(api.getCrmLink).not.toHaveBeenCalled();
    expect(saveItem).not.toHaveBeenCalled();
    (root.querySelector('form.relate-form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(saveItem).toHaveBeenCalledOnce();
    expect(api.putCrmLink).toHaveBeenCalledWith('SAVED-1', expect.objectContaining({ subject: 'Renamed' }));
  });

  it('shows an existing link on open', async () => {
    const linked = fakeApi({ getCrmLink: vi.fn(async () => ({ crmEventId: '00UOLD', relations: [] })) });
    await open(meeting(), linked);
    expect(root.querySelector('.linked')?.textContent).toContain('00UOLD');
    expect(root.querySelector('.linked ul')).toBeNull();
  });

  it('says when the link is the whole series of the occurrence opened', async () => {
    const series = fakeApi({ getCrmLink: vi.fn(async () => ({ crmEventId: '00USERIES', relations: [], series: true })) });
    await open(meeting(), series);
    expect(root.querySelector('.linked')?.textContent).toContain('00USERIES');
    expect(root.querySelector('.linked .series')?.textContent).toContain('whole series');
  });

  it('says nothing of a series for a single meeting', async () => {
    const single = fakeApi({ getCrmLink: vi.fn(async () => ({ crmEventId: '00UOLD', relations: [], series: false })) });
    await open(meeting(), single);
    expect(root.querySelector('.linked')?.textContent).toContain('00UOLD');
    expect(root.querySelector('.linked .series')).toBeNull();
  });

  it('names the related records by the ids the API relates (relationId), not by the EventRelation ids', async () => {
    const api = fakeApi({
      putCrmLink: vi.fn(async () => ({
        crmEventId: '00UEVT',
        relations: [
          { id: '0RE000000000001', relationId: '003BOB', isWhat: false },
          { id: '0RE000000000002', relationId: '006OPP', isWhat: true },
          { id: '0RE000000000003', relationId: '003ELSEWHERE', isWhat: false },
        ],
      })),
    });
    await open(meeting(), api);
    (root.querySelector('form.relate-form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    const related = [...root.querySelectorAll('.linked ul[aria-label="Related records"] li')].map((li) => li.textContent);
    expect(related).toEqual(['Bob Lee (Contact)', 'Opportunity: Fabrikam rollout (Proposal)', '003ELSEWHERE']);
  });

  it('ignores a slower earlier load when the pinned pane moved on', async () => {
    let release: (v: typeof lookup) => void = () => {};
    const slow = new Promise<typeof lookup>((r) => (release = r));
    const items = [meeting({ subject: 'First' }), meeting({ subject: 'Second' })];
    const api = fakeApi({ lookup: vi.fn().mockReturnValueOnce(slow).mockResolvedValue(lookup) });
    const pane = new Pane(root, { api, readItem: async () => items.shift()!, saveItem: vi.fn() });
    const first = pane.load();
    await pane.load();
    release(lookup);
    await first;
    expect(root.querySelector('h1')?.textContent).toBe('Second');
  });
});
