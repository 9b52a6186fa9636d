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
  const alsoServer = stored === 1
    ? vscode.l10n.t('Delete and remove 1 stored response from the server')
    : vscode.l10n.t('Delete and remove {0} stored responses from the server', stored);
  const deleteButton = vscode.l10n.t('Delete');
  const serverDetail = describeServerCleanup(plan);
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete “{0}”?', summary.title),
    { modal: true, detail: `${vscode.l10n.t('It moves to the trash for 30 days and can be restored from the history.')}${serverDetail ? ` ${serverDetail}` : ''}` },
    deleteButton,
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
    const message = vscode.l10n.t('Threadline could not remove the stored responses: {0}.', (provider as { title: string }).title);
    void vscode.window.showErrorMessage(message);
    return message;
  }
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Threadline: removing {0} stored responses from the server', ids.length), cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return deleteStoredResponses(provider as Parameters<typeof deleteStoredResponses>[0], ids, controller.signal);
    },
  );
  const message = vscode.l10n.t('Threadline: {0}', describeDeleteOutcome(outcome));
  deps.logger.info(message);
  if (outcome.failed.length > 0) void vscode.window.showWarningMessage(message);
  else void vscode.window.showInformationMessage(message);
  return message;
}
