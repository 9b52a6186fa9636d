import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

export const regenerateCommand: CommandDefinition = {
  id: CommandId.Regenerate,
  create: ({ conversation }) => async () => {
    const last = conversation.turns.at(-1);
    if (!last) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Threadline: there is no answer to regenerate yet.'));
      return undefined;
    }
    return conversation.regenerate(last.id);
  },
};
