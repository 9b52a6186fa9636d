import { foldText } from './searchFold';

/** More terms than this add nothing a reader would type and only slow the search down. */
const MAX_TERMS = 16;
const MAX_QUERY_LENGTH = 1000;

/**
 * The folded terms of a query, all of which must occur in one turn. Words are separated by white space;
 * "double quotes" keep a phrase together. Control characters are dropped: the index separates fields with
 * one, so no term can match across two fields. Duplicates go, and a term contained in another is implied by it.
 */
export function parseQuery(query: string): string[] {
  // eslint-disable-next-line no-control-regex
  const cleaned = query.slice(0, MAX_QUERY_LENGTH).replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '');
  const raw: string[] = [];
  for (const match of cleaned.matchAll(/"([^"]*)"?|[^\s"]+/g)) {
    const phrase = match[1] ?? match[0];
    const term = foldText(phrase.trim().replace(/\s+/g, ' ')).folded;
    if (term) raw.push(term);
  }
  const unique = [...new Set(raw)];
  const kept = unique.filter((term) => !unique.some((other) => other !== term && other.includes(term)));
  // Longest first: a long term is usually the rarest, so the scan that leads skips the most.
  return kept.sort((a, b) => b.length - a.length).slice(0, MAX_TERMS);
}
