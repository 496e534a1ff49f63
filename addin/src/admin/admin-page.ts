import { button, h } from '../views/dom';
import type { AdminApi, SyncConfiguration, SyncRun, SyncStatus } from './admin-api';
import { alert, section, show } from './admin-sections';
import { ConnectionCards } from './connection-cards';
import { renderActivityChart } from './activity-chart';
import {
  activitySummary,
  activityText,
  countsText,
  describeError,
  lastSuccess,
  mailboxState,
  objectOptionsText,
  runFinished,
  runText,
  timeText,
  unresolvedItems,
  userRows,
  type UserRow,
} from './admin-model';

export interface AdminPageOptions {
  api: AdminApi;
  /** Time between two polls of a running sync. */
  pollMs?: number;
  /** How many status requests run at once. */
  concurrency?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface UserState {
  row: UserRow;
  status?: SyncStatus;
  error?: string;
  run?: SyncRun;
  runError?: string;
  tr: HTMLTableRowElement;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));


/**
 * The admin page: connections (with tests), sync configurations, every user's sync status (with
 * "Sync now" and "Retry"), and a chart of items synced per hour. Each part loads on its own, so one
 * failing call leaves the others readable.
 */
export class AdminPage {
  readonly status: HTMLElement;
  private readonly api: AdminApi;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly users = new Map<string, UserState>();
  private readonly parts;

  constructor(root: HTMLElement, options: AdminPageOptions) {
    this.api = options.api;
    this.pollMs = options.pollMs ?? 1000;
    this.concurrency = options.concurrency ?? 4;
    this.sleep = options.sleep ?? defaultSleep;
    this.status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.parts = {
      connections: section('connections', 'Connections'),
      activity: section('activity', 'Items synced per hour'),
      configurations: section('configurations', 'Sync configurations'),
      users: section('users', 'Users'),
    };
    root.replaceChildren(
      h('header', { class: 'admin-header' }, h('h1', {}, 'OutlookCrm administration'), this.status),
      this.parts.connections.element,
      this.parts.activity.element,
      this.parts.configurations.element,
      this.parts.users.element,
    );
  }

  /** Loads every part at once; resolves when all have settled (each shows its own failure). */
  async load(): Promise<void> {
    this.announce('Loading…');
    await Promise.all([new ConnectionCards(this.api, (text) => this.announce(text)).load(this.parts.connections.body), this.loadActivity(), this.loadConfigurationsAndUsers()]);
    // A test or sync started while the rest loaded has said something newer: keep it.
    if (this.status.textContent === 'Loading…') this.announce('Loaded.');
  }

  announce(text: string): void {
    this.status.textContent = text;
  }

  // ---- Activity ----------------------------------------------------------------------------

  private async loadActivity(): Promise<void> {
    const body = this.parts.activity.body;
    try {
      const hours = await this.api.activity(7);
      const summary = h('p', { class: 'meta' }, activityText(activitySummary(hours)));
      show(body, summary, h('div', { class: 'chart' }, renderActivityChart(hours)));
    } catch (error) {
      show(body, alert(describeError(error)));
    }
  }

  // ---- Configurations and users ------------------------------------------------------------

  private async loadConfigurationsAndUsers(): Promise<void> {
    let configurations: SyncConfiguration[];
    try {
      configurations = await this.api.configurations();
    } catch (error) {
      const message = describeError(error);
      show(this.parts.configurations.body, alert(message));
      show(this.parts.users.body, alert(`The users could not be listed: ${message}`));
      return;
    }
    if (configurations.length === 0) {
      const empty = 'No sync configurations yet. Create one with PUT /api/admin/sync-configurations/{name}.';
      show(this.parts.configurations.body, h('p', { class: 'empty' }, empty));
      show(this.parts.users.body, h('p', { class: 'empty' }, 'No users: add them to a sync configuration.'));
      return;
    }
    show(this.parts.configurations.body, this.configurationTable(configurations));
    await this.loadUsers(userRows(configurations));
  }

  private configurationTable(configurations: SyncConfiguration[]): HTMLElement {
    return h(
      'table',
      { class: 'configurations' },
      h('caption', {}, `${configurations.length} sync configuration${configurations.length === 1 ? '' : 's'}`),
      h('thead', {}, h('tr', {}, ...['Name', 'Active', 'Contacts', 'Events', 'Users'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...configurations.map((c) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, c.name),
            h('td', {}, c.active ? 'Yes' : 'No'),
            h('td', {}, objectOptionsText(c.contacts)),
            h('td', {}, `${objectOptionsText(c.events)}; from ${c.events.syncFrom}${c.events.includePrivate ? ', private included' : ''}`),
            h('td', {}, c.users.length === 0 ? '—' : c.users.join(', ')),
          ),
        ),
      ),
    );
  }

