import * as vscode from 'vscode';
import { LEGACY_PROFILE_ID } from '../core/endpoints/migration';
import { envKeyFor } from '../core/endpoints/presets';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

/** Removes the stored key of the active endpoint (or of the endpoint id given as an argument). */
export const clearApiKeyCommand: CommandDefinition = {
  id: CommandId.ClearApiKey,
  create: ({ secrets, endpoints }) => async (endpointId?: unknown) => {
    const profile = (typeof endpointId === 'string' ? endpoints.byId(endpointId) : undefined) ?? endpoints.active;
    await secrets.clear(profile.id);
    const variable = profile.id === LEGACY_PROFILE_ID ? 'OPENAI_API_KEY' : envKeyFor(profile.preset);
    const envFallback = variable !== undefined && Boolean(process.env[variable]?.trim());
    void vscode.window.showInformationMessage(
      envFallback
        ? `Threadline: stored API key of “${profile.label}” cleared. ${variable} from the environment is still used.`
        : `Threadline: stored API key of “${profile.label}” cleared.`,
    );
  },
};
