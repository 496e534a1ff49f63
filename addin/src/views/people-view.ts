import { button, h, uid } from './dom';
import type { PersonRow } from './people-model';

const badgeColor = { Contact: 'brand', Lead: 'warning', Unknown: 'subtle' } as const;

function personItem(row: PersonRow, onCreate: (email: string) => void): HTMLElement {
  const record = row.record;
  const nameId = uid('person');
  const account = record?.account?.name ?? record?.company ?? undefined;
  const details = h(
    'div',
    { class: 'details' },
    h('span', { class: 'email' }, row.email),
    record?.title ? h('span', {}, record.title) : null,
    account ? h('span', {}, account) : null,
    h('span', { class: 'roles' }, row.roles.join(', ')),
    row.otherRecords > 0 ? h('span', {}, `${row.otherRecords} more record(s) with this address`) : null,
  );
  const opportunities = row.opportunities.length
    ? h(
        'ul',
        { class: 'opportunities', 'aria-label': `Open opportunities of ${row.displayName}` },
        ...row.opportunities.map((o) =>
          h('li', {}, o.name, o.stage ? ` · ${o.stage}` : '', o.closeDate ? ` · closes ${o.closeDate}` : ''),
        ),
      )
    : null;
  const actions = record?.url
    ? h('a', { href: record.url, target: '_blank', rel: 'noopener noreferrer', class: 'crm-link' }, `Open ${record.type.toLowerCase()} in CRM`)
    : !record
      ? button('Create contact', () => onCreate(row.email))
      : null;
  return h(
    'li',
    { class: 'person', 'aria-labelledby': nameId },
    h(
      'div',
      { class: 'person-head' },
      h('span', { class: 'name', id: nameId }, record?.name ?? row.displayName),
      h('fluent-badge', { appearance: 'tint', color: badgeColor[row.badge], class: 'badge' }, row.badge),
    ),
    details,
    opportunities,
    actions,
  );
}

/** Everyone on the item with what the CRM knows about them. */
export function renderPeople(rows: PersonRow[], onCreate: (email: string) => void): HTMLElement {
  const section = h('section', { class: 'people', 'aria-labelledby': 'people-heading', tabindex: '-1' }, h('h2', { id: 'people-heading' }, 'People'));
  if (rows.length === 0) {
    section.append(h('p', { class: 'empty' }, 'There is nobody else on this item.'));
    return section;
  }
  section.append(h('ul', { class: 'person-list' }, ...rows.map((row) => personItem(row, onCreate))));
  return section;
}
