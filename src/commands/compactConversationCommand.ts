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
      void vscode.window.showInformationMessage('Threadline: there is no completed turn to compact yet.');
    } else if (isTurnError(outcome)) {
      void vscode.window.showErrorMessage(`Threadline could not compact the conversation: ${outcome.title}. ${outcome.detail}`);
    } else {
      vscode.window.setStatusBarMessage(`$(check) ${describeCompaction(outcome)}`, 5000);
    }
    return outcome;
  },
};
