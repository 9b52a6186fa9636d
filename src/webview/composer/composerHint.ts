import { SLASH_COMMANDS } from '../../core/composer/slashCommands';
import { h } from '../dom';

export const STREAMING_HINT = 'Enter stops the answer and sends';

/**
 * The line under the prompt: why a draft was not sent (an unknown command), what a command did, the /help
 * list, and, while an answer streams, what Enter will do. Read out politely by screen readers.
 */
export class ComposerHint {
  private readonly note = h('div', { id: 'composer-note', hidden: true });
  private readonly streaming = h('div', { id: 'streaming-hint', text: STREAMING_HINT, hidden: true });
  readonly element = h('div', { id: 'composer-hint', attrs: { role: 'status', 'aria-live': 'polite' } }, [this.note, this.streaming]);

  show(text: string, tone: 'info' | 'problem'): void {
    this.note.className = `composer-note ${tone}`;
    this.note.replaceChildren(text);
    this.note.hidden = false;
  }

  showHelp(): void {
    this.note.className = 'composer-note help';
    this.note.replaceChildren(
      h('div', { text: 'Commands (start a message with // to send a slash as text; @persona asks one persona):' }),
      h('dl', {}, SLASH_COMMANDS.flatMap((c) => [h('dt', { text: c.usage }), h('dd', { text: c.description })])),
    );
    this.note.hidden = false;
  }

  clear(): void {
    this.note.hidden = true;
    this.note.replaceChildren();
  }

  get showing(): boolean {
    return !this.note.hidden;
  }

  setStreaming(streaming: boolean): void {
    this.streaming.hidden = !streaming;
  }
}
