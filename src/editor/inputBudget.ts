import { contextWindowFor } from '../core/tokens/contextWindows';
import { readConfig } from '../host/config';

/** Room left for the answer when the budget comes from the model's context window. */
const OUTPUT_RESERVE_SHARE = 0.2;

/** `threadline.maxInputTokens` when set, else the model's context window less a share kept for the answer. */
export function inputBudgetFor(model: string): number {
  const configured = readConfig().maxInputTokens;
  if (configured > 0) return configured;
  return Math.floor(contextWindowFor(model).tokens * (1 - OUTPUT_RESERVE_SHARE));
}
