import type * as vscode from 'vscode';
import type { PersonaRegistry } from '../personas/personaRegistry';
import type { PanelOptions } from './panelOptions';

/**
 * A persona with `webSearch: true` turns the panel's web search on when it becomes active (and one without turns
 * it off): the globe starts as the persona says, and the globe or `/web` change it until the next switch.
 */
export function followPersonaWebSearch(personas: PersonaRegistry, options: PanelOptions): vscode.Disposable {
  let activeId = personas.active.id;
  options.setWebSearch(personas.active.webSearch === true);
  return personas.onDidChange(() => {
    if (personas.active.id === activeId) return;
    activeId = personas.active.id;
    options.setWebSearch(personas.active.webSearch === true);
  });
}
