import type { CrmLink } from '../api/addin-api';
import { button, h, submitOnEnter, uid } from './dom';
import type { LinkState } from './pane';
import type { PersonRow } from './people-model';
import { validateRelation, whatOptions, whoCandidates } from './relate-model';

export interface RelateHandlers {
  link: (who: PersonRow[], whatId: string | undefined) => Promise<void>;
  unlink: () => Promise<void>;
}

/** As the relate form names them ("Bob Lee (Contact)", "Opportunity: …"); the bare id for records the lookup did not bring. */
function relationLabels(rows: PersonRow[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const row of whoCandidates(rows)) labels.set(row.record!.id, `${row.record!.name} (${row.record!.type})`);
  for (const what of whatOptions(rows)) labels.set(what.id, `${what.kind}: ${what.label}`);
  return labels;
}

function linkedSummary(link: CrmLink, rows: PersonRow[], handlers: RelateHandlers, edit: () => void): HTMLElement {
  const labels = relationLabels(rows);
  return h(
    'div',
    { class: 'linked' },
    h('p', {}, h('fluent-badge', { appearance: 'filled', color: 'success' }, 'Linked'), ` CRM event ${link.crmEventId}`),
    link.series ? h('p', { class: 'series' }, 'The whole series is related: the link applies to every occurrence.') : null,
    link.relations.length
      ? h('ul', { 'aria-label': 'Related records' }, ...link.relations.map((r) => h('li', {}, labels.get(r.relationId) ?? r.relationId)))
      : null,
    h('div', { class: 'actions' }, button('Change', edit, 'secondary'), button('Unlink', () => void handlers.unlink(), 'subtle')),
  );
}

function relateForm(rows: PersonRow[], handlers: RelateHandlers): HTMLElement {
  const candidates = whoCandidates(rows);
  if (candidates.length === 0) {
    return h('p', { class: 'empty' }, 'Nobody on this meeting is in the CRM yet. Create a contact first.');
  }
  const who = h('fieldset', {}, h('legend', {}, 'People'),
    ...candidates.map((row) => {
      const box = h('input', { type: 'checkbox', name: 'who', value: row.record!.id, id: uid('who'), checked: row.record!.type === 'Contact' }) as HTMLInputElement;
      return h('div', { class: 'field checkbox' }, box, h('label', { for: box.id }, `${row.record!.name} (${row.record!.type})`));
    }));
  const options = whatOptions(rows);
  const radio = (id: string, label: string, checked: boolean) => {
    const input = h('input', { type: 'radio', name: 'what', value: id, id: uid('what'), checked }) as HTMLInputElement;
    return h('div', { class: 'field checkbox' }, input, h('label', { for: input.id }, label));
  };
  const what = h('fieldset', {}, h('legend', {}, 'Opportunity or account'),
    radio('', 'None', options.length === 0), ...options.map((o, i) => radio(o.id, `${o.kind}: ${o.label}`, i === 0)));
  const problems = h('ul', { class: 'form-errors', 'aria-live': 'assertive' });
  const form = h('form', { class: 'relate-form', novalidate: true }, who, what, problems) as HTMLFormElement;
  submitOnEnter(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const ids = new Set([...form.querySelectorAll<HTMLInputElement>('input[name=who]')].filter((b) => b.checked).map((b) => b.value));
    const selected = candidates.filter((r) => ids.has(r.record!.id));
    const whatId = form.querySelector<HTMLInputElement>('input[name=what]:checked')?.value || undefined;
    const errors = validateRelation(selected, whatId);
    problems.replaceChildren(...errors.map((e) => h('li', {}, e)));
    if (errors.length === 0) void handlers.link(selected, whatId);
  });
  form.append(h('div', { class: 'actions' }, button('Relate to CRM', () => form.requestSubmit(), 'primary')));
  return form;
}

/** "Relate to CRM" for meetings: the linked state, or the form to pick people and one what. */
export function renderRelate(rows: PersonRow[], link: LinkState, handlers: RelateHandlers): HTMLElement {
  const section = h('section', { class: 'relate', 'aria-labelledby': 'relate-heading' }, h('h2', { id: 'relate-heading' }, 'Relate to CRM'));
  const showForm = () => {
    section.replaceChildren(section.firstChild!, relateForm(rows, handlers));
    section.querySelector<HTMLElement>('input')?.focus();
  };
  if (link.state === 'linked') section.append(linkedSummary(link.link, rows, handlers, showForm));
  else section.append(relateForm(rows, handlers));
  return section;
}
