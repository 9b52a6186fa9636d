import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

/** A quick pick of the valid personas; a persona id argument switches without asking. Applies from the next turn. */
export const switchPersonaCommand: CommandDefinition = {
  id: CommandId.SwitchPersona,
  create: ({ personas }) => async (provided?: unknown) => {
    let id = typeof provided === 'string' ? provided : undefined;
    if (!id) {
      const active = personas.active;
      const picked = await vscode.window.showQuickPick(
        personas.all.map((p) => ({
          label: `${p.id === active.id ? '$(check) ' : ''}${p.label}`,
          description: personas.modelFor(p),
          detail: p.instructions,
          id: p.id,
        })),
        { title: vscode.l10n.t('Threadline: Switch Persona'), placeHolder: vscode.l10n.t('Who should answer the next turn?'), matchOnDetail: true },
      );
      id = picked?.id;
    }
    if (!id) return false;
    const switched = await personas.activate(id);
    if (!switched) void vscode.window.showWarningMessage(vscode.l10n.t('Threadline: there is no valid persona with id "{0}".', id));
    return switched;
  },
};
