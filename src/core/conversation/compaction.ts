import type { ModelProvider } from '../provider/types';
import type { StreamResult } from '../provider/types';
import { isTurnError } from './turnBasis';
import type { Compaction, Turn } from './turn';
import type { TurnError } from '../turn/turnError';

/**
 * Compaction keeps a long conversation inside the model's context window. Three ways, best first:
 * - the server compacts by itself when a request carries `context_management` (OpenAI); the response then holds a
 *   compaction item and the chain goes on from it (`server`);
 * - Threadline calls `responses/compact` on the chain and sends its items ahead of the next message (`compact`);
 * - an endpoint that can do neither gets a new chain from the recent transcript, trimmed by tokens (`transcript`).
 */

/** Errors that mean "this endpoint cannot compact", not "something is wrong": fall back to the transcript. */
const CANNOT_COMPACT = new Set(['not_found', 'bad_request', 'model_not_found', 'malformed_stream', 'unexpected']);

/** The newest complete turn: the chain is anchored there, so that is where a compaction is recorded. */
export function compactionTarget(history: readonly Turn[]): Turn | undefined {
  for (let i = history.length - 1; i >= 0; i--) if (history[i].status === 'complete') return history[i];
  return undefined;
}

/** The chain's size after a turn: what its response read plus what it wrote. */
export function chainTokensAfter(turn: Turn): number {
  return turn.usage ? turn.usage.inputTokens + turn.usage.outputTokens : 0;
}

/**
 * Compacts the chain that ends at `target`. Returns the compaction to record on it, or the error to show when the
 * endpoint could compact but the request failed (no key, offline, rate limited…).
 */
export async function compactChain(provider: ModelProvider, target: Turn, storeResponses: boolean, now: number, signal?: AbortSignal): Promise<Compaction | TurnError> {
  const tokensBefore = chainTokensAfter(target);
  // Without a stored chain (store off, a Chat Completions endpoint) there is nothing to compact on the server:
  // the transcript that is re-sent is trimmed to the budget instead.
  if (!storeResponses || !target.responseId || !provider.compact) return { how: 'transcript', at: now, tokensBefore };
  const result = await provider.compact({ model: target.model, instructions: target.sentWith?.instructions ?? '', previousResponseId: target.responseId }, signal);
  if (isTurnError(result)) return CANNOT_COMPACT.has(result.kind) ? { how: 'transcript', at: now, tokensBefore } : result;
  return { how: 'compact', at: now, tokensBefore: result.inputTokens || tokensBefore, items: result.items };
}

/** A response that compacted its own chain (`context_management`) is recorded as a server-side compaction. */
export function serverCompaction(result: StreamResult, now: number): Compaction | undefined {
  if (!result.compacted || result.status !== 'completed' || !result.usage) return undefined;
  return { how: 'server', at: now, tokensBefore: result.usage.inputTokens + result.usage.outputTokens };
}
