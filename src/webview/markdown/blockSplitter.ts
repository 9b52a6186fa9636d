/**
 * Splits streamed Markdown into blocks that can no longer change ("stable") and the one block still being
 * written ("tail"), so a streaming message renders each finished block once and re-renders only the tail.
 *
 * A block ends at a blank line outside a code fence, or right after a fence closes. Only newly arrived lines
 * are scanned and only the tail is kept, so the work per chunk is bounded by the chunk and the open block,
 * never by the length of the message.
 *
 * Splitting at blank lines can differ from rendering the whole text at once (a loose list becomes two lists,
 * a reference definition further down is not seen); the finished message is rendered whole once to settle that.
 */

interface OpenFence {
  marker: '`' | '~';
  length: number;
}

// Any indentation counts, so fences inside list items are respected; a false positive only delays a split.
const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,})[ \t]*$/;
const BLANK = /^[ \t]*$/;

export class MarkdownBlockSplitter {
  /** Text not yet handed out as a stable block: the open block, plus any unfinished last line. */
  private pending = '';
  /** Offset in `pending` of the first line not yet classified. */
  private scanFrom = 0;
  private fence: OpenFence | null = null;

  /** Adds streamed text; returns the blocks it closed, oldest first. */
  push(chunk: string): string[] {
    if (chunk.length === 0) return [];
    this.pending += chunk;
    const closed: string[] = [];
    let lineStart = this.scanFrom;
    for (;;) {
      const newline = this.pending.indexOf('\n', lineStart);
      if (newline < 0) break;
      // Without its CR, so CRLF text classifies like LF text.
      const line = this.pending.slice(lineStart, this.pending[newline - 1] === '\r' ? newline - 1 : newline);
      const nextLine = newline + 1;
      if (this.fence) {
        if (closesFence(line, this.fence)) {
          this.fence = null;
          closed.push(this.pending.slice(0, nextLine));
          this.pending = this.pending.slice(nextLine);
          lineStart = 0;
          continue;
        }
      } else if (BLANK.test(line)) {
        const block = this.pending.slice(0, lineStart);
        if (block.trim().length > 0) closed.push(block);
        this.pending = this.pending.slice(nextLine);
        lineStart = 0;
        continue;
      } else {
        this.fence = opensFence(line);
      }
      lineStart = nextLine;
    }
    this.scanFrom = lineStart;
    return closed;
  }

  /** The open block, rendered again on every frame while it grows. */
  get tail(): string {
    return this.pending;
  }

  /** True while the tail is inside an unclosed code fence. */
  get insideFence(): boolean {
    return this.fence !== null;
  }
}

function opensFence(line: string): OpenFence | null {
  const match = FENCE_OPEN.exec(line);
  if (!match) return null;
  const run = match[1];
  // CommonMark: a backtick fence's info string may not contain a backtick (that is inline code instead).
  if (run[0] === '`' && match[2].includes('`')) return null;
  return { marker: run[0] as '`' | '~', length: run.length };
}

function closesFence(line: string, fence: OpenFence): boolean {
  const match = FENCE_CLOSE.exec(line);
  return match !== null && match[1][0] === fence.marker && match[1].length >= fence.length;
}
