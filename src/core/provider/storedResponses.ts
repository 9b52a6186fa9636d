import * as l10n from '@vscode/l10n';
import { APIError } from 'openai';
import type { ModelProvider } from './types';

/**
 * Deleting what a conversation stored on the server (`store: true` responses). A response already gone (expired,
 * deleted from another window) is not a failure; every other outcome is counted and named, and nothing here
 * ever blocks deleting the conversation locally.
 */

export interface DeleteOutcome {
  deleted: number;
  alreadyGone: number;
  failed: Array<{ id: string; reason: string }>;
}

/** How many deletes are in flight at once: quick for a long conversation, gentle on rate limits. */
const PARALLEL_DELETES = 4;

export async function deleteStoredResponses(provider: ModelProvider, ids: readonly string[], signal?: AbortSignal): Promise<DeleteOutcome> {
  const outcome: DeleteOutcome = { deleted: 0, alreadyGone: 0, failed: [] };
  const queue = [...new Set(ids)];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (signal?.aborted) {
        outcome.failed.push({ id, reason: l10n.t('cancelled') });
        continue;
      }
      const result = provider.deleteResponse ? await provider.deleteResponse(id, signal) : { reason: l10n.t('this endpoint cannot delete stored responses') };
      if (result === 'deleted') outcome.deleted++;
      else if (result === 'gone') outcome.alreadyGone++;
      else outcome.failed.push({ id, reason: result.reason });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_DELETES, queue.length) }, worker));
  return outcome;
}

/** One line for the user: "Deleted 12 stored responses; 3 were already gone; 1 failed (rate limited)." */
export function describeDeleteOutcome(outcome: DeleteOutcome): string {
  const parts = [outcome.deleted === 1
    ? l10n.t('Deleted 1 stored response on the server')
    : l10n.t('Deleted {0} stored responses on the server', outcome.deleted)];
  if (outcome.alreadyGone > 0) parts.push(outcome.alreadyGone === 1 ? l10n.t('1 was already gone') : l10n.t('{0} were already gone', outcome.alreadyGone));
  if (outcome.failed.length > 0) {
    const reasons = [...new Set(outcome.failed.map((f) => f.reason))].slice(0, 3).join('; ');
    parts.push(l10n.t('{0} failed ({1})', outcome.failed.length, reasons));
  }
  return `${parts.join('; ')}.`;
}

/** What a failed delete means: 404 is "already gone", anything else a reason to show. */
export function classifyDeleteError(error: unknown): 'gone' | { reason: string } {
  if (error instanceof APIError && error.status === 404) return 'gone';
  if (error instanceof APIError) return { reason: `${error.status ?? 'error'}: ${error.message.replace(/^\d+\s*/, '')}` };
  return { reason: error instanceof Error ? error.message : String(error) };
}
