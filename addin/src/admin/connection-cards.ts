import { button, field, h, submitOnEnter, uid } from '../views/dom';
import type { AdminApi, ConnectionTestResult } from './admin-api';
import { connectionFields, describeError, limitsText, stepRows } from './admin-model';
import { alert, show } from './admin-sections';

/** The connections part of the admin page: each stored connection with a "Test" that shows every step. */
export class ConnectionCards {
  constructor(
    private readonly api: AdminApi,
    private readonly announce: (text: string) => void,
  ) {}

  async load(body: HTMLElement): Promise<void> {
    const [exchange, crm] = await Promise.allSettled([this.api.exchangeConnection(), this.api.crmConnection()]);
    const exchangeCard = this.connectionCard('Exchange', 'exchange', exchange, (result) => this.testExchange(result));
    const crmCard = this.connectionCard('CRM', 'crm', crm, (result) => this.testCrm(result));
    show(body, h('div', { class: 'cards' }, exchangeCard, crmCard));
  }

  private connectionCard(
    title: string,
    key: 'exchange' | 'crm',
    answer: PromiseSettledResult<object>,
    test: (result: HTMLElement) => HTMLElement,
  ): HTMLElement {
    const headingId = uid(`${key}-connection`);
    const card = h('article', { class: 'card', 'aria-labelledby': headingId }, h('h3', { id: headingId }, title));
    if (answer.status === 'rejected') {
      card.append(alert(describeError(answer.reason)));
      return card;
    }
    const list = h('dl', { class: 'fields' });
    for (const [name, value] of connectionFields(answer.value)) list.append(h('dt', {}, name), h('dd', {}, value));
    const result = h('div', { class: 'test-result', id: `${key}-test-result` });
    card.append(list, test(result), result);
    return card;
  }

  private testExchange(result: HTMLElement): HTMLElement {
    const mailbox = h('input', { type: 'email', name: 'mailbox', required: true, autocomplete: 'off' }) as HTMLInputElement;
    mailbox.placeholder = 'alice@contoso.com';
    const form = h('form', { class: 'test-form', 'aria-label': 'Test the Exchange connection' }, field('Mailbox to test', mailbox)) as HTMLFormElement;
    const run = async () => {
      const address = mailbox.value.trim();
      if (!address) {
        mailbox.setAttribute('aria-invalid', 'true');
        result.replaceChildren(alert('Enter a mailbox to test.'));
        mailbox.focus();
        return;
      }
      mailbox.removeAttribute('aria-invalid');
      await this.runTest('Exchange', result, () => this.api.testExchange(address));
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void run();
    });
    submitOnEnter(form);
    form.append(h('div', { class: 'actions' }, button('Test Exchange', () => void run(), 'primary')));
    return form;
  }

  private testCrm(result: HTMLElement): HTMLElement {
    return h('div', { class: 'actions' }, button('Test CRM', () => void this.runTest('CRM', result, () => this.api.testCrm()), 'primary'));
  }

  private async runTest(name: string, result: HTMLElement, call: () => Promise<ConnectionTestResult>): Promise<void> {
    result.setAttribute('aria-busy', 'true');
    result.replaceChildren(h('p', { class: 'loading' }, `Testing the ${name} connection…`));
    this.announce(`Testing the ${name} connection…`);
    try {
      const answer = await call();
      result.replaceChildren(...this.testResult(name, answer));
      this.announce(`${name} connection test ${answer.ok ? 'passed' : 'failed'} in ${answer.elapsedMs} ms.`);
    } catch (error) {
      result.replaceChildren(alert(describeError(error)));
      this.announce(`${name} connection test could not run.`);
    } finally {
      result.setAttribute('aria-busy', 'false');
    }
  }

  private testResult(name: string, answer: ConnectionTestResult): Node[] {
    const verdict = h(
      'p',
      { class: answer.ok ? 'verdict ok' : 'verdict failed' },
      `${answer.ok ? 'Passed' : 'Failed'} in ${answer.elapsedMs} ms`,
    );
    const table = h(
      'table',
      { class: 'steps' },
      h('caption', {}, `${name} test steps`),
      h('thead', {}, h('tr', {}, ...['Step', 'Result', 'Code', 'Message', 'Hint', 'Time'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...stepRows(answer).map((step) =>
          h(
            'tr',
            { class: `step-${step.result.replace(' ', '-')}` },
            h('th', { scope: 'row' }, step.name),
            h('td', {}, h('span', { class: `pill ${step.result === 'passed' ? 'ok' : step.result === 'failed' ? 'error' : 'muted'}` }, step.result)),
            h('td', {}, h('code', {}, step.code)),
            h('td', {}, step.message),
            h('td', {}, step.hint),
            h('td', { class: 'num' }, step.elapsed),
          ),
        ),
      ),
    );
    const limits = limitsText(answer);
    return [verdict, table, ...(limits ? [h('p', { class: 'limits' }, limits)] : [])];
  }
}
