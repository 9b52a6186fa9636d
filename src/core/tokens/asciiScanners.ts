/**
 * Hand-written equivalents of the o200k_base and cl100k_base pre-tokenizer regexes, for pieces whose every
 * deciding character is ASCII. Each scanner returns the end of the piece starting at `start`, or BAIL when a
 * character it would have to classify is non-ASCII (letters, digits, marks and whitespace beyond ASCII are the
 * regex's business). Alternatives are tried in the pattern's order, with its greedy/backtracking outcome worked
 * out per alternative; the unit tests compare both scanners with the regex on adversarial ASCII.
 */
export type AsciiScanner = (text: string, start: number) => number;

export const BAIL = -1;

const LOWER = 1;
const UPPER = 2;
const DIGIT = 4;
/** `\s` in ASCII: tab, LF, VT, FF, CR, space. */
const SPACE = 8;
/** `\r` and `\n`, also SPACE. */
const NEWLINE = 16;
/** `[^\s\p{L}\p{N}]` in ASCII: punctuation, symbols, control characters. */
const OTHER = 32;
const LETTER = LOWER | UPPER;
/** `[^\r\n\p{L}\p{N}]`, the optional one-character prefix of a word, is PREFIX without NEWLINE. */
const PREFIX = OTHER | SPACE;

const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (c >= 0x61 && c <= 0x7a) CLASS[c] = LOWER;
  else if (c >= 0x41 && c <= 0x5a) CLASS[c] = UPPER;
  else if (c >= 0x30 && c <= 0x39) CLASS[c] = DIGIT;
  else if (c === 0x0a || c === 0x0d) CLASS[c] = SPACE | NEWLINE;
  else if ((c >= 0x09 && c <= 0x0d) || c === 0x20) CLASS[c] = SPACE;
  else CLASS[c] = OTHER;
}

const APOSTROPHE = 0x27;
const SPACE_CHAR = 0x20;
const SLASH = 0x2f;
const CR = 0x0d;
const LF = 0x0a;

/** Length of `'s|'t|'re|'ve|'m|'ll|'d` in any letter case at `at`, or 0. */
function contractionLength(text: string, at: number): number {
  if (text.charCodeAt(at) !== APOSTROPHE) return 0;
  const c1 = text.charCodeAt(at + 1) | 0x20;
  if (c1 === 0x73 || c1 === 0x74 || c1 === 0x6d || c1 === 0x64) return 2; // s t m d
  const c2 = text.charCodeAt(at + 2) | 0x20;
  if ((c1 === 0x72 || c1 === 0x76) && c2 === 0x65) return 3; // re ve
  if (c1 === 0x6c && c2 === 0x6c) return 3; // ll
  return 0;
}

/** End of the run of characters in `mask` from `at`, or BAIL when the run meets a non-ASCII character. */
function runEnd(text: string, at: number, mask: number): number {
  const length = text.length;
  let i = at;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c >= 128) return BAIL;
    if ((CLASS[c] & mask) === 0) break;
    i++;
  }
  return i;
}

/** `\p{N}{1,3}` from a digit at `start`. */
function digitsEnd(text: string, start: number): number {
  let i = start + 1;
  const limit = Math.min(start + 3, text.length);
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c >= 128) return BAIL;
    if (CLASS[c] !== DIGIT) break;
    i++;
  }
  return i;
}

/** ` ?[^\s\p{L}\p{N}]+` followed by `trailing*`, or 0 when the alternative does not match. */
function punctuationEnd(text: string, start: number, trailing: (c: number) => boolean): number {
  let i = start;
  if (text.charCodeAt(i) === SPACE_CHAR) i++;
  if (i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c >= 128) return BAIL;
  if (CLASS[c] !== OTHER) return 0;
  let end = runEnd(text, i + 1, OTHER);
  if (end === BAIL) return BAIL;
  while (end < text.length && trailing(text.charCodeAt(end))) end++;
  return end;
}

/** `\s*[\r\n]+|\s+(?!\S)|\s+` from a whitespace character at `start`. */
function whitespaceEnd(text: string, start: number): number {
  const length = text.length;
  let lastNewline = -1;
  let i = start;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c >= 128) return BAIL;
    const cls = CLASS[c];
    if ((cls & SPACE) === 0) break;
    if (cls & NEWLINE) lastNewline = i;
    i++;
  }
  if (lastNewline >= 0) return lastNewline + 1;
  if (i === length) return i;
  return i - start >= 2 ? i - 1 : i;
}

const isCrLfOrSlash = (c: number): boolean => c === CR || c === LF || c === SLASH;
const isCrLf = (c: number): boolean => c === CR || c === LF;

/** o200k_base: case-aware words with an optional prefix and contraction, 1–3 digits, punctuation runs, whitespace. */
export const scanO200k: AsciiScanner = (text, start) => {
  if (start >= text.length) return BAIL;
  const c0 = text.charCodeAt(start);
  if (c0 >= 128) return BAIL;
  const cls0 = CLASS[c0];
  const prefixed = (cls0 & PREFIX) !== 0 && (cls0 & NEWLINE) === 0;
  if (prefixed || cls0 & LETTER) {
    const wordStart = prefixed ? start + 1 : start;
    const upperEnd = runEnd(text, wordStart, UPPER);
    if (upperEnd === BAIL) return BAIL;
    const lowerEnd = runEnd(text, upperEnd, LOWER);
    if (lowerEnd === BAIL) return BAIL;
    if (lowerEnd > upperEnd) return lowerEnd + contractionLength(text, lowerEnd);
    if (upperEnd > wordStart) return upperEnd + contractionLength(text, upperEnd);
  }
  if (cls0 === DIGIT) return digitsEnd(text, start);
  const punctuation = punctuationEnd(text, start, isCrLfOrSlash);
  if (punctuation !== 0) return punctuation;
  return cls0 & SPACE ? whitespaceEnd(text, start) : BAIL;
};

/** cl100k_base: contractions first, then letter runs with an optional prefix, digits, punctuation, whitespace. */
export const scanCl100k: AsciiScanner = (text, start) => {
  if (start >= text.length) return BAIL;
  const c0 = text.charCodeAt(start);
  if (c0 >= 128) return BAIL;
  const cls0 = CLASS[c0];
  const contraction = contractionLength(text, start);
  if (contraction > 0) return start + contraction;
  const prefixed = (cls0 & PREFIX) !== 0 && (cls0 & NEWLINE) === 0;
  if (prefixed || cls0 & LETTER) {
    const wordStart = prefixed ? start + 1 : start;
    const lettersEnd = runEnd(text, wordStart, LETTER);
    if (lettersEnd === BAIL) return BAIL;
    if (lettersEnd > wordStart) return lettersEnd;
  }
  if (cls0 === DIGIT) return digitsEnd(text, start);
  const punctuation = punctuationEnd(text, start, isCrLf);
  if (punctuation !== 0) return punctuation;
  return cls0 & SPACE ? whitespaceEnd(text, start) : BAIL;
};

const O200K_PATTERN =
  "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)?|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const CL100K_PATTERN =
  "('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

/** Scanners by the exact pattern they reproduce: a rank file with any other pattern gets the regex alone. */
export const ASCII_SCANNERS: ReadonlyMap<string, AsciiScanner> = new Map([
  [O200K_PATTERN, scanO200k],
  [CL100K_PATTERN, scanCl100k],
]);
