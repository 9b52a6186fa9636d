import * as vscode from 'vscode';
import { isKeyless } from '../core/endpoints/profiles';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

/**
 * Stores the key of the active endpoint (or of the endpoint id given second) in SecretStorage. A string argument
 * sets it without prompting (automation and tests).
 */
export const setApiKeyCommand: CommandDefinition = {
  id: CommandId.SetApiKey,
  create: ({ secrets, endpoints }) => async (provided?: unknown, endpointId?: unknown) => {
    const profile = (typeof endpointId === 'string' ? endpoints.byId(endpointId) : undefined) ?? endpoints.active;
    const key = typeof provided === 'string' ? provided : await vscode.window.showInputBox({
      title: `Threadline: Set API Key for “${profile.label}”`,
      prompt: `The key for ${profile.label} (${profile.baseUrl}). It is kept in VS Code’s secret storage, never in settings.` +
        (isKeyless(profile) ? ' This endpoint is keyless: a key is sent only if you set one here.' : ''),
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
    await secrets.set(profile.id, key);
    void vscode.window.showInformationMessage(`Threadline: API key for “${profile.label}” saved to secret storage.`);
    return true;
  },
};
