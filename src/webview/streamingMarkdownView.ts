import { h } from './dom';
import type { FrameScheduler, FrameTask } from './frameScheduler';
import { MarkdownBlockSplitter } from './markdown/blockSplitter';
import { OpenCodeBlock } from './markdown/openCodeBlock';
import { renderMarkdown } from './markdown/renderMarkdown';

/**
 * Finished blocks are grouped into chunks: the browser lays out a block container by walking its children,
 * so a flat list would make every frame's layout grow with the answer. Chunks keep that walk short, and
 * chunks scrolled out of view skip layout altogether (`content-visibility` in the stylesheet).
 */
const BLOCKS_PER_CHUNK = 16;

/**
 * The Markdown of an answer while it streams. Deltas are queued and rendered once per frame: blocks the
 * splitter closes are rendered once and appended, and only the open tail block is replaced. Nothing already
 * on screen above the tail is touched, so a frame costs the same at the first token and the twenty-thousandth.
 *
 * A tail inside an open code fence is the exception to "replace the tail": a code block can be thousands of
 * lines long, so its new lines are appended as plain text instead, and it is highlighted once, when the
 * fence closes and it becomes a finished block.
 */
export class StreamingMarkdownView implements FrameTask {
  private readonly splitter = new MarkdownBlockSplitter();
  private queued: string[] = [];
  private tailNodes: ChildNode[] = [];
  private openCode: OpenCodeBlock | null = null;
  private chunk: HTMLElement | null = null;

  constructor(
    private readonly target: HTMLElement,
    private readonly scheduler: FrameScheduler,
    private readonly onBlockFinished: (text: string) => void,
  ) {}

  append(text: string): void {
    if (text.length === 0) return;
    this.queued.push(text);
    this.scheduler.request(this);
  }

  renderFrame(): void {
    if (this.queued.length === 0) return;
    const chunk = this.queued.length === 1 ? this.queued[0] : this.queued.join('');
    this.queued = [];
    const closed = this.splitter.push(chunk);
    if (closed.length > 0) {
      this.removeTail();
      for (const block of closed) {
        const rendered = renderMarkdown(block);
        const spoken = rendered.textContent ?? '';
        this.chunkWithRoom().append(rendered);
        this.onBlockFinished(spoken);
      }
    }
    const fence = this.splitter.openFence;
    if (fence && OpenCodeBlock.canStream(fence)) this.renderOpenCode();
    else this.renderTail();
  }

  private renderTail(): void {
    this.removeTail();
    const tail = this.splitter.tail;
    if (tail.trim().length === 0) return;
    const rendered = renderMarkdown(tail);
    this.tailNodes = Array.from(rendered.childNodes);
    this.target.append(rendered);
  }

  /** The tail is inside a code fence: the text before the fence is rendered once, the code grows in place. */
  private renderOpenCode(): void {
    const fence = this.splitter.openFence;
    if (!fence) return;
    if (this.openCode?.fence !== fence) {
      this.removeTail();
      const before = this.splitter.lines.slice(0, fence.openingLine).join('');
      if (before.trim().length > 0) {
        const rendered = renderMarkdown(before);
        this.tailNodes = Array.from(rendered.childNodes);
        this.target.append(rendered);
      }
      this.openCode = new OpenCodeBlock(fence);
      this.tailNodes.push(this.openCode.element);
      this.target.append(this.openCode.element);
    }
    this.openCode.update(this.splitter.lines, this.splitter.partialLine);
  }

  private removeTail(): void {
    for (const node of this.tailNodes) node.remove();
    this.tailNodes = [];
    this.openCode = null;
  }

  private chunkWithRoom(): HTMLElement {
    if (!this.chunk || this.chunk.childElementCount >= BLOCKS_PER_CHUNK) {
      this.chunk = h('div', { className: 'md-chunk' });
      this.target.append(this.chunk);
    }
    return this.chunk;
  }

  /** The text of the block still open, for the final announcement. */
  get openBlockText(): string {
    return this.tailNodes.map((node) => node.textContent ?? '').join('');
  }

  dispose(): void {
    this.scheduler.forget(this);
    this.queued = [];
  }
}
