import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

export const clearApiKeyCommand: CommandDefinition = {
  id: CommandId.ClearApiKey,
  create: ({ apiKeys }) => async () => {
    await apiKeys.clear();
    const envFallback = Boolean(process.env.OPENAI_API_KEY?.trim());
    void vscode.window.showInformationMessage(
      envFallback
        ? 'Threadline: stored API key cleared. OPENAI_API_KEY from the environment is still used.'
        : 'Threadline: stored API key cleared.',
    );
  },
};
