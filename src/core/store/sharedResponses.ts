import type { ConversationSummary } from './libraryTypes';

/**
 * A fork or a duplicate copies its source's turns with their response ids, so one stored response can be the
 * chain of several conversations. Deleting a conversation on the server removes only the responses no other
 * live conversation uses: the fork goes on chaining from them. A conversation in the trash does not hold them
 * back; restored later, it re-sends its transcript as any conversation whose responses are gone does.
 */

export interface ServerCleanup {
  /** Stored for this conversation alone: removed from the server with it. */
  remove: string[];
  /** Also stored for another live conversation: kept on the server. */
  keep: string[];
}

type Holder = Pick<ConversationSummary, 'id' | 'storedResponseIds' | 'trashedAt'>;

export function planServerCleanup(conversationId: string, summaries: readonly Holder[]): ServerCleanup {
  const target = summaries.find((s) => s.id === conversationId);
  const usedElsewhere = new Set<string>();
  for (const other of summaries) {
    if (other.id === conversationId || other.trashedAt !== undefined) continue;
    for (const id of other.storedResponseIds) usedElsewhere.add(id);
  }
  const plan: ServerCleanup = { remove: [], keep: [] };
  for (const id of new Set(target?.storedResponseIds ?? [])) (usedElsewhere.has(id) ? plan.keep : plan.remove).push(id);
  return plan;
}

/** The sentences of the delete confirmation about the server: what it still keeps, and what stays for others. */
export function describeServerCleanup(plan: ServerCleanup): string {
  const { remove, keep } = plan;
  const sentences: string[] = [];
  if (remove.length > 0) {
    sentences.push(`The server still keeps the ${plural(remove.length, 'response')} it stored for this conversation unless you remove ${pronoun(remove.length)} too.`);
  }
  if (keep.length > 0) {
    const which = remove.length > 0 ? `${keep.length} more` : `Its ${plural(keep.length, 'stored response')}`;
    sentences.push(`${which} ${keep.length === 1 ? 'stays' : 'stay'} on the server because another conversation (a fork, a duplicate or a copy in another workspace) uses ${pronoun(keep.length)}.`);
  }
  return sentences.join(' ');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function pronoun(n: number): string {
  return n === 1 ? 'it' : 'them';
}
