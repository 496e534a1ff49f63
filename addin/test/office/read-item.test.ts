import { OfficeMockObject } from 'office-addin-mock';
import { describe, expect, it, vi } from 'vitest';
import { OutlookItemError, onItemChanged, readCurrentItem, saveCurrentItem } from '../../src/office/read-item';

type Details = { emailAddress: string; displayName: string };
const bob: Details = { emailAddress: 'bob@fabrikam.com', displayName: 'Bob Lee' };
const carol: Details = { emailAddress: 'carol@fabrikam.com', displayName: 'Carol Smith' };
const alice: Details = { emailAddress: 'alice@contoso.com', displayName: 'Alice Wilson' };
const start = new Date('2026-11-23T14:00:00Z');
const end = new Date('2026-11-23T15:00:00Z');

const ok = <T>(value: T) => ({ status: 'succeeded', value });
const getter = <T>(value: T) => ({ getAsync: (cb: (r: unknown) => void) => cb(ok(value)) });

/** An office-addin-mock mailbox around `item`, with Outlook's EWS → REST id conversion. */
function mailbox(item: Record<string, unknown>): Office.Mailbox {
  const mock = new OfficeMockObject({
    host: 'outlook',
    context: {
      mailbox: {
        item,
        userProfile: { emailAddress: alice.emailAddress, displayName: alice.displayName },
        convertToRestId: (id: string, version: string) => {
          expect(version).toBe('v2.0');
          return id.replace(/\//g, '-').replace(/\+/g, '_');
        },
        addHandlerAsync: vi.fn(),
      },
    },
  });
  return mock.context.mailbox as unknown as Office.Mailbox;
}

describe('readCurrentItem in read mode', () => {
  it('reads an appointment as attendee: organizer, attendees, times, REST id', async () => {
    const item = await readCurrentItem(
      mailbox({
        itemType: 'appointment',
        itemId: 'AAMk/abc+def=',
        subject: 'Review',
        start,
        end,
        location: 'Room 4',
        organizer: bob,
        requiredAttendees: [alice, carol],
        optionalAttendees: [{ emailAddress: '  ', displayName: 'Nobody' }],
      }),
    );
    expect(item).toMatchObject({
      itemId: 'AAMk-abc_def=',
      kind: 'appointment',
      mode: 'read',
      mailbox: 'alice@contoso.com',
      subject: 'Review',
      location: 'Room 4',
      organizer: { email: 'bob@fabrikam.com', displayName: 'Bob Lee' },
      required: [
        { email: 'alice@contoso.com', displayName: 'Alice Wilson' },
        { email: 'carol@fabrikam.com', displayName: 'Carol Smith' },
      ],
      optional: [],
      recipients: [],
    });
    expect(item.start?.toISOString()).toBe(start.toISOString());
    expect(item.end?.toISOString()).toBe(end.toISOString());
  });

  it('reads a received message: sender as organizer, To and Cc as recipients, no times', async () => {
    const item = await readCurrentItem(
      mailbox({
        itemType: 'message',
        itemId: 'MSG/1',
        subject: 'Pricing',
        from: { emailAddress: 'grace@tailspin.example', displayName: '' },
        to: [alice],
        cc: [bob],
      }),
    );
    expect(item.kind).toBe('message');
    expect(item.mode).toBe('read');
    expect(item.itemId).toBe('MSG-1');
    expect(item.organizer).toEqual({ email: 'grace@tailspin.example', displayName: 'grace@tailspin.example' });
    expect(item.recipients.map((p) => p.email)).toEqual(['alice@contoso.com', 'bob@fabrikam.com']);
    expect(item.required).toEqual([]);
    expect(item.start).toBeUndefined();
  });

  it('reports a pinned pane without a selected item as noItem', async () => {
    const nothingSelected = { item: null, userProfile: { emailAddress: alice.emailAddress } } as unknown as Office.Mailbox;
    const error = await readCurrentItem(nothingSelected).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutlookItemError);
    expect((error as OutlookItemError).noItem).toBe(true);
  });

  it('refuses an item type the pane does not handle', async () => {
    await expect(readCurrentItem(mailbox({ itemType: 'task', subject: 'x' }))).rejects.toThrow(OutlookItemError);
  });
});

describe('readCurrentItem in compose mode', () => {
  function composeAppointment(overrides: Record<string, unknown> = {}) {
    return {
      itemType: 'appointment',
      subject: getter('Planning'),
      start: getter(start),
      end: getter(end),
      location: getter('Teams'),
      isAllDayEvent: getter(true),
      organizer: getter(alice),
      requiredAttendees: getter([bob]),
      optionalAttendees: getter([carol]),
      getItemIdAsync: (cb: (r: unknown) => void) =>
        cb({ status: 'failed', error: { code: 9058, message: 'ItemNotSaved' } }),
      saveAsync: vi.fn((cb: (r: unknown) => void) => cb(ok('NEW/ID+1='))),
      ...overrides,
    };
  }

  it('reads every field with getAsync and has no id until saved', async () => {
    const raw = composeAppointment();
    const item = await readCurrentItem(mailbox(raw));
    expect(item).toMatchObject({
      itemId: null,
      kind: 'appointment',
      mode: 'compose',
      subject: 'Planning',
      location: 'Teams',
      isAllDay: true,
      organizer: { email: 'alice@contoso.com' },
      required: [{ email: 'bob@fabrikam.com' }],
      optional: [{ email: 'carol@fabrikam.com' }],
    });
    expect(item.start?.getTime()).toBe(start.getTime());
    expect(raw.saveAsync).not.toHaveBeenCalled();
  });

  it('takes the id of an already saved draft from getItemIdAsync', async () => {
    const raw = composeAppointment({ getItemIdAsync: (cb: (r: unknown) => void) => cb(ok('SAVED/1')) });
    expect((await readCurrentItem(mailbox(raw))).itemId).toBe('SAVED-1');
  });

  it('reads a message being written: To and Cc through getAsync', async () => {
    const item = await readCurrentItem(
      mailbox({ itemType: 'message', subject: getter('Hello'), to: getter([bob]), cc: getter([carol]), from: getter(alice) }),
    );
    expect(item.mode).toBe('compose');
    expect(item.recipients.map((p) => p.email)).toEqual(['bob@fabrikam.com', 'carol@fabrikam.com']);
  });

  it('surfaces a failed read with Outlook’s message', async () => {
    const raw = composeAppointment({
      requiredAttendees: { getAsync: (cb: (r: unknown) => void) => cb({ status: 'failed', error: { code: 5001, message: 'Internal error' } }) },
    });
    await expect(readCurrentItem(mailbox(raw))).rejects.toThrow(/required attendees \(5001\): Internal error/);
  });

  it('saveCurrentItem saves through saveAsync and returns the REST id', async () => {
    const raw = composeAppointment();
    await expect(saveCurrentItem(mailbox(raw))).resolves.toBe('NEW-ID_1=');
    expect(raw.saveAsync).toHaveBeenCalledOnce();
  });
});

describe('pinned pane', () => {
  it('subscribes to ItemChanged and calls the handler', () => {
    const box = mailbox({ itemType: 'message', subject: 'x' });
    const handler = vi.fn();
    onItemChanged(handler, box);
    const add = box.addHandlerAsync as unknown as ReturnType<typeof vi.fn>;
    expect(add).toHaveBeenCalledWith('olkItemSelectedChanged', expect.any(Function));
    (add.mock.calls[0]![1] as () => void)();
    expect(handler).toHaveBeenCalledOnce();
  });
});
