import type * as vscode from 'vscode';
import type { DialectMemory } from '../core/provider/dialect';
import type { Dialect } from '../core/provider/types';

/**
 * Which API each auto-detected endpoint speaks, in globalState by endpoint key (core/endpoints/endpointKey.ts): it
 * belongs to the server, not to a workspace, and must survive a reload so the probe and its notice happen once.
 */
export const ENDPOINT_DIALECTS_KEY = 'threadline.endpointDialects';

export class MementoDialectMemory implements DialectMemory {
  private readonly dialects = new Map<string, Dialect>();

  constructor(private readonly memento: vscode.Memento, private readonly onSaveError: (message: string) => void) {
    const saved = memento.get<unknown>(ENDPOINT_DIALECTS_KEY);
    if (typeof saved !== 'object' || saved === null) return;
    for (const [key, value] of Object.entries(saved)) if (value === 'chat' || value === 'responses') this.dialects.set(key, value);
  }

  get(endpointKey: string): Dialect | undefined {
    return this.dialects.get(endpointKey);
  }

  set(endpointKey: string, dialect: Dialect): void {
    this.dialects.set(endpointKey, dialect);
    this.memento.update(ENDPOINT_DIALECTS_KEY, Object.fromEntries(this.dialects)).then(undefined, (error: unknown) =>
      this.onSaveError(`The endpoint's dialect was not saved: ${error instanceof Error ? error.message : String(error)}`));
  }
}
