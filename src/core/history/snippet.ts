import type { SearchHit } from './historyTypes';

/** Characters of context on each side of a match, before cutting back to a word boundary. */
export const SNIPPET_CONTEXT = 40;
/** How far past the context a cut may reach to find a word boundary, for text with few spaces. */
const BOUNDARY_SLACK = 12;

/**
 * The text around [start, end) of `text`: about SNIPPET_CONTEXT characters each side, cut at white space where
 * there is some nearby (a word is never cut in half when it can be helped; text without spaces, such as Chinese,
 * is cut by characters), never inside a surrogate pair. Runs of white space (an answer's blank lines) read as
 * one space. An ellipsis marks each side that was cut. `match` is exactly the original text.
 */
export function snippetAround(text: string, start: number, end: number): SearchHit['snippet'] {
  let from = Math.max(0, start - SNIPPET_CONTEXT);
  if (from > 0 && !isSpace(text, from - 1)) {
    // Inside a word: start after the next space before the match, or (no space) at the earlier one, within reach.
    const next = firstSpace(text, from, start);
    if (next !== -1) from = next + 1;
    else {
      const previous = lastSpace(text, Math.max(0, from - BOUNDARY_SLACK), from);
      if (previous !== -1) from = previous + 1;
    }
  }
  from = avoidSplitPair(text, from);

  let to = Math.min(text.length, end + SNIPPET_CONTEXT);
  if (to < text.length && !isSpace(text, to)) {
    const previous = lastSpace(text, end, to);
    if (previous !== -1 && previous > end) to = previous;
    else {
      const next = firstSpace(text, to, Math.min(text.length, to + BOUNDARY_SLACK));
      if (next !== -1) to = next;
    }
  }
  to = avoidSplitPair(text, to);

  const before = text.slice(from, start).replace(/\s+/g, ' ').trimStart();
  const after = text.slice(end, to).replace(/\s+/g, ' ').trimEnd();
  return {
    before: from > 0 ? `…${before}` : before,
    match: text.slice(start, end),
    after: to < text.length ? `${after}…` : after,
  };
}

function isSpace(text: string, index: number): boolean {
  return /\s/.test(text[index] ?? '');
}

/** The first white space in [from, to), or -1. */
function firstSpace(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (isSpace(text, i)) return i;
  return -1;
}

/** The last white space in [from, to), or -1. */
function lastSpace(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (isSpace(text, i)) return i;
  return -1;
}

/** A cut between the two halves of a surrogate pair moves before the pair. */
function avoidSplitPair(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return index > 0 && code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}
