import { applyCompletion, type CompletionContext, type CompletionQuery, completionsAt } from '../../core/composer/completions';
import { CompletionPopup } from './completionPopup';

const LIST_LABELS: Record<CompletionQuery['kind'], string> = { command: 'Commands', argument: 'Values', persona: 'Personas' };

/**
 * Keeps the completion list in step with the prompt: it opens while the caret is in a `/command`, its argument,
 * or an `@mention`, and takes the keys that belong to the list while it is open.
 */
export class CompletionController {
  readonly popup: CompletionPopup;
  private query: CompletionQuery | undefined;

  constructor(private readonly prompt: HTMLTextAreaElement, private readonly context: () => CompletionContext, private readonly changed: () => void) {
    this.popup = new CompletionPopup(prompt, (index) => this.accept(index));
    prompt.addEventListener('input', () => this.refresh());
    prompt.addEventListener('click', () => this.refresh());
    prompt.addEventListener('blur', () => this.close());
  }

  refresh(): void {
    const { value, selectionStart, selectionEnd } = this.prompt;
    this.query = selectionStart === selectionEnd ? completionsAt(value, selectionStart, this.context()) : undefined;
    if (this.query) this.popup.show(this.query.items, LIST_LABELS[this.query.kind]);
    else this.popup.hide();
  }

  close(): void {
    this.query = undefined;
    this.popup.hide();
  }

  /** True when the key was the list's (the composer must not act on it too). */
  handleKey(event: KeyboardEvent): boolean {
    if (!this.popup.isOpen || !this.query) return false;
    const plain = !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      this.popup.move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Escape') {
      this.close();
    } else if (event.key === 'Enter' && plain && this.typedInFull()) {
      // Enter on a word typed in full ("/new", "/model", "/web on") runs it; only Tab adds the space after it.
      this.close();
      return false;
    } else if ((event.key === 'Tab' || event.key === 'Enter') && plain) {
      this.accept(this.popup.activeIndex);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  /** The active option is exactly what is already typed, so accepting it would only add a space. */
  private typedInFull(): boolean {
    const item = this.query?.items[this.popup.activeIndex];
    return item !== undefined && this.query !== undefined && this.prompt.value.slice(this.query.from, this.query.to) === item.insert.trim();
  }

  private accept(index: number): void {
    const query = this.query;
    const item = query?.items[index];
    this.close();
    if (!query || !item) return;
    const next = applyCompletion(this.prompt.value, query, item);
    this.prompt.value = next.text;
    this.prompt.setSelectionRange(next.caret, next.caret);
    this.prompt.focus();
    this.changed();
    // An accepted command that takes an argument goes straight on to list its values.
    this.refresh();
  }
}
