type Attrs = Record<string, string | boolean | undefined>;
type Child = Node | string | null | undefined | false;

/** Creates an element; `true` attributes are set empty, `false`/undefined ones left out. Text is never parsed as HTML. */
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

let nextId = 0;
/** A page-unique id for label/aria wiring. */
export const uid = (prefix: string): string => `${prefix}-${++nextId}`;

/** A labelled native input (Fluent-styled by CSS; native controls keep forms and screen readers simple). */
export function field(label: string, input: HTMLInputElement | HTMLSelectElement): HTMLElement {
  input.id ||= uid('f');
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input);
}

export function button(label: string, onClick: () => void, appearance: 'primary' | 'secondary' | 'subtle' = 'secondary'): HTMLElement {
  const b = h('fluent-button', { appearance, type: 'button' }, label);
  b.addEventListener('click', onClick);
  return b;
}

/**
 * Enter in a field submits the form. Browsers do that only through a native submit button, and
 * the Fluent buttons are custom elements, so forms with several fields would otherwise ignore Enter.
 */
export function submitOnEnter(form: HTMLFormElement): void {
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
}
