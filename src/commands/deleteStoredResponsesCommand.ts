import * as vscode from 'vscode';
import { removeFromServer } from '../chat/deleteConversation';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

/** Removes from the server every response any conversation of this workspace stored there, after showing the count. */
export const deleteStoredResponsesCommand: CommandDefinition = {
  id: CommandId.DeleteStoredResponses,
  create: ({ library, providers, logger }) => async (): Promise<string | undefined> => {
    await library.refresh();
    const summaries = await library.list();
    const ids = [...new Set(summaries.flatMap((summary) => summary.storedResponseIds))];
    if (ids.length === 0) {
      void vscode.window.showInformationMessage('Threadline: no conversation of this workspace has responses stored on the server.');
      return undefined;
    }
    const confirm = `Remove ${ids.length}`;
    const choice = await vscode.window.showWarningMessage(
      `Remove the ${ids.length} responses ${summaries.length} conversation${summaries.length === 1 ? '' : 's'} stored on the server?`,
      { modal: true, detail: 'The conversations stay in your history, but their next message starts a new chain on the server (the recent transcript is sent).' },
      confirm,
    );
    if (choice !== confirm) return undefined;
    return removeFromServer({ providers, logger }, ids);
  },
};
