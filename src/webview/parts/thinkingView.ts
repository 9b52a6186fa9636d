import type { ReasoningPart } from '../../core/turn/turnParts';
import { codicon, h } from '../dom';
import { renderMarkdownInto } from '../markdown/renderMarkdown';
import { wt } from '../../core/l10n/webviewMessages';

/**
 * The turn's Thinking section. While the model reasons it is open, streams the summary (each summary part
 * its own paragraph, as text) and counts "Thinking… 12 s"; when reasoning ends it collapses to
 * "Thought for 12 s". Opened later, the summary is rendered as sanitised Markdown, once. A reader who opens or
 * closes it by hand is never overruled.
 */
export class ThinkingView {
  readonly element = h('details', { className: 'reasoning', hidden: true });
  private readonly label = h('span', { className: 'reasoning-label' });
  private readonly body = h('div', { className: 'reasoning-text' });
  private parts: ReasoningPart[] = [];
  private live = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private markdownShown = false;
  /** What this view last set `open` to; a toggle that disagrees was the reader's. */
  private openedByView = false;
  private readerToggled = false;

  constructor() {
    const chevron = codicon('chevron-right');
    chevron.classList.add('reasoning-chevron');
    this.element.append(h('summary', {}, [chevron, codicon('lightbulb'), this.label]), this.body);
    this.element.addEventListener('toggle', () => {
      if (this.element.open !== this.openedByView) this.readerToggled = true;
      if (this.element.open && this.isEmpty) this.setOpen(false);
      else if (this.element.open) this.showMarkdown();
    });
  }

  /** Shows the reasoning of a turn from scratch. */
  render(parts: readonly ReasoningPart[], live: boolean): void {
    this.parts = parts.map((p) => ({ ...p, paragraphs: [...p.paragraphs] }));
    this.live = live;
    this.markdownShown = false;
    this.element.hidden = parts.length === 0;
    this.element.classList.toggle('empty', this.isEmpty);
    this.body.replaceChildren(...this.paragraphs().map((text) => h('p', { text })));
    this.refresh();
    if (this.element.open && !live) this.showMarkdown();
  }

  /** Text streamed into the last paragraph: one more text node, never a re-render of what is there. */
  appendDelta(parts: readonly ReasoningPart[], text: string): void {
    const had = this.paragraphs().length;
    this.parts = parts.map((p) => ({ ...p, paragraphs: [...p.paragraphs] }));
    if (this.paragraphs().length !== had || !this.body.lastElementChild) return this.render(parts, this.live);
    this.element.classList.remove('empty');
    this.body.lastElementChild.append(text);
  }

  get thinking(): boolean {
    return this.live && this.parts.some((p) => p.durationMs === undefined);
  }

  dispose(): void {
    this.stopTimer();
  }

  private get isEmpty(): boolean {
    return this.paragraphs().length === 0;
  }

  private paragraphs(): string[] {
    return this.parts.flatMap((p) => p.paragraphs).filter((p) => p.length > 0);
  }

  private refresh(): void {
    this.label.textContent = this.labelText();
    this.element.classList.toggle('thinking', this.thinking);
    if (this.thinking) {
      if (!this.readerToggled && !this.element.open && !this.isEmpty) this.setOpen(true);
      this.timer ??= setInterval(() => this.tick(), 1000);
    } else {
      this.stopTimer();
      if (!this.readerToggled && this.element.open) this.setOpen(false);
    }
  }

  private tick(): void {
    if (!this.thinking) return this.refresh();
    this.label.textContent = this.labelText();
  }

  private labelText(): string {
    const known = this.parts.some((p) => p.durationMs !== undefined || p.startedAt !== undefined);
    if (!known) return wt('parts.reasoning');
    const ms = this.parts.reduce((sum, p) => sum + (p.durationMs ?? (this.live && p.startedAt !== undefined ? Date.now() - p.startedAt : 0)), 0);
    if (this.thinking) return ms < 1000 ? wt('parts.thinking') : wt('parts.thinkingFor', formatSeconds(ms));
    return wt('parts.thoughtFor', formatSeconds(ms));
  }

  private showMarkdown(): void {
    if (this.markdownShown || this.live) return;
    renderMarkdownInto(this.body, this.paragraphs().join('\n\n'));
    this.markdownShown = true;
  }

  private setOpen(open: boolean): void {
    this.openedByView = open;
    this.element.open = open;
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** "12 s", "1 min 5 s"; under a second reads as "less than a second". */
export function formatSeconds(ms: number): string {
  if (ms < 1000) return wt('parts.lessThanASecond');
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return wt('parts.seconds', seconds);
  return wt('parts.minutesSeconds', Math.floor(seconds / 60), seconds % 60);
}
