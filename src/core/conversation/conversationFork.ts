import * as l10n from '@vscode/l10n';
import type { ConversationHandle, ConversationLibrary } from '../store/libraryTypes';

/** "Fork of …": a fork's default title, so it is told apart from its source in the history. */
function forkTitle(source: string | undefined): string {
  return source === undefined ? l10n.t('Fork of a conversation') : l10n.t('Fork of {0}', source);
}

/**
 * A new conversation holding `source`'s turns up to and including `turnId`, remembering where it came from. Its
 * next message chains from that turn's stored response, so a fork costs nothing on a server that keeps responses.
 */
export async function createFork(library: ConversationLibrary, source: ConversationHandle, turnId: string): Promise<ConversationHandle> {
  const index = source.turns.findIndex((turn) => turn.id === turnId);
  if (index < 0) throw new Error(l10n.t('That turn is no longer in the conversation.'));
  const title = forkTitle((await library.list()).find((s) => s.id === source.id)?.title);
  return library.createFrom(source.turns.slice(0, index + 1), { title, forkedFrom: { conversationId: source.id, turnId } });
}
