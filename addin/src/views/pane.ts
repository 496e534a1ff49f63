import type { AddinApi, CrmLink, CrmRecord } from '../api/addin-api';
import { maxLookupEmails } from '../api/addin-api';
import { ApiError } from '../api/api-error';
import type { OutlookItem } from '../office/outlook-item';
import { OutlookItemError } from '../office/read-item';
import { renderCreateForm } from './create-contact-view';
import { h } from './dom';
import { buildRows, collectPeople, withCreatedRecord, type PersonRow } from './people-model';
import { renderPeople } from './people-view';
import { buildLinkRequest } from './relate-model';
import { renderRelate } from './relate-view';

/** What the pane needs from the outside; taskpane.ts wires Office.js, tests wire fakes. */
export interface PaneDeps {
  api: AddinApi;
  readItem: () => Promise<OutlookItem>;
  /** Compose mode: saves the item so it has an id to link by. */
  saveItem: () => Promise<string>;
}

export type LinkState = { state: 'unknown' } | { state: 'none' } | { state: 'linked'; link: CrmLink };

interface PaneState {
  item: OutlookItem;
  rows: PersonRow[];
  link: LinkState;
  creatingFor: string | undefined;
}

/** A readable sentence for any failure; ApiError and AuthError messages are written for people. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.fieldMessages();
    return fields.length ? `${error.message} ${fields.join('; ')}` : error.message;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/**
 * The task pane: reads the item, looks everyone up in ONE call, renders people, the create form
 * and (for meetings) the CRM link. Status goes to a polite live region, errors to an alert.
 */
export class Pane {
  private state: PaneState | undefined;
  private readonly status: HTMLElement;
  private readonly alert: HTMLElement;
  private readonly content: HTMLElement;
  private loadCount = 0;

  constructor(
    root: HTMLElement,
    private readonly deps: PaneDeps,
  ) {
    this.status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.alert = h('div', { class: 'alert', role: 'alert', hidden: true });
    this.content = h('div', { class: 'content', 'aria-busy': 'false' });
    root.replaceChildren(this.alert, this.status, this.content);
  }

  say(message: string): void {
    this.status.textContent = message;
  }

  showError(error: unknown): void {
    this.alert.hidden = false;
    this.alert.replaceChildren(h('strong', {}, 'Error: '), errorText(error));
  }

  clearError(): void {
    this.alert.hidden = true;
    this.alert.replaceChildren();
  }

  /** (Re)loads everything for the open item; also called when a pinned pane moves to another item. */
  async load(): Promise<void> {
    const load = ++this.loadCount;
    const stale = () => load !== this.loadCount;
    this.clearError();
    this.content.setAttribute('aria-busy', 'true');
    this.content.replaceChildren(h('fluent-spinner', { size: 'small', 'aria-label': 'Loading' }));
    this.say('Loading…');
    try {
      const item = await this.deps.readItem();
      const people = collectPeople(item);
      const emails = people.map((p) => p.email).slice(0, maxLookupEmails);
      const [lookup, link] = await Promise.all([
        emails.length ? this.deps.api.lookup(emails) : undefined,
        this.loadLink(item),
      ]);
      if (stale()) return;
      this.state = { item, rows: buildRows(people, lookup), link, creatingFor: undefined };
      this.render();
      const known = this.state.rows.filter((r) => r.record).length;
      const capped = people.length > emails.length ? ` Only the first ${emails.length} were looked up.` : '';
      this.say(people.length === 0 ? 'No other people on this item.' : `${people.length} people, ${known} found in the CRM.${capped}`);
    } catch (error) {
      if (stale()) return;
      this.state = undefined;
      if (error instanceof OutlookItemError && error.noItem) {
        this.content.replaceChildren(h('p', { class: 'empty' }, 'Select a message or meeting to see its people in the CRM.'));
        this.say('');
        return;
      }
      this.content.replaceChildren(h('p', { class: 'empty' }, 'Nothing to show.'), this.retryButton());
      this.say('');
      this.showError(error);
    } finally {
      if (!stale()) this.content.setAttribute('aria-busy', 'false');
    }
  }

