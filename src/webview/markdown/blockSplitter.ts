/**
 * Splits streamed Markdown into blocks that can no longer change ("stable") and the one block still being
 * written ("tail"), so a streaming message renders each finished block once and re-renders only the tail.
 *
 * A block ends at a blank line outside a code fence, or right after a fence closes. Only newly arrived text
 * is scanned, and the open block is kept as a list of its complete lines plus the unfinished last line, so
 * the work per chunk is bounded by the chunk (and the unfinished line), never by the length of the message
 * or of the open block. Readers that only need the newest lines of an open fence use `lines`.
 *
 * Splitting at blank lines can differ from rendering the whole text at once (a loose list becomes two lists,
 * a reference definition further down is not seen); the finished message is rendered whole once to settle that.
 */

export interface OpenFence {
  readonly marker: '`' | '~';
  readonly length: number;
  /** Leading whitespace of the opening line, as written (CommonMark strips up to this many spaces per code line). */
  readonly indent: string;
  /** The info string after the opening run, e.g. `ts title="x"`. */
  readonly info: string;
  /** Index in `lines` of the opening line; the code starts on the next line. */
  readonly openingLine: number;
}

// Any indentation counts, so fences inside list items are respected; a false positive only delays a split.
const FENCE_OPEN = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;
const BLANK = /^[ \t]*$/;

export class MarkdownBlockSplitter {
  /** Complete lines of the open block, each with its line ending. */
  private blockLines: string[] = [];
  /** The unfinished last line (no newline yet). */
  private partial = '';
  private fence: OpenFence | null = null;

  /** Adds streamed text; returns the blocks it closed, oldest first. */
  push(chunk: string): string[] {
    if (chunk.length === 0) return [];
    const text = this.partial + chunk;
    const closed: string[] = [];
    let lineStart = 0;
    for (;;) {
      const newline = text.indexOf('\n', lineStart);
      if (newline < 0) break;
      const line = text.slice(lineStart, newline + 1);
      // Without its CR, so CRLF text classifies like LF text.
      const bare = text.slice(lineStart, text[newline - 1] === '\r' ? newline - 1 : newline);
      lineStart = newline + 1;
      if (this.fence) {
        this.blockLines.push(line);
        if (closesFence(bare, this.fence)) {
          this.fence = null;
          closed.push(this.takeBlock());
        }
      } else if (BLANK.test(bare)) {
        const block = this.takeBlock();
        if (block.trim().length > 0) closed.push(block);
      } else {
        this.fence = opensFence(bare, this.blockLines.length);
        this.blockLines.push(line);
      }
    }
    this.partial = text.slice(lineStart);
    return closed;
  }

  /** The open block as one string: its cost grows with the block, so incremental readers use `lines`. */
  get tail(): string {
    return this.blockLines.join('') + this.partial;
  }

  /** The open block's complete lines (with line endings); valid until the next `push`. */
  get lines(): readonly string[] {
    return this.blockLines;
  }

  /** The open block's unfinished last line. */
  get partialLine(): string {
    return this.partial;
  }

  /** True while the tail is inside an unclosed code fence. */
  get insideFence(): boolean {
    return this.fence !== null;
  }

  /** The unclosed fence the tail is inside, if any; the same object until it closes. */
  get openFence(): OpenFence | null {
    return this.fence;
  }

  private takeBlock(): string {
    const block = this.blockLines.join('');
    this.blockLines = [];
    return block;
  }
}

function opensFence(line: string, openingLine: number): OpenFence | null {
  const match = FENCE_OPEN.exec(line);
  if (!match) return null;
  const run = match[2];
  // CommonMark: a backtick fence's info string may not contain a backtick (that is inline code instead).
  if (run[0] === '`' && match[3].includes('`')) return null;
  return { marker: run[0] as '`' | '~', length: run.length, indent: match[1], info: match[3].trim(), openingLine };
}

function closesFence(line: string, fence: OpenFence): boolean {
  const match = FENCE_CLOSE.exec(line);
  return match !== null && match[1][0] === fence.marker && match[1].length >= fence.length;
}
