import { codicon, h } from '../dom';
import { wt } from '../../core/l10n/webviewMessages';

/** Pause in typing before a search is sent: one request per word rather than per key. */
export const SEARCH_DELAY_MS = 200;

/**
 * The search field of the history view. It reports the query after a pause in typing, at once on Enter, and
 * not while an IME composition is open (a half-built Hangul syllable is not a query). A plain text box rather
 * than `type=search`, whose Escape would clear the text instead of closing the view.
 */
export class SearchBox {
  readonly input = h('input', {
    id: 'history-search',
    attrs: { type: 'text', role: 'searchbox', 'aria-label': wt('history.search'), placeholder: wt('history.search'), spellcheck: 'false', maxlength: '1000', autocomplete: 'off' },
  });
  readonly element = h('div', { className: 'history-search' }, [codicon('search'), this.input]);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private composing = false;

  constructor(private readonly onQuery: (query: string) => void, onArrowDown: () => void) {
    this.input.addEventListener('input', () => {
      if (!this.composing) this.schedule();
    });
    this.input.addEventListener('compositionstart', () => { this.composing = true; });
    this.input.addEventListener('compositionend', () => {
      this.composing = false;
      this.schedule();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        this.flush();
      } else if (event.key === 'ArrowDown') {
        event.preventDefault();
        onArrowDown();
      }
    });
  }

  get value(): string {
    return this.input.value.trim();
  }

  set(value: string): void {
    this.input.value = value;
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  /** Reports the query now instead of after the pause. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.onQuery(this.value);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SEARCH_DELAY_MS);
  }
}
