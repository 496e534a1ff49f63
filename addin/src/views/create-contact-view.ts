import type { CreateContactRequest } from '../api/addin-api';
import { button, field, h, submitOnEnter, uid } from './dom';
import { companyFromEmail, splitName, type PersonRow } from './people-model';

export interface CreateHandlers {
  submit: (request: CreateContactRequest) => Promise<void>;
  cancel: () => void;
}

function input(name: string, value = '', required = false): HTMLInputElement {
  const element = h('input', { name, type: 'text', autocomplete: 'off', required }) as HTMLInputElement;
  element.value = value;
  return element;
}

/** The create form for an unknown address; names prefilled from the display name. */
export function renderCreateForm(row: PersonRow, rows: PersonRow[], handlers: CreateHandlers): HTMLFormElement {
  const { firstName, lastName } = splitName(row.displayName, row.email);
  const first = input('firstName', firstName);
  const last = input('lastName', lastName, true);
  const title = input('title');
  const asLead = h('input', { name: 'asLead', type: 'checkbox', id: uid('lead') }) as HTMLInputElement;
  const company = input('company', companyFromEmail(row.email));
  const companyField = field('Company', company);
  companyField.hidden = true;

  const accounts = new Map<string, string>();
  for (const r of rows) if (r.record?.account) accounts.set(r.record.account.id, r.record.account.name);
  const account = h('select', { name: 'accountId' }, h('option', { value: '' }, 'No account'),
    ...[...accounts].map(([id, name]) => h('option', { value: id }, name))) as HTMLSelectElement;
  const accountField = field('Account', account);
  accountField.hidden = accounts.size === 0;

  asLead.addEventListener('change', () => {
    companyField.hidden = !asLead.checked;
    company.required = asLead.checked;
    accountField.hidden = asLead.checked || accounts.size === 0;
  });

  const headingId = uid('create');
  const form = h(
    'form',
    { class: 'create', 'aria-labelledby': headingId, novalidate: true },
    h('h2', { id: headingId }, `New CRM record for ${row.email}`),
    field('First name', first),
    field('Last name (required)', last),
    field('Title', title),
    h('div', { class: 'field checkbox' }, asLead, h('label', { for: asLead.id }, 'Create as lead')),
    companyField,
    accountField,
  ) as HTMLFormElement;

  submitOnEnter(form);
  const problems = h('ul', { class: 'form-errors', id: `${headingId}-errors`, 'aria-live': 'assertive' });
  let busy = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    const errors: string[] = [];
    if (!last.value.trim()) errors.push('Last name is required.');
    if (asLead.checked && !company.value.trim()) errors.push('A lead needs a company.');
    problems.replaceChildren(...errors.map((e) => h('li', {}, e)));
    const invalid = [
      [last, !last.value.trim()],
      [company, asLead.checked && !company.value.trim()],
    ] as const;
    for (const [element, bad] of invalid) {
      element.setAttribute('aria-invalid', String(bad));
      if (bad) element.setAttribute('aria-describedby', problems.id);
      else element.removeAttribute('aria-describedby');
    }
    invalid.find(([, bad]) => bad)?.[0].focus();
    if (errors.length) return;
    const request: CreateContactRequest = {
      email: row.email,
      firstName: first.value.trim(),
      lastName: last.value.trim(),
      asLead: asLead.checked,
    };
    if (title.value.trim()) request.title = title.value.trim();
    if (asLead.checked) request.company = company.value.trim();
    else if (account.value) request.accountId = account.value;
    busy = true;
    void handlers.submit(request).finally(() => (busy = false));
  });
  form.append(
    problems,
    h('div', { class: 'actions' }, button('Create', () => form.requestSubmit(), 'primary'), button('Cancel', handlers.cancel, 'subtle')),
  );
  return form;
}
