import type { ContextBudget } from '../conversation/conversationService';
import { contextWindowFor } from '../tokens/contextWindows';

/** Room kept for the answer (and reasoning) when a transcript is re-sent. */
const ANSWER_SHARE = 0.2;

/**
 * How much of the model's window a turn may use: a re-sent transcript takes at most the window less a fifth for
 * the answer (or all of `maxInputTokens` when the user set one, which then stands for the window), and endpoints that compact chains themselves are asked
 * to once the chain passes `compactAt` of the window; elsewhere Threadline compacts before the next turn.
 */
export function contextBudgetFor(model: string, endpoint: string, settings: { compactAt: number; maxInputTokens: number }): ContextBudget {
  // A configured input budget is the window the user wants to work in: compaction keeps the chain inside it too.
  const configured = settings.maxInputTokens > 0;
  const window = configured ? settings.maxInputTokens : contextWindowFor(model).tokens;
  const transcriptTokens = configured ? window : Math.floor(window * (1 - ANSWER_SHARE));
  return { transcriptTokens, compactAtTokens: Math.floor(window * settings.compactAt), serverCompacts: compactsOnServer(endpoint) };
}

/**
 * OpenAI's own API compacts chains with `context_management`. Other Responses servers are not sent it: several
 * reject unknown fields, and a rejected turn is worse than a long one (they get a trimmed transcript instead).
 */
export function compactsOnServer(endpoint: string): boolean {
  try {
    return new URL(endpoint).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}
