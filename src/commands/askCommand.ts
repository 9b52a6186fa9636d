import * as vscode from 'vscode';
import type { Turn } from '../core/conversation/turn';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

/** Sends a prompt to the workspace conversation from the palette; resolves with the finished turn. */
export const askCommand: CommandDefinition = {
  id: CommandId.Ask,
  create: ({ conversation, personas, chatView }) => async (provided?: unknown): Promise<Turn | undefined> => {
    const text = typeof provided === 'string' ? provided : await vscode.window.showInputBox({ title: vscode.l10n.t('Ask Threadline'), prompt: vscode.l10n.t('Your message'), ignoreFocusOut: true });
    if (!text?.trim()) return undefined;
    void chatView.reveal();
    const persona = personas.active;
    return conversation.send({ origin: 'chat', userText: text, persona, model: personas.modelFor(persona) });
  },
};
