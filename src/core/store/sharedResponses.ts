import * as l10n from '@vscode/l10n';
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
  // Whole sentences per count, so each language words its own plural.
  if (remove.length === 1) sentences.push(l10n.t('The server still keeps the 1 response it stored for this conversation unless you remove it too.'));
  if (remove.length > 1) sentences.push(l10n.t('The server still keeps the {0} responses it stored for this conversation unless you remove them too.', remove.length));
  if (keep.length > 0) sentences.push(keptElsewhere(keep.length, remove.length > 0));
  return sentences.join(' ');
}

function keptElsewhere(count: number, afterRemoved: boolean): string {
  if (afterRemoved) {
    return count === 1
      ? l10n.t('1 more stays on the server because another conversation (a fork, a duplicate or a copy in another workspace) uses it.')
      : l10n.t('{0} more stay on the server because another conversation (a fork, a duplicate or a copy in another workspace) uses them.', count);
  }
  return count === 1
    ? l10n.t('Its 1 stored response stays on the server because another conversation (a fork, a duplicate or a copy in another workspace) uses it.')
    : l10n.t('Its {0} stored responses stay on the server because another conversation (a fork, a duplicate or a copy in another workspace) uses them.', count);
}
