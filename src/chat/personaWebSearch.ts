import type * as vscode from 'vscode';
import type { PersonaRegistry } from '../personas/personaRegistry';
import type { PanelOptions } from './panelOptions';

/**
 * A persona with `webSearch: true` turns the panel's web search on when it becomes active (and one without turns
 * it off); the globe or `/web` change it until the next switch. The choice is kept across reloads (panelOptions.ts).
 */
export function followPersonaWebSearch(personas: PersonaRegistry, options: PanelOptions): vscode.Disposable {
  let activeId = personas.active.id;
  // At start the choice kept from the last session stands, unless the active persona asks for search.
  if (personas.active.webSearch === true) options.setWebSearch(true);
  return personas.onDidChange(() => {
    if (personas.active.id === activeId) return;
    activeId = personas.active.id;
    options.setWebSearch(personas.active.webSearch === true);
  });
}
