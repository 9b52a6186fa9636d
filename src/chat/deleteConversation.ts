import * as vscode from 'vscode';
import type { ConversationService } from '../core/conversation/conversationService';
import type { Logger } from '../core/provider/types';
import { deleteStoredResponses, describeDeleteOutcome } from '../core/provider/storedResponses';
import { isTurnError } from '../core/conversation/turnBasis';
import type { ConversationLibrary, ConversationSummary } from '../core/store/libraryTypes';
import { describeServerCleanup, planServerCleanup } from '../core/store/sharedResponses';

export interface DeleteDeps {
  library: ConversationLibrary;
  conversation: ConversationService;
  logger: Logger;
  providers: { create(): Promise<unknown> };
  /** Other workspaces' conversations: a copy opened from "All workspaces" chains from the same stored responses. */
  otherWorkspaces?: { list(): Promise<ConversationSummary[]> };
}

/**
 * Delete, as the user is asked it: confirmed first; the conversation goes to the trash (30 days, restorable);
 * the responses it stored on the server can go too (those no fork or duplicate still uses), reported as deleted,
 * already gone or failed. The server never holds up the local delete: the trash comes first, the server work
 * after, with its own message.
 */
export async function confirmAndDeleteConversation(deps: DeleteDeps, conversationId: string): Promise<boolean> {
  // Another window may have forked it meanwhile: its forks must be known before deciding what the server keeps.
  await deps.library.refresh();
  const summaries = await deps.library.list();
  const summary = summaries.find((s) => s.id === conversationId);
  if (!summary) return false;
  const elsewhere = await deps.otherWorkspaces?.list().catch((error: unknown) => {
    deps.logger.warn(`Other workspaces not read before deleting: ${String(error)}`);
    return [];
  });
  const plan = planServerCleanup(conversationId, [...summaries, ...(elsewhere ?? [])]);
  const stored = plan.remove.length;
  const alsoServer = `Delete and remove ${stored} stored response${stored === 1 ? '' : 's'} from the server`;
  const serverDetail = describeServerCleanup(plan);
  const choice = await vscode.window.showWarningMessage(
    `Delete “${summary.title}”?`,
    { modal: true, detail: `It moves to the trash for 30 days and can be restored from the history.${serverDetail ? ` ${serverDetail}` : ''}` },
    'Delete',
    ...(stored > 0 ? [alsoServer] : []),
  );
  if (!choice) return false;
  if (deps.conversation.conversationId === conversationId) await deps.conversation.newConversation();
  await deps.library.trash(conversationId);
  deps.logger.info(`Conversation ${conversationId} moved to the trash.`);
  if (plan.keep.length > 0) deps.logger.info(`${plan.keep.length} of its stored responses stay on the server: another conversation uses them.`);
  if (choice === alsoServer) void removeFromServer(deps, plan.remove);
  return true;
}

/** Deletes stored responses with a progress notification, then says what happened. */
export async function removeFromServer(deps: Pick<DeleteDeps, 'providers' | 'logger'>, ids: readonly string[]): Promise<string | undefined> {
  const provider = await deps.providers.create();
  if (isTurnError(provider as object)) {
    const message = `Threadline could not remove the stored responses: ${(provider as { title: string }).title}.`;
    void vscode.window.showErrorMessage(message);
    return message;
  }
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Threadline: removing ${ids.length} stored responses from the server`, cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return deleteStoredResponses(provider as Parameters<typeof deleteStoredResponses>[0], ids, controller.signal);
    },
  );
  const message = `Threadline: ${describeDeleteOutcome(outcome)}`;
  deps.logger.info(message);
  if (outcome.failed.length > 0) void vscode.window.showWarningMessage(message);
  else void vscode.window.showInformationMessage(message);
  return message;
}
