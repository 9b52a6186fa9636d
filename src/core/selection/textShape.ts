/**
 * Cheap checks on selected text before it is sent, so odd input gets a clear word instead of a wasted or
 * garbled request. They look at a bounded sample, so a huge selection costs the same as a small one.
 */
export interface TextShape {
  /** Only whitespace (or nothing). */
  blank: boolean;
  /** NUL bytes or a high share of control characters: probably not text. */
  binaryLooking: boolean;
  /** Very long lines, as in minified bundles: fine to send, but expensive and hard to explain line by line. */
  minified: boolean;
  longestLine: number;
}

const SAMPLE_CHARS = 200_000;
const MINIFIED_LINE_CHARS = 1_000;

export function inspectTextShape(text: string): TextShape {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  let control = 0;
  let nul = false;
  let longestLine = 0;
  let lineStart = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code === 10) {
      longestLine = Math.max(longestLine, i - lineStart);
      lineStart = i + 1;
    } else if (code === 0) {
      nul = true;
    } else if (code < 32 && code !== 9 && code !== 13 && code !== 12) {
      control++;
    } else if (code === 0xfffd) {
      // U+FFFD is what a binary file decodes to in VS Code's text model.
      control++;
    }
  }
  longestLine = Math.max(longestLine, sample.length - lineStart);
  return {
    blank: text.trim().length === 0,
    binaryLooking: nul || (sample.length > 0 && control / sample.length > 0.05),
    minified: longestLine >= MINIFIED_LINE_CHARS,
    longestLine,
  };
}
