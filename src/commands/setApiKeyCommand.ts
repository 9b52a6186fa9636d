import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

/** Stores the key in SecretStorage. A string argument sets it without prompting (automation and tests). */
export const setApiKeyCommand: CommandDefinition = {
  id: CommandId.SetApiKey,
  create: ({ apiKeys }) => async (provided?: unknown) => {
    const key = typeof provided === 'string' ? provided : await vscode.window.showInputBox({
      title: 'Threadline: Set API Key',
      prompt: 'Your OpenAI (or compatible) API key. It is kept in VS Code’s secret storage, never in settings.',
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'sk-…',
      validateInput: (value) => (value.trim() ? undefined : 'The key cannot be empty.'),
    });
    if (key === undefined) return false;
    if (!key.trim()) {
      void vscode.window.showWarningMessage('Threadline: an empty API key was not saved.');
      return false;
    }
    await apiKeys.set(key);
    void vscode.window.showInformationMessage('Threadline: API key saved to secret storage.');
    return true;
  },
};
