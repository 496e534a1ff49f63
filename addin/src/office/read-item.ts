import type { ItemKind, OutlookItem, Person } from './outlook-item';

/**
 * The only module that reads the Outlook item through Office.js (`Office.context.mailbox`).
 *
 * Read mode exposes plain properties; compose mode exposes objects whose values are read with
 * `getAsync`. Office.js is a global in the pane (loaded from Microsoft's CDN, or the local shim in
 * preview), so the functions take the mailbox as a parameter with the global as default; tests
 * pass an office-addin-mock object.
 *
 * Item ids: Outlook hands out EWS-format ids (base64 with `/`, `+`, `=`). The pane sends the REST
 * format instead (`convertToRestId`, v2.0: the same bytes with `-` and `_`), which is also
 * Microsoft Graph's event id. It needs no `%2F` in the URL path (ASP.NET Core does not decode
 * `%2F` in route values) and matches the ids the Graph connector stores; for the EWS backend the
 * API maps it back (`-`→`/`, `_`→`+`, or EWS ConvertId).
 */

type Mailbox = Office.Mailbox;

interface AsyncGetter<T> {
  getAsync(callback: (result: Office.AsyncResult<T>) => void): void;
}

/** Something read the same way in both modes: a value in read mode, a getter in compose mode. */
type Either<T> = T | AsyncGetter<T> | undefined;

// Structural views of the item: Office's typings split read and compose into separate
// interfaces, but at run time one object arrives and its shape tells the mode.
interface AnyItem {
  itemType: string;
  itemId?: string;
  subject: Either<string>;
  start?: Either<Date>;
  end?: Either<Date>;
  location?: Either<string>;
  isAllDayEvent?: Either<boolean>;
  organizer?: Either<Office.EmailAddressDetails>;
  requiredAttendees?: Either<Office.EmailAddressDetails[]>;
  optionalAttendees?: Either<Office.EmailAddressDetails[]>;
  from?: Either<Office.EmailAddressDetails>;
  to?: Either<Office.EmailAddressDetails[]>;
  cc?: Either<Office.EmailAddressDetails[]>;
  getItemIdAsync?(callback: (result: Office.AsyncResult<string>) => void): void;
  saveAsync?(callback: (result: Office.AsyncResult<string>) => void): void;
}

/**
 * Raised when Outlook has no item open (`noItem`: a pinned pane with nothing selected) or refuses
 * a read; the message is safe to show.
 */
export class OutlookItemError extends Error {
  constructor(
    message: string,
    readonly noItem = false,
  ) {
    super(message);
    this.name = 'OutlookItemError';
  }
}

function defaultMailbox(): Mailbox {
  return Office.context.mailbox;
}

function isGetter<T>(value: Either<T>): value is AsyncGetter<T> {
  return typeof value === 'object' && value !== null && typeof (value as AsyncGetter<T>).getAsync === 'function';
}

function callAsync<T>(what: string, start: (callback: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    start((result) => {
      if (String(result.status) === 'succeeded') {
        resolve(result.value);
      } else {
        const code = result.error?.code !== undefined ? ` (${result.error.code})` : '';
        reject(new OutlookItemError(`Outlook could not ${what}${code}: ${result.error?.message ?? 'unknown error'}`));
      }
    });
  });
}

async function read<T>(what: string, value: Either<T>): Promise<T | undefined> {
  return isGetter(value) ? callAsync(`read the ${what}`, (cb) => value.getAsync(cb)) : value;
}

function toPerson(details: Office.EmailAddressDetails | undefined | null): Person | undefined {
  const email = details?.emailAddress?.trim();
  if (!email) return undefined;
  return { email, displayName: details?.displayName?.trim() || email };
}

function toPeople(list: Office.EmailAddressDetails[] | undefined): Person[] {
  return (list ?? []).map(toPerson).filter((p): p is Person => p !== undefined);
}

