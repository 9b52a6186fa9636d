import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

/** Starts a fresh conversation; the previous one stays in the history, and the user is told where it went. */
export const newConversationCommand: CommandDefinition = {
  id: CommandId.NewConversation,
  create: ({ conversation }) => async () => {
    const hadTurns = conversation.turns.length > 0;
    const started = await conversation.newConversation();
    if (started && hadTurns) vscode.window.setStatusBarMessage(`$(history) ${vscode.l10n.t('Threadline: the previous conversation is saved to history')}`, 5000);
    return started;
  },
};
