import * as vscode from 'vscode';
import type { PersonaRegistry } from './personaRegistry';

/** One click from the status bar to the persona picker; the item always names who answers next. */
export function createPersonaStatusBar(personas: PersonaRegistry): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('threadline.persona', vscode.StatusBarAlignment.Right, 101);
  item.name = 'Threadline Persona';
  item.command = 'threadline.switchPersona';
  const render = (): void => {
    const persona = personas.active;
    item.text = `$(person) ${persona.label}`;
    item.tooltip = `Threadline persona: ${persona.label} (${personas.modelFor(persona)}). Click to switch.`;
  };
  render();
  item.show();
  const subscription = personas.onDidChange(render);
  return vscode.Disposable.from(item, subscription);
}
