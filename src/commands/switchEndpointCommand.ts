import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

const ADD = '$(add) Add endpoint…';

/**
 * A quick pick of the endpoint profiles and "Add endpoint…"; an id argument switches without asking. Applies from
 * the next turn; a persona that names its own endpoint keeps it.
 */
export const switchEndpointCommand: CommandDefinition = {
  id: CommandId.SwitchEndpoint,
  create: ({ endpoints }) => async (provided?: unknown) => {
    let id = typeof provided === 'string' ? provided : undefined;
    if (!id) {
      const active = endpoints.active;
      const picked = await vscode.window.showQuickPick(
        [
          ...endpoints.all.map((p) => ({
            label: `${p.id === active.id ? '$(check) ' : ''}${p.label}`,
            description: `${p.dialect}${p.defaultModel ? ` · ${p.defaultModel}` : ''}`,
            detail: p.baseUrl,
            id: p.id,
          })),
          { label: ADD, id: '' },
        ],
        { title: 'Threadline: Switch Endpoint', placeHolder: 'Where should the next turn go?' },
      );
      if (picked?.label === ADD) return vscode.commands.executeCommand(CommandId.AddEndpoint);
      id = picked?.id;
    }
    if (!id) return false;
    const switched = await endpoints.activate(id);
    if (!switched) void vscode.window.showWarningMessage(`Threadline: there is no valid endpoint with id "${id}".`);
    return switched;
  },
};
