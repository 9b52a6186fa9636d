import { h } from '../dom';
import type { OpenFence } from './blockSplitter';
import { addCodeBlockChrome } from './codeBlockChrome';
import { fenceLabel } from './languages';

/**
 * Lines are grouped into block-level spans: the browser lays out one run of inline text as a whole, so a
 * single text run growing to thousands of lines would make every frame's layout grow with the block.
 * Finished groups are never touched again; only the last one gets new text.
 */
const LINES_PER_GROUP = 64;

/** Fences CommonMark reads as a top-level code block (at most three spaces before the run, no tabs). */
const STREAMABLE_INDENT = /^ {0,3}$/;

/**
 * A fenced code block while it streams: new code is appended as plain text (never parsed as HTML, never
 * highlighted), so a frame costs the new lines, not the whole block. The finished block is rendered once,
 * highlighted, through the normal Markdown path when its fence closes.
 */
export class OpenCodeBlock {
  readonly element: HTMLElement;
  private readonly code: HTMLElement;
  private readonly indent: number;
  /** Index in the splitter's `lines` of the next line to append. */
  private nextLine: number;
  private group: HTMLElement | null = null;
  private linesInGroup = 0;
  private partial: Text | null = null;

  static canStream(fence: OpenFence): boolean {
    return STREAMABLE_INDENT.test(fence.indent);
  }

  constructor(readonly fence: OpenFence) {
    const label = fenceLabel(fence.info);
    this.code = h('code', { className: label ? `streaming-code language-${label}` : 'streaming-code' });
    const holder = h('div', {}, [h('pre', {}, [this.code])]);
    addCodeBlockChrome(holder);
    this.element = holder.firstElementChild as HTMLElement;
    this.indent = fence.indent.length;
    this.nextLine = fence.openingLine + 1;
  }

  /** Appends the lines completed since the last call and shows the unfinished one. */
  update(lines: readonly string[], partialLine: string): void {
    this.partial?.remove();
    this.partial = null;
    let pending = '';
    for (; this.nextLine < lines.length; this.nextLine++) {
      if (this.linesInGroup === LINES_PER_GROUP) {
        this.appendToGroup(pending);
        pending = '';
        this.group = null;
        this.linesInGroup = 0;
      }
      pending += this.codeOf(lines[this.nextLine]).replace(/\r?\n$/, '\n');
      this.linesInGroup++;
    }
    this.appendToGroup(pending);
    const partial = this.codeOf(partialLine).replace(/\r$/, '');
    if (partial.length > 0) {
      this.partial = document.createTextNode(partial);
      this.currentGroup().append(this.partial);
    }
  }

  /** The code so far, as plain text. */
  get text(): string {
    return this.code.textContent ?? '';
  }

  private appendToGroup(text: string): void {
    // A new text node per frame: appending to one node would copy everything already in it.
    if (text.length > 0) this.currentGroup().append(text);
  }

  private currentGroup(): HTMLElement {
    if (!this.group) {
      this.group = h('span', { className: 'code-lines' });
      this.code.append(this.group);
    }
    return this.group;
  }

  /** CommonMark removes up to the opening fence's indentation from each code line. */
  private codeOf(line: string): string {
    let strip = 0;
    while (strip < this.indent && line[strip] === ' ') strip++;
    return strip > 0 ? line.slice(strip) : line;
  }
}
