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
      void vscode.window.showInformationMessage(vscode.l10n.t('Threadline: no conversation of this workspace has responses stored on the server.'));
      return undefined;
    }
    const confirm = vscode.l10n.t('Remove {0}', ids.length);
    const choice = await vscode.window.showWarningMessage(
      summaries.length === 1
        ? vscode.l10n.t('Remove the {0} responses 1 conversation stored on the server?', ids.length)
        : vscode.l10n.t('Remove the {0} responses {1} conversations stored on the server?', ids.length, summaries.length),
      { modal: true, detail: vscode.l10n.t('The conversations stay in your history, but their next message starts a new chain on the server (the recent transcript is sent).') },
      confirm,
    );
    if (choice !== confirm) return undefined;
    return removeFromServer({ providers, logger }, ids);
  },
};
