import { ASCII_SCANNERS, type AsciiScanner } from './asciiScanners';

/**
 * Splits text into the pieces BPE runs on, exactly as js-tiktoken's `text.matchAll(new RegExp(pat_str, 'ug'))`.
 *
 * V8 needs ~65 ms just to run the Unicode-property regex over 1 MB, most of the 100 ms budget. For the two
 * shipped encodings a hand-written scanner decides pieces made only of ASCII; whenever the decision would depend
 * on a non-ASCII character it returns BAIL and the real regex decides that one piece. A match depends only on
 * the text from its start onwards (the patterns have no lookbehind), so switching per piece is exact.
 */
export class Pretokenizer {
  private readonly sticky: RegExp;
  private readonly searching: RegExp;
  private readonly scan: AsciiScanner | undefined;
  /** Where the last piece returned by `pieceEnd` started: normally the position asked for. */
  pieceStart = 0;

  constructor(patStr: string) {
    this.sticky = new RegExp(withoutCaptures(patStr), 'uy');
    this.searching = new RegExp(withoutCaptures(patStr), 'ug');
    this.scan = ASCII_SCANNERS.get(patStr);
  }

  /**
   * The end of the piece at or after `position`, or -1 when no piece follows. `pieceStart` tells where it began:
   * if the pattern matched nothing at `position`, the characters up to the next match belong to no piece,
   * as with matchAll (it never happens with the shipped patterns, which match every character).
   */
  pieceEnd(text: string, position: number): number {
    this.pieceStart = position;
    if (this.scan) {
      const end = this.scan(text, position);
      if (end >= 0) return end;
    }
    for (let from = position; from < text.length; ) {
      this.sticky.lastIndex = from;
      let end = this.sticky.exec(text) === null ? -1 : this.sticky.lastIndex;
      this.pieceStart = from;
      if (end < 0) {
        this.searching.lastIndex = from;
        const found = this.searching.exec(text);
        if (found === null) return -1;
        this.pieceStart = found.index;
        end = this.searching.lastIndex;
      }
      if (end > this.pieceStart) return end;
      // An empty match holds no bytes; matchAll steps one code point past it.
      from = this.pieceStart + ((text.codePointAt(this.pieceStart) ?? 0) > 0xffff ? 2 : 1);
    }
    return -1;
  }

  /** Every piece of `text`, for tests and diagnostics. */
  pieces(text: string): string[] {
    const out: string[] = [];
    for (let at = 0; at < text.length; ) {
      const end = this.pieceEnd(text, at);
      if (end < 0) break;
      out.push(text.slice(this.pieceStart, end));
      at = end;
    }
    return out;
  }
}

/** Capture groups only cost allocations here; `(?:` matches the same text. */
function withoutCaptures(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(' && pattern[i + 1] !== '?') {
      out += '(?:';
      continue;
    }
    out += c;
  }
  return out;
}
