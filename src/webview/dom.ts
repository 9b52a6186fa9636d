/** Small DOM builders, so views read as structure instead of createElement/setAttribute noise. */

export interface ElementProps {
  id?: string;
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
  hidden?: boolean;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  children: Array<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.id) element.id = props.id;
  if (props.className) element.className = props.className;
  if (props.text !== undefined) element.textContent = props.text;
  if (props.hidden) element.hidden = true;
  if (props.attrs) for (const [name, value] of Object.entries(props.attrs)) element.setAttribute(name, value);
  if (children.length > 0) element.append(...children);
  return element;
}

export function codicon(name: string): HTMLElement {
  return h('i', { className: `codicon codicon-${name}`, attrs: { 'aria-hidden': 'true' } });
}

export interface ButtonProps {
  icon?: string;
  /**
   * Visible text; when absent the button shows only its icon and `label` is its accessible name. With text, the
   * text is the name (speech input users say what they see) and `label` is the tooltip and description.
   */
  text?: string;
  label: string;
  id?: string;
  className?: string;
  hidden?: boolean;
}

export function button(props: ButtonProps): HTMLButtonElement {
  const children: Array<Node | string> = [];
  if (props.icon) children.push(codicon(props.icon));
  if (props.text) children.push(h('span', { text: props.text }));
  return h('button', {
    id: props.id,
    className: props.className,
    hidden: props.hidden,
    attrs: props.text ? { type: 'button', title: props.label } : { type: 'button', 'aria-label': props.label, title: props.label },
  }, children);
}
