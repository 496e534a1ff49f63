import { h } from '../views/dom';

/** A section with a heading, and a body that shows loading, empty, error or content. */
export function section(id: string, title: string): { element: HTMLElement; body: HTMLElement } {
  const headingId = `${id}-heading`;
  const body = h('div', { class: 'section-body', 'aria-busy': 'true' }, h('p', { class: 'loading' }, 'Loading…'));
  const element = h('section', { id, 'aria-labelledby': headingId }, h('h2', { id: headingId }, title), body);
  return { element, body };
}

export function show(body: HTMLElement, ...content: Node[]): void {
  body.replaceChildren(...content);
  body.setAttribute('aria-busy', 'false');
}

export const alert = (text: string) => h('p', { class: 'alert', role: 'alert' }, text);