function toDate(value: Date | string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function kindOf(item: AnyItem): ItemKind {
  if (item.itemType === 'appointment') return 'appointment';
  if (item.itemType === 'message') return 'message';
  throw new OutlookItemError(`This item type (${item.itemType}) is not supported.`);
}

function currentItem(mailbox: Mailbox): AnyItem {
  const item = mailbox.item as unknown as AnyItem | null | undefined;
  if (!item) throw new OutlookItemError('No Outlook item is selected.', true);
  return item;
}

function toRestId(mailbox: Mailbox, ewsId: string): string {
  return mailbox.convertToRestId(ewsId, 'v2.0');
}

/** Compose items that were saved before carry an id (Mailbox 1.8); new ones have none yet. */
async function composeItemId(item: AnyItem): Promise<string | null> {
  if (typeof item.getItemIdAsync !== 'function') return null;
  try {
    return await callAsync<string>('read the item id', (cb) => item.getItemIdAsync!(cb));
  } catch {
    return null; // not saved yet: Outlook answers ItemNotSaved
  }
}

/** Reads the open item in read or compose mode. */
export async function readCurrentItem(mailbox: Mailbox = defaultMailbox()): Promise<OutlookItem> {
  const item = currentItem(mailbox);
  const kind = kindOf(item);
  const mode = isGetter(item.subject) ? 'compose' : 'read';
  const owner = mailbox.userProfile?.emailAddress ?? '';

  const ewsId = mode === 'read' ? (item.itemId ?? null) : await composeItemId(item);
  const [subject, start, end, isAllDay, location, organizer] = await Promise.all([
    read('subject', item.subject),
    kind === 'appointment' ? read('start time', item.start) : undefined,
    kind === 'appointment' ? read('end time', item.end) : undefined,
    kind === 'appointment' ? read('all-day flag', item.isAllDayEvent) : undefined,
    kind === 'appointment' ? read('location', item.location) : undefined,
    read('organizer', kind === 'appointment' ? item.organizer : item.from),
  ]);
  const [required, optional, to, cc] = await Promise.all(
    kind === 'appointment'
      ? [read('required attendees', item.requiredAttendees), read('optional attendees', item.optionalAttendees), undefined, undefined]
      : [undefined, undefined, read('To recipients', item.to), read('Cc recipients', item.cc)],
  );

  const result: OutlookItem = {
    itemId: ewsId ? toRestId(mailbox, ewsId) : null,
    kind,
    mode,
    mailbox: owner,
    subject: subject ?? '',
    required: toPeople(required),
    optional: toPeople(optional),
    recipients: kind === 'message' ? [...toPeople(to), ...toPeople(cc)] : [],
  };
  const organizerPerson = toPerson(organizer);
  if (organizerPerson) result.organizer = organizerPerson;
  if (kind === 'appointment') {
    const startDate = toDate(start);
    const endDate = toDate(end);
    if (startDate) result.start = startDate;
    if (endDate) result.end = endDate;
    if (typeof isAllDay === 'boolean') result.isAllDay = isAllDay;
    if (location) result.location = location;
  }
  return result;
}

/**
 * Saves a compose item and returns its REST-format id. Called only when the user links the
 * meeting: saving on open would store drafts the user never asked for.
 */
export async function saveCurrentItem(mailbox: Mailbox = defaultMailbox()): Promise<string> {
  const item = currentItem(mailbox);
  if (typeof item.saveAsync !== 'function') {
    if (item.itemId) return toRestId(mailbox, item.itemId);
    throw new OutlookItemError('This item cannot be saved.');
  }
  const ewsId = await callAsync<string>('save the item', (cb) => item.saveAsync!(cb));
  return toRestId(mailbox, ewsId);
}

/** Calls `handler` when the user selects another item while the pane is pinned. */
export function onItemChanged(handler: () => void, mailbox: Mailbox = defaultMailbox()): void {
  if (typeof mailbox.addHandlerAsync === 'function') {
    // Office.EventType.ItemChanged, spelled out so that tests need no Office global.
    mailbox.addHandlerAsync('olkItemSelectedChanged' as unknown as Office.EventType, () => handler());
  }
}

/** Resolves once Office.js (or the preview shim) has initialised inside Outlook. */
export async function officeReady(): Promise<void> {
  await Office.onReady();
}
