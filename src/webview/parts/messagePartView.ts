import type { CitedSource } from '../../core/turn/citations';
import type { MessagePart } from '../../core/turn/turnParts';
import { h } from '../dom';
import { renderMarkdownInto } from '../markdown/renderMarkdown';
import { StreamingMarkdownView } from '../streamingMarkdownView';
import { renderCitedMarkdownInto } from './citedMarkdown';
import type { PartViewDeps } from './partViewDeps';

/** Only the answer is `.markdown`: everything that looks for "the answer" in a turn keeps finding it. */
const CLASSES: Record<MessagePart['kind'], string> = {
  text: 'markdown answer-text',
  commentary: 'commentary',
};

/**
 * One message of an answer: the final text, or a commentary line shown muted above it. Both are model text,
 * so both go through the one sanitised Markdown path; while streaming, incrementally.
 */
export class MessagePartView {
  readonly element: HTMLElement;
  private stream: StreamingMarkdownView | null = null;
  private text: string;

  /**
   * `sources`: the turn's cited pages, numbered. A finished answer shows its citations as [n] references; while
   * it streams, the model's inline links stand in for them until the turn's final render.
   */
  constructor(part: MessagePart, live: boolean, private readonly deps: PartViewDeps, sources: readonly CitedSource[] = []) {
    this.element = h('div', { className: CLASSES[part.kind], attrs: { 'data-part': part.kind } });
    this.text = part.text;
    if (live) this.startStream();
    else if (part.kind === 'text' && sources.length > 0) renderCitedMarkdownInto(this.element, part.text, part.annotations, sources);
    else renderMarkdownInto(this.element, part.text);
  }

  append(text: string): void {
    this.text += text;
    if (this.stream) this.stream.append(text);
    else renderMarkdownInto(this.element, this.text);
  }

  /** A commentary/answer switch keeps the text on screen; a different text is rendered again. */
  replace(part: MessagePart): void {
    if (this.element.dataset.part !== part.kind) {
      this.element.className = CLASSES[part.kind];
      this.element.dataset.part = part.kind;
    }
    if (part.text === this.text) return;
    this.text = part.text;
    if (this.stream) {
      this.stream.dispose();
      this.startStream();
    } else {
      renderMarkdownInto(this.element, part.text);
    }
  }

  /** The turn ended: say the last open block once, then render the whole message once. */
  finish(): void {
    if (!this.stream) return;
    this.deps.scheduler.flush(this.stream);
    this.deps.announcer.announce(this.stream.openBlockText);
    this.stream.dispose();
    this.stream = null;
  }

  dispose(): void {
    this.stream?.dispose();
    this.stream = null;
  }

  private startStream(): void {
    this.element.replaceChildren();
    this.stream = new StreamingMarkdownView(this.element, this.deps.scheduler, (spoken) => this.deps.announcer.announce(spoken));
    this.stream.append(this.text);
  }
}
