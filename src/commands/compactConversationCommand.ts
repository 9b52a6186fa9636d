import * as vscode from 'vscode';
import { isTurnError } from '../core/conversation/turnBasis';
import { describeCompaction } from '../core/conversation/compactionText';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

/** Compacts the conversation now, so the next turns start from a short context; the transcript shows a marker. */
export const compactConversationCommand: CommandDefinition = {
  id: CommandId.CompactConversation,
  create: ({ conversation }) => async () => {
    const outcome = await conversation.compact();
    if (outcome === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Threadline: there is no completed turn to compact yet.'));
    } else if (isTurnError(outcome)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Threadline could not compact the conversation: {0}. {1}', outcome.title, outcome.detail));
    } else {
      vscode.window.setStatusBarMessage(`$(check) ${describeCompaction(outcome)}`, 5000);
    }
    return outcome;
  },
};
