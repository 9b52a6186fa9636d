import type { Turn } from '../conversation/turn';
import type { ConversationSummary } from '../store/libraryTypes';
import type { SearchField } from './historyTypes';
import { foldText } from './searchFold';

/**
 * What search reads: every searchable field of every turn, folded once (see searchFold) and laid end to end in
 * one string, newest conversation first and turns in order, so a query is a few forward `indexOf` scans over
 * one string instead of a loop over ten thousand small ones, and results come out already in the order shown.
 * Fields are separated by U+0000, which queries never contain, so no match spans two fields.
 */
export interface SearchIndex {
  readonly corpus: string;
  readonly conversations: readonly IndexedConversation[];
  readonly turns: readonly IndexedTurn[];
  readonly fields: readonly IndexedField[];
  /** Corpus offset where each turn starts, ascending (one extra entry: the corpus length). */
  readonly turnStarts: Int32Array;
  /** Corpus offset where each field starts, ascending. */
  readonly fieldStarts: Int32Array;
}

export interface IndexedConversation {
  id: string;
  title: string;
  workspaceLabel: string;
  workspaceKey: string;
  /** Corpus offset just past this conversation's last field. */
  end: number;
}

export interface IndexedTurn {
  turnId: string;
  conversation: number;
}

export interface IndexedField {
  kind: SearchField;
  /** The text as written, for snippets. */
  text: string;
  /** Folded offsets back to `text` (see searchFold), when they differ; the folded text itself lives in the corpus. */
  toOriginal?: Int32Array;
  start: number;
}

export interface SearchableConversation {
  summary: ConversationSummary;
  turns: readonly Turn[];
}

export const FIELD_SEPARATOR = '\u0000';

/** Trashed conversations are not searched; the index is rebuilt when a conversation changes, is trashed or restored. */
export function buildSearchIndex(conversations: readonly SearchableConversation[]): SearchIndex {
  const ordered = conversations
    .filter((c) => c.summary.trashedAt === undefined)
    .sort((a, b) => b.summary.lastActivity - a.summary.lastActivity || a.summary.id.localeCompare(b.summary.id));
  const pieces: string[] = [];
  const indexed: IndexedConversation[] = [];
  const turns: IndexedTurn[] = [];
  const fields: IndexedField[] = [];
  const turnStarts: number[] = [];
  let offset = 0;

  const addField = (kind: SearchField, text: string): void => {
    if (!text) return;
    const { folded, toOriginal } = foldText(text);
    fields.push(toOriginal ? { kind, text, toOriginal, start: offset } : { kind, text, start: offset });
    pieces.push(folded, FIELD_SEPARATOR);
    offset += folded.length + 1;
  };

  for (const { summary, turns: conversationTurns } of ordered) {
    const conversation = indexed.length;
    for (const turn of conversationTurns) {
      turnStarts.push(offset);
      turns.push({ turnId: turn.id, conversation });
      addField('user', turn.userText);
      addField('answer', turn.assistantText);
      // A fan-out turn holds every persona's answer; the one the chain continued with is the turn's own text.
      for (const answer of turn.alternatives ?? []) {
        if (answer.assistantText !== turn.assistantText) addField('answer', answer.assistantText);
      }
      for (const path of new Set(turn.context.map((c) => c.path))) addField('path', path);
    }
    indexed.push({ id: summary.id, title: summary.title, workspaceLabel: summary.workspace.label, workspaceKey: summary.workspace.key, end: offset });
  }
  turnStarts.push(offset);
  return {
    corpus: pieces.join(''),
    conversations: indexed,
    turns,
    fields,
    turnStarts: Int32Array.from(turnStarts),
    fieldStarts: Int32Array.from(fields, (f) => f.start),
  };
}

/** The index of the last entry of `starts` that is ≤ `offset` (binary search). */
export function entryAt(starts: Int32Array, offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
