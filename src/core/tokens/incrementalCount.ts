import { isStableBoundary } from './stableBoundary';
import type { TokenEncoder } from './tokenEncoder';

/** Chunks grow to at least this many characters before the next stable boundary closes them. */
const CHUNK_TARGET = 2048;

export interface TextChange {
  /** Offset in the text as it was before this change. */
  offset: number;
  deleteLength: number;
  text: string;
}

/**
 * The token count of a document kept up to date edit by edit. The text is held as chunks that end at stable
 * boundaries (see isStableBoundary), each with its own text and count; an edit re-counts only the chunks that
 * touch it, so a keystroke in a 1 MB file scans a few kilobytes instead of a megabyte. The sum stays exactly
 * the full count because no piece crosses a stable boundary, and a chunk ending in one is split the same
 * whether or not the following text is present.
 *
 * Chunks keep their own strings: editing one big string would make V8 flatten a 1 MB rope on every keystroke
 * (about 2 ms by itself).
 */
export class IncrementalTokenCount {
  private chunkTexts: string[] = [];
  private chunkCounts: number[] = [];
  private sum = 0;
  private size = 0;

  constructor(
    private readonly encoder: TokenEncoder,
    text: string,
  ) {
    this.reset(text);
  }

  get total(): number {
    return this.sum;
  }

  get length(): number {
    return this.size;
  }

  /** The whole text, rebuilt from the chunks (linear: for checks and resyncs, not per keystroke). */
  get text(): string {
    return this.chunkTexts.join('');
  }

  get encoding(): string {
    return this.encoder.encoding;
  }

  /** Replaces the whole text (a document switch or a resync) and returns its count. */
  reset(text: string): number {
    const { texts, counts } = this.countChunks(text);
    this.chunkTexts = texts;
    this.chunkCounts = counts;
    this.sum = counts.reduce((a, b) => a + b, 0);
    this.size = text.length;
    return this.sum;
  }

  /** Applies one change and returns the new total. Out-of-range offsets are clamped rather than thrown. */
  applyChange(change: TextChange): number {
    const start = clamp(change.offset, 0, this.size);
    const end = clamp(change.offset + change.deleteLength, start, this.size);
    // The chunks holding the characters just before and just after the edit: their outer boundaries keep both
    // neighbouring characters unchanged, so they remain stable boundaries in the new text.
    const [first, regionStart] = this.chunkAt(Math.max(start - 1, 0));
    const [last] = this.chunkAt(end);
    let region = '';
    let removed = 0;
    for (let i = first; i <= last; i++) {
      region += this.chunkTexts[i];
      removed += this.chunkCounts[i];
    }
    region = region.slice(0, start - regionStart) + change.text + region.slice(end - regionStart);
    const { texts, counts } = this.countChunks(region);
    this.chunkTexts = replaceRange(this.chunkTexts, first, last + 1, texts);
    this.chunkCounts = replaceRange(this.chunkCounts, first, last + 1, counts);
    this.sum += counts.reduce((a, b) => a + b, 0) - removed;
    this.size += change.text.length - (end - start);
    return this.sum;
  }

  /** The chunk containing `offset` (the last chunk for the end of the text) and where that chunk starts. */
  private chunkAt(offset: number): [index: number, start: number] {
    let start = 0;
    const lastIndex = this.chunkTexts.length - 1;
    for (let i = 0; i < lastIndex; i++) {
      const end = start + this.chunkTexts[i].length;
      if (offset < end) return [i, start];
      start = end;
    }
    return [Math.max(lastIndex, 0), start];
  }

  /** Splits text that begins and ends at stable boundaries into chunks at stable boundaries, counting each. */
  private countChunks(text: string): { texts: string[]; counts: number[] } {
    const texts: string[] = [];
    const counts: number[] = [];
    let chunkStart = 0;
    let chunkCount = 0;
    for (let at = 0; at < text.length; ) {
      const end = this.encoder.pieceEnd(text, at);
      if (end < 0) break;
      chunkCount += this.encoder.countPiece(text.slice(this.encoder.lastPieceStart, end));
      at = end;
      if (end - chunkStart >= CHUNK_TARGET && end < text.length && isStableBoundary(text, end)) {
        texts.push(text.slice(chunkStart, end));
        counts.push(chunkCount);
        chunkStart = end;
        chunkCount = 0;
      }
    }
    if (text.length > chunkStart || texts.length === 0) {
      texts.push(text.slice(chunkStart));
      counts.push(chunkCount);
    }
    return { texts, counts };
  }
}

function clamp(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

/** splice() with spread arguments overflows the stack for a huge paste; rebuild the array then. */
function replaceRange<T>(values: T[], from: number, to: number, items: T[]): T[] {
  if (items.length < 10_000) {
    values.splice(from, to - from, ...items);
    return values;
  }
  return values.slice(0, from).concat(items, values.slice(to));
}
