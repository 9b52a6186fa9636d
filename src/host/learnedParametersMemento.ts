import type * as vscode from 'vscode';
import type { LearnedParametersData, LearnedParametersPersistence } from '../core/models/learnedParameters';

/**
 * Keeps what servers refused in globalState: it belongs to the endpoint and model, not to a workspace, and must
 * survive a reload so a refused parameter is never sent there again (core/models/learnedParameters.ts).
 */
export const LEARNED_PARAMETERS_KEY = 'threadline.learnedParameters';

export function mementoPersistence(memento: vscode.Memento, key = LEARNED_PARAMETERS_KEY): LearnedParametersPersistence {
  return {
    load: () => memento.get<unknown>(key),
    save: (data: LearnedParametersData) => memento.update(key, data),
  };
}
