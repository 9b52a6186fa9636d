import type { Annotation } from './turnParts';

/**
 * Puts citation numbers into an answer's text where its `url_citation` annotations point. Models cite inline, as
 * ` ([visitberlin.de](https://…))`, and the annotation spans exactly that link: such a span is replaced by the
 * mark, so the number stands where the link stood. A span over ordinary prose keeps its text and gets the mark after
 * it. The panel renders the marks as links through the host; export writes them as Markdown footnotes.
 */

interface Span {
  start: number;
  end: number;
  number: number;
}

/** A span that is only an inline Markdown link, optionally in parentheses: the model's own citation. */
const INLINE_CITATION = /^\s*\(?\s*\[[^\]\n]*\]\([^)\s]*\)\s*\)?\s*$/;

/**
 * `numbers` maps a cited URL to its number (see numberedSources); annotations of other types, or of URLs without
 * a number, change nothing. `mark` makes the text of one mark.
 */
export function markCitations(text: string, annotations: readonly Annotation[], numbers: ReadonlyMap<string, number>,
  mark: (number: number) => string): string {
  const spans = citationSpans(text, annotations, numbers);
  let result = text;
  // From the end, so earlier offsets stay valid; overlapping spans keep the first one found.
  for (const span of spans.sort((a, b) => b.start - a.start)) {
    const covered = result.slice(span.start, span.end);
    const replaced = INLINE_CITATION.test(covered);
    const lead = replaced && /^\s/.test(covered) ? ' ' : '';
    result = replaced
      ? `${result.slice(0, span.start)}${lead}${mark(span.number)}${result.slice(span.end)}`
      : `${result.slice(0, span.end)}${mark(span.number)}${result.slice(span.end)}`;
  }
  return result;
}

function citationSpans(text: string, annotations: readonly Annotation[], numbers: ReadonlyMap<string, number>): Span[] {
  const spans: Span[] = [];
  for (const annotation of annotations) {
    if (annotation.type !== 'url_citation' || typeof annotation.url !== 'string') continue;
    const number = numbers.get(annotation.url);
    const start = annotation.start_index;
    const end = annotation.end_index;
    if (number === undefined || typeof start !== 'number' || typeof end !== 'number' || end < start) continue;
    const span = { start: utf16Offset(text, start), end: utf16Offset(text, end), number };
    if (spans.some((s) => span.start < s.end && s.start < span.end)) continue;
    spans.push(span);
  }
  return spans;
}

/**
 * The server counts characters as code points (its Python strings); JavaScript counts UTF-16 units. They differ
 * after any emoji or other astral character, so the offset is converted; past the end it is the end.
 */
export function utf16Offset(text: string, codePoints: number): number {
  let offset = 0;
  for (let i = 0; i < codePoints && offset < text.length; i++) {
    const code = text.codePointAt(offset) ?? 0;
    offset += code > 0xffff ? 2 : 1;
  }
  return Math.min(offset, text.length);
}
