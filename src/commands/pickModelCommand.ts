import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

const REFRESH = '$(refresh) Refresh the list from the server';

/**
 * Picks the active endpoint's default model from what its `models.list` returned (cached per endpoint, with a
 * refresh entry), or as free text when the endpoint cannot list. A string argument sets it without asking.
 */
export const pickModelCommand: CommandDefinition = {
  id: CommandId.PickModel,
  create: ({ endpoints, providers, catalog, personas }) => async (provided?: unknown) => {
    const profile = endpoints.active;
    let model = typeof provided === 'string' ? provided.trim() : undefined;
    for (let refresh = false; model === undefined; refresh = true) {
      const resolved = await providers.resolve(profile.id);
      const listing = 'kind' in resolved ? undefined : await catalog.list(profile.id, resolved.settings, refresh);
      if (!listing?.ok || listing.ids.length === 0) {
        model = await vscode.window.showInputBox({
          title: `Threadline: Model for “${profile.label}”`,
          prompt: `${profile.label} did not list its models${listing && !listing.ok ? ` (${listing.error.title})` : ''}; type the model name${profile.preset === 'azure' ? ' (for Azure: the deployment name)' : ''}.`,
          value: profile.defaultModel ?? '',
          validateInput: (v) => (v.trim() ? undefined : 'Type a model name.'),
        });
        if (model === undefined) return undefined;
        break;
      }
      const current = personas.modelFor(personas.active);
      const picked = await vscode.window.showQuickPick(
        [{ label: REFRESH }, ...listing.ids.map((id) => ({ label: `${id === current ? '$(check) ' : ''}${id}`, id }))],
        { title: `Threadline: Model for “${profile.label}”`, placeHolder: `${listing.ids.length} models` },
      );
      if (!picked) return undefined;
      if (picked.label !== REFRESH) model = (picked as { id: string }).id;
    }
    model = model.trim();
    if (!model) return undefined;
    await endpoints.setDefaultModel(profile.id, model);
    const persona = personas.active;
    if (persona.model && persona.model !== model) {
      void vscode.window.showInformationMessage(`Threadline: ${profile.label} now defaults to ${model}; persona “${persona.label}” still names ${persona.model}.`);
    }
    return model;
  },
};
