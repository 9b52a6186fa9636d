import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

const refreshLabel = (): string => `$(refresh) ${vscode.l10n.t('Refresh the list from the server')}`;

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
          title: vscode.l10n.t('Threadline: Model for “{0}”', profile.label),
          prompt: listing && !listing.ok
            ? (profile.preset === 'azure'
              ? vscode.l10n.t('{0} did not list its models ({1}); type the model name (for Azure: the deployment name).', profile.label, listing.error.title)
              : vscode.l10n.t('{0} did not list its models ({1}); type the model name.', profile.label, listing.error.title))
            : (profile.preset === 'azure'
              ? vscode.l10n.t('{0} did not list its models; type the model name (for Azure: the deployment name).', profile.label)
              : vscode.l10n.t('{0} did not list its models; type the model name.', profile.label)),
          value: profile.defaultModel ?? '',
          validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Type a model name.')),
        });
        if (model === undefined) return undefined;
        break;
      }
      const current = personas.modelFor(personas.active);
      const picked = await vscode.window.showQuickPick(
        [{ label: refreshLabel() }, ...listing.ids.map((id) => ({ label: `${id === current ? '$(check) ' : ''}${id}`, id }))],
        { title: vscode.l10n.t('Threadline: Model for “{0}”', profile.label), placeHolder: vscode.l10n.t('{0} models', listing.ids.length) },
      );
      if (!picked) return undefined;
      if (picked.label !== refreshLabel()) model = (picked as { id: string }).id;
    }
    model = model.trim();
    if (!model) return undefined;
    await endpoints.setDefaultModel(profile.id, model);
    const persona = personas.active;
    if (persona.model && persona.model !== model) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Threadline: {0} now defaults to {1}; persona “{2}” still names {3}.', profile.label, model, persona.label, persona.model));
    }
    return model;
  },
};
