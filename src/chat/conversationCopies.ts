import * as vscode from 'vscode';
import type { ConversationService } from '../core/conversation/conversationService';
import type { Logger } from '../core/provider/types';
import type { HostToWebview } from '../core/protocol';
import type { ConversationLibrary } from '../core/store/libraryTypes';
import type { OtherWorkspaces } from '../core/store/otherWorkspaces';

export interface CopyDeps {
  library: ConversationLibrary;
  conversation: ConversationService;
  otherWorkspaces: OtherWorkspaces;
  logger: Logger;
  post(message: HostToWebview): void;
}

/**
 * Opening another workspace's conversation from "All workspaces": it is copied into this workspace as a new
 * conversation and continued here, and the user is told where it came from. The copy keeps every turn's
 * response id, so its next message chains from the last stored response as the original would. The original
 * is never changed: another workspace's files are only read. Opened again in this window while the original
 * is unchanged, the conversation returns to the copy already made instead of making another.
 */
export class ConversationCopies {
  private readonly made = new Map<string, { copyId: string; sourceActivity: number; sourceTurns: number }>();

  constructor(private readonly deps: CopyDeps) {}

  async open(workspaceKey: string, conversationId: string, turnId?: string): Promise<void> {
    const { library, conversation, otherWorkspaces, logger, post } = this.deps;
    const source = await otherWorkspaces.read(workspaceKey, conversationId);
    const key = `${workspaceKey}/${conversationId}`;
    const earlier = this.made.get(key);
    let copyId: string | undefined;
    if (earlier && earlier.sourceActivity === source.summary.lastActivity && earlier.sourceTurns === source.turns.length) {
      const live = (await library.list()).find((summary) => summary.id === earlier.copyId && summary.trashedAt === undefined);
      copyId = live?.id;
    }
    const isNew = copyId === undefined;
    if (!copyId) {
      const copy = await library.createFrom(source.turns, { title: source.summary.title });
      copyId = copy.id;
      this.made.set(key, { copyId, sourceActivity: source.summary.lastActivity, sourceTurns: source.turns.length });
      logger.info(`Copied conversation ${conversationId} of ${source.summary.workspace.label} (${workspaceKey}) into this workspace as ${copyId}.`);
    }
    await conversation.switchTo(copyId);
    if (turnId) post({ type: 'revealTurn', turnId });
    if (isNew) {
      void vscode.window.showInformationMessage(
        `Copied from ${source.summary.workspace.label}: “${source.summary.title}” continues here as a conversation of this workspace. The original is unchanged.`,
      );
    }
  }
}
