/** A person named on an Outlook item: the address and the name Outlook shows for it. */
export interface Person {
  email: string;
  displayName: string;
}

export type ItemKind = 'appointment' | 'message';
export type ItemMode = 'read' | 'compose';

/**
 * The open Outlook item, read once through Office.js and handed to the views as plain data.
 *
 * `itemId` is the Exchange item id in REST format (see read-item.ts for why), or null for a
 * compose item that has never been saved: the pane saves it only when the user links it.
 */
export interface OutlookItem {
  itemId: string | null;
  kind: ItemKind;
  mode: ItemMode;
  /** The signed-in mailbox's own address, so the views can leave the user out of the people list. */
  mailbox: string;
  subject: string;
  start?: Date;
  end?: Date;
  isAllDay?: boolean;
  location?: string;
  organizer?: Person;
  /** Meetings: required attendees. Messages: empty. */
  required: Person[];
  /** Meetings: optional attendees. Messages: empty. */
  optional: Person[];
  /** Messages: sender, To and Cc. Meetings: empty. */
  recipients: Person[];
}
