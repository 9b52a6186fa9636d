const WHITESPACE = /\s/;
const LF = 0x0a;
const SLASH = 0x2f;

/**
 * Whether the pre-tokenizer always splits at `position` and nothing before it depends on what follows it.
 *
 * True after a line feed followed by a character that is neither whitespace nor `/`. For both shipped patterns
 * (o200k_base and cl100k_base): word, digit and contraction alternatives never contain `\n`; the punctuation
 * alternative may end with `[\r\n/]*`, and the whitespace alternatives only with whitespace, so no piece
 * joins that `\n` to the next character. The pieces before only inspect that next character to see that it is
 * not whitespace, `\r`, `\n` or `/`, so any text starting there leaves them unchanged. Text can therefore be
 * counted chunk by chunk between such positions, and an edit only re-counts the chunks around it.
 */
export function isStableBoundary(text: string, position: number): boolean {
  if (position <= 0 || position >= text.length) return true;
  if (text.charCodeAt(position - 1) !== LF) return false;
  const c = text.charCodeAt(position);
  if (c === SLASH) return false;
  if (c < 128) return c > 0x20 || c < 0x09 || (c > 0x0d && c < 0x20);
  return !WHITESPACE.test(text[position] as string);
}
