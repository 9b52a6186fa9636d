import type { SearchHit } from './historyTypes';
import { originalRange } from './searchFold';
import { entryAt, type SearchIndex } from './searchIndex';
import { parseQuery } from './searchQuery';
import { snippetAround } from './snippet';

/** Hits a search returns unless told otherwise: more than a reader scans, few enough to render at once. */
export const SEARCH_LIMIT = 50;

export interface SearchOptions {
  /** Most hits returned; the search stops scanning once it has them. */
  limit: number;
  /** Only conversations of this workspace ("This workspace"); all of them when absent. */
  workspaceKey?: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** True when more turns matched than `limit`. */
  truncated: boolean;
}

/**
 * Every turn where each term of the query occurs (in its user text, answer or code-context paths; not
 * necessarily the same field), newest conversation first, then in turn order. One hit per turn; its
 * snippet centres on the first match in the turn, reading user text, then the answer, then the paths.
 *
 * The terms are matched as a leapfrog join over the index's single corpus: each term keeps a cursor on its next
 * occurrence, and a cursor only moves forward, so each term's occurrences are scanned at most once however many
 * turns are checked. With a limit the scan stops as soon as it is reached.
 */
export function search(index: SearchIndex, query: string, options: SearchOptions): SearchResult {
  const terms = parseQuery(query);
  const hits: SearchHit[] = [];
  if (terms.length === 0 || options.limit <= 0) return { hits, truncated: false };
  const { corpus, turnStarts } = index;
  const cursors = new Array<number>(terms.length).fill(-1);
  let floor = 0;

  for (;;) {
    let furthest = -1;
    for (let i = 0; i < terms.length; i++) {
      if (cursors[i] < floor) cursors[i] = corpus.indexOf(terms[i], floor);
      if (cursors[i] === -1) return { hits, truncated: false };
      if (cursors[i] > furthest) furthest = cursors[i];
    }
    const turn = entryAt(turnStarts, furthest);
    const conversation = index.conversations[index.turns[turn].conversation];
    if (options.workspaceKey !== undefined && conversation.workspaceKey !== options.workspaceKey) {
      floor = conversation.end;
      continue;
    }
    const start = turnStarts[turn];
    if (cursors.some((cursor) => cursor < start)) {
      // Some term's next occurrence is in an earlier turn than another's: that term must be found again in this one.
      floor = start;
      continue;
    }
    if (hits.length === options.limit) return { hits, truncated: true };
    hits.push(hitAt(index, turn, cursors, terms));
    floor = turnStarts[turn + 1];
  }
}

function hitAt(index: SearchIndex, turn: number, cursors: readonly number[], terms: readonly string[]): SearchHit {
  let first = 0;
  for (let i = 1; i < cursors.length; i++) if (cursors[i] < cursors[first]) first = i;
  const field = index.fields[entryAt(index.fieldStarts, cursors[first])];
  const local = cursors[first] - field.start;
  const range = originalRange(field.toOriginal, local, local + terms[first].length);
  const { turnId, conversation: c } = index.turns[turn];
  const conversation = index.conversations[c];
  return {
    conversationId: conversation.id,
    conversationTitle: conversation.title,
    workspaceLabel: conversation.workspaceLabel,
    workspaceKey: conversation.workspaceKey,
    turnId,
    field: field.kind,
    snippet: snippetAround(field.text, range.start, range.end),
  };
}
