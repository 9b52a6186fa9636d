import { h } from '../dom';
import { wt } from '../../core/l10n/webviewMessages';

/** The store keeps titles this long at most; the protocol refuses longer ones. */
const MAX_TITLE = 500;

/**
 * Renames a row in place: the title becomes a text box with the title selected. Enter or leaving the box keeps
 * the new title, Escape puts the old one back (and does not close the history view). An empty or unchanged
 * title is no rename. The new title shows at once; the host's next list confirms it.
 */
export function beginRename(row: HTMLElement, onRename: (title: string) => void, onEnd: () => void): void {
  const title = row.querySelector<HTMLElement>('.entry-title');
  if (!title || row.querySelector('.entry-rename')) return;
  const original = title.textContent ?? '';
  const input = h('input', {
    className: 'entry-rename',
    attrs: { type: 'text', 'aria-label': wt('history.titleInput'), maxlength: String(MAX_TITLE), spellcheck: 'false' },
  });
  input.value = original;
  let done = false;

  /** `refocus`: after Enter or Escape focus goes back to the row; after a click elsewhere it stays there. */
  const finish = (keep: boolean, refocus: boolean): void => {
    if (done) return;
    done = true;
    const next = input.value.trim().replace(/\s+/g, ' ');
    const renamed = keep && next.length > 0 && next !== original;
    title.textContent = renamed ? next : original;
    input.replaceWith(title);
    row.classList.remove('renaming');
    if (refocus) row.focus();
    if (renamed) onRename(next);
    onEnd();
  };

  input.addEventListener('keydown', (event) => {
    // Enter that confirms an IME composition (Korean, Japanese…) is not the end of the rename.
    if (event.key === 'Enter' && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      event.stopPropagation();
      finish(true, true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      finish(false, true);
    }
  });
  input.addEventListener('blur', () => finish(true, false));
  // Clicks in the box place the caret; they must not reach the row, which would open the conversation.
  input.addEventListener('click', (event) => event.stopPropagation());

  row.classList.add('renaming');
  title.replaceWith(input);
  input.focus();
  input.select();
}
