import type { CompletionItem } from '../../core/composer/completions';
import { h } from '../dom';

/**
 * The list under `/` and `@`: an ARIA listbox the prompt owns. Focus never leaves the prompt; the active option
 * is announced through `aria-activedescendant`, so typing goes on while arrows move through the list.
 */
export class CompletionPopup {
  readonly element = h('ul', { id: 'composer-completions', attrs: { role: 'listbox' }, hidden: true });
  private items: readonly CompletionItem[] = [];
  private active = 0;

  constructor(private readonly input: HTMLTextAreaElement, private readonly onPick: (index: number) => void) {
    input.setAttribute('aria-controls', this.element.id);
    input.setAttribute('aria-autocomplete', 'list');
    // Pressing the mouse on an option must not take focus (and the caret) away from the prompt.
    this.element.addEventListener('mousedown', (event) => event.preventDefault());
    this.element.addEventListener('click', (event) => {
      const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
      if (option?.dataset.index !== undefined) this.onPick(Number(option.dataset.index));
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  get activeIndex(): number {
    return this.active;
  }

  show(items: readonly CompletionItem[], label: string): void {
    this.items = items;
    this.active = 0;
    this.element.setAttribute('aria-label', label);
    this.element.replaceChildren(...items.map((item, index) =>
      h('li', { id: `completion-${index}`, attrs: { role: 'option', 'data-index': String(index), 'aria-selected': 'false' } }, [
        h('span', { className: 'completion-label', text: item.label }),
        h('span', { className: 'completion-detail', text: item.detail }),
      ])));
    this.element.hidden = false;
    this.highlight();
  }

  hide(): void {
    if (!this.isOpen) return;
    this.element.hidden = true;
    this.element.replaceChildren();
    this.items = [];
    this.input.removeAttribute('aria-activedescendant');
  }

  /** Moves the active option, wrapping at both ends as VS Code's own suggest widget does. */
  move(delta: number): void {
    if (this.items.length === 0) return;
    this.active = (this.active + delta + this.items.length) % this.items.length;
    this.highlight();
  }

  private highlight(): void {
    this.element.querySelectorAll<HTMLElement>('[role="option"]').forEach((option, index) => {
      option.setAttribute('aria-selected', String(index === this.active));
    });
    const current = this.element.querySelector<HTMLElement>(`#completion-${this.active}`);
    if (!current) return;
    this.input.setAttribute('aria-activedescendant', current.id);
    current.scrollIntoView({ block: 'nearest' });
  }
}