  private async loadUsers(rows: UserRow[]): Promise<void> {
    const tbody = h('tbody', {});
    const table = h(
      'table',
      { class: 'users' },
      h('caption', {}, `${rows.length} user${rows.length === 1 ? '' : 's'}`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Mailbox', 'Configuration', 'State', 'Last success', 'Contacts', 'Events', 'Errors', 'Unresolved', 'Actions'].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      tbody,
    );
    this.users.clear();
    for (const row of rows) {
      const tr = h('tr', { 'data-mailbox': row.mailbox }) as HTMLTableRowElement;
      const state: UserState = { row, tr };
      this.users.set(row.mailbox, state);
      tbody.append(tr);
      this.renderUser(state);
    }
    show(this.parts.users.body, h('div', { class: 'table-scroll' }, table));

    const queue = [...this.users.values()];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await this.refreshUser(next);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
  }

  private async refreshUser(state: UserState): Promise<void> {
    try {
      state.status = await this.api.status(state.row.mailbox);
      delete state.error;
    } catch (error) {
      state.error = describeError(error);
    }
    this.renderUser(state);
  }

  private renderUser(state: UserState): void {
    const { row, status } = state;
    const cells: HTMLElement[] = [
      h('th', { scope: 'row' }, row.mailbox),
      h('td', {}, row.active ? row.configuration : `${row.configuration} (inactive)`),
    ];
    if (state.error) {
      cells.push(h('td', { colspan: '6' }, h('span', { class: 'alert inline' }, state.error)));
    } else if (!status) {
      cells.push(h('td', { colspan: '6', 'aria-busy': 'true' }, 'Loading…'));
    } else {
      const { label, health } = mailboxState(status);
      const errors = [...status.contacts.errors, ...status.events.errors];
      const unresolved = unresolvedItems(status);
      cells.push(
        h('td', {}, h('span', { class: `pill ${health}` }, label)),
        h('td', {}, timeText(lastSuccess(status))),
        h('td', {}, this.counts(status.contacts)),
        h('td', {}, this.counts(status.events)),
        h(
          'td',
          {},
          errors.length === 0
            ? '0'
            : h(
                'details',
                {},
                h('summary', {}, `${errors.length} in the last run`),
                h('ul', {}, ...errors.map((e) => h('li', {}, h('code', {}, e.code), ` ${e.item}: ${e.message}`))),
              ),
        ),
        h(
          'td',
          {},
          unresolved.length === 0
            ? '0'
            : h(
                'ul',
                { class: 'unresolved' },
                ...unresolved.map((item) =>
                  h(
                    'li',
                    {},
                    h('span', {}, `${item.kind === 'contacts' ? 'Contact' : 'Event'} ${item.item}: `, h('code', {}, item.code), ` ${item.message} (${item.attempts} attempts) `),
                    this.retryButton(state, item.id, item.item),
                  ),
                ),
              ),
        ),
      );
    }
    cells.push(h('td', { class: 'actions-cell' }, this.runCell(state)));
    state.tr.replaceChildren(...cells);
  }

  private counts(status: SyncStatus['contacts']): HTMLElement {
    return h(
      'dl',
      { class: 'counts' },
      h('dt', {}, 'Created'),
      h('dd', {}, countsText(status.created)),
      h('dt', {}, 'Updated'),
      h('dd', {}, countsText(status.updated)),
      h('dt', {}, 'Deleted'),
      h('dd', {}, countsText(status.deleted)),
    );
  }

  private retryButton(state: UserState, id: number, item: string): HTMLElement {
    const b = button('Retry', () => void this.retry(state, id, item, b));
    b.setAttribute('aria-label', `Retry ${item} for ${state.row.mailbox}`);
    return b;
  }

  private async retry(state: UserState, id: number, item: string, b: HTMLElement): Promise<void> {
    b.setAttribute('disabled', '');
    try {
      await this.api.retry(state.row.mailbox, id);
      this.announce(`${item} of ${state.row.mailbox} will be tried again on the next run.`);
      await this.refreshUser(state);
    } catch (error) {
      b.removeAttribute('disabled');
      this.announce(`Retry of ${item} failed: ${describeError(error)}`);
    }
  }

  private runCell(state: UserState): HTMLElement {
    const running = state.run && !runFinished(state.run);
    const b = button('Sync now', () => void this.syncNow(state), 'secondary');
    b.setAttribute('aria-label', `Sync ${state.row.mailbox} now`);
    if (running || !state.row.active) b.setAttribute('disabled', '');
    const cell = h('div', { class: 'run' }, b);
    if (state.run) {
      const progress = h('progress', { 'aria-label': `Sync of ${state.row.mailbox}` }) as HTMLProgressElement;
      if (state.run.progress.total > 0) {
        progress.max = state.run.progress.total;
        progress.value = state.run.progress.done;
      }
      if (runFinished(state.run)) progress.value = progress.max;
      cell.append(progress, h('span', { class: 'run-text' }, runText(state.run)));
    }
    if (state.runError) cell.append(h('span', { class: 'alert inline' }, state.runError));
    return cell;
  }

  /** Queues a run, then polls it until it ends, showing its progress; the row's status is read again at the end. */
  async syncNow(state: UserState | string): Promise<void> {
    const user = typeof state === 'string' ? this.users.get(state) : state;
    if (!user) return;
    const mailbox = user.row.mailbox;
    delete user.runError;
    try {
      const { id } = await this.api.startRun(mailbox);
      user.run = { id, mailbox, state: 'queued', progress: { done: 0, total: 0 } };
      this.renderUser(user);
      this.announce(`Sync of ${mailbox} queued.`);
      while (!runFinished(user.run)) {
        await this.sleep(this.pollMs);
        user.run = await this.api.run(id);
        this.renderUser(user);
      }
      this.announce(`Sync of ${mailbox}: ${runText(user.run)}.`);
      await this.refreshUser(user);
    } catch (error) {
      user.runError = describeError(error);
      this.renderUser(user);
      this.announce(`Sync of ${mailbox} could not be followed: ${user.runError}`);
    }
  }
}
