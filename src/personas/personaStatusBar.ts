import * as vscode from 'vscode';
import type { PersonaRegistry } from './personaRegistry';
import { CommandId } from '../commands/commandIds';

/** One click from the status bar to the persona picker; the item always names who answers next. */
export function createPersonaStatusBar(personas: PersonaRegistry): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('threadline.persona', vscode.StatusBarAlignment.Right, 101);
  item.name = vscode.l10n.t('Threadline Persona');
  item.command = CommandId.SwitchPersona;
  const render = (): void => {
    const persona = personas.active;
    item.text = `$(person) ${persona.label}`;
    item.tooltip = vscode.l10n.t('Threadline persona: {0} ({1}). Click to switch.', persona.label, personas.modelFor(persona));
  };
  render();
  item.show();
  const subscription = personas.onDidChange(render);
  return vscode.Disposable.from(item, subscription);
}