  private async loadLink(item: OutlookItem): Promise<LinkState> {
    if (item.kind !== 'appointment') return { state: 'unknown' };
    if (!item.itemId) return { state: 'none' };
    const link = await this.deps.api.getCrmLink(item.itemId);
    return link ? { state: 'linked', link } : { state: 'none' };
  }

  private retryButton(): HTMLElement {
    const retry = h('fluent-button', { appearance: 'secondary', type: 'button' }, 'Try again');
    retry.addEventListener('click', () => void this.load());
    return retry;
  }

  render(): void {
    const state = this.state;
    if (!state) return;
    const { item } = state;
    const heading = h(
      'header',
      {},
      h('h1', {}, item.subject || '(no subject)'),
      h('p', { class: 'meta' }, item.kind === 'appointment' ? 'Meeting' : 'Message', item.mode === 'compose' ? ' (draft)' : ''),
    );
    const sections: HTMLElement[] = [heading, renderPeople(state.rows, (email) => this.openCreate(email))];
    const creating = state.rows.find((r) => r.email === state.creatingFor);
    if (creating) {
      sections.push(
        renderCreateForm(creating, state.rows, {
          submit: (request) => this.createRecord(creating, request),
          cancel: () => this.openCreate(undefined),
        }),
      );
    }
    if (item.kind === 'appointment') {
      sections.push(
        renderRelate(state.rows, state.link, {
          link: (whoRows, whatId) => this.link(whoRows, whatId),
          unlink: () => this.unlink(),
        }),
      );
    }
    this.content.replaceChildren(...sections);
  }

  private openCreate(email: string | undefined): void {
    if (!this.state) return;
    this.state.creatingFor = email;
    this.render();
    const target = email
      ? this.content.querySelector<HTMLElement>('form.create input')
      : this.content.querySelector<HTMLElement>('.people');
    target?.focus();
  }

  private async createRecord(row: PersonRow, request: Parameters<AddinApi['createContact']>[0]): Promise<void> {
    this.clearError();
    this.say(request.asLead ? 'Creating lead…' : 'Creating contact…');
    let record: CrmRecord;
    try {
      record = await this.deps.api.createContact(request);
    } catch (error) {
      this.say('');
      this.showError(error);
      return;
    }
    if (!this.state) return;
    this.state.rows = this.state.rows.map((r) => (r.email === row.email ? withCreatedRecord(r, record) : r));
    this.state.creatingFor = undefined;
    this.render();
    this.say(`${record.type} ${record.name} created.`);
  }

  private async link(whoRows: PersonRow[], whatId: string | undefined): Promise<void> {
    const state = this.state;
    if (!state) return;
    this.clearError();
    this.say('Relating the meeting to the CRM…');
    try {
      // A draft may have changed since the pane loaded: send what it says now.
      const item = state.item.mode === 'compose' ? await this.deps.readItem() : state.item;
      const itemId = item.itemId ?? state.item.itemId ?? (await this.deps.saveItem());
      state.item = { ...item, itemId };
      const link = await this.deps.api.putCrmLink(itemId, buildLinkRequest(state.item, whoRows, whatId));
      state.link = { state: 'linked', link };
      this.render();
      this.say('Meeting related to the CRM.');
    } catch (error) {
      this.say('');
      this.showError(error);
    }
  }

  private async unlink(): Promise<void> {
    const state = this.state;
    if (!state?.item.itemId) return;
    this.clearError();
    this.say('Removing the CRM link…');
    try {
      await this.deps.api.deleteCrmLink(state.item.itemId);
      state.link = { state: 'none' };
      this.render();
      this.say('The meeting is no longer related to the CRM.');
    } catch (error) {
      this.say('');
      this.showError(error);
    }
  }
}
