import { contextWindowFor } from '../core/tokens/contextWindows';
import type { CodeContext, Turn } from '../core/conversation/turn';
import type { Usage } from '../core/turn/usage';
import { wt } from '../core/l10n/webviewMessages';
import { isInterruptedTurn } from '../core/turn/interruption';

/** Display text for the chat panel: token counts, code references and turn outcomes. Pure. */

const COUNT = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return COUNT.format(value);
}

export function formatTokens(value: number): string {
  return value === 1 ? wt('time.oneToken') : wt('time.tokens', formatCount(value));
}

/**
 * The per-turn footer: every count the server reported, in the order a bill is read. Zeros are shown too:
 * "0 cached" says the prompt cache did not apply, which is worth knowing.
 */
export function usageSummary(usage: Usage): string {
  return [
    wt('usage.in', formatCount(usage.inputTokens)),
    wt('usage.cached', formatCount(usage.cachedTokens)),
    wt('usage.out', formatCount(usage.outputTokens)),
    wt('usage.reasoning', formatCount(usage.reasoningTokens)),
  ].join(' · ');
}

export function usageDetail(usage: Usage): string {
  return [
    wt('usage.inputDetail', formatCount(usage.inputTokens), formatCount(usage.cachedTokens)),
    wt('usage.outputDetail', formatCount(usage.outputTokens), formatCount(usage.reasoningTokens)),
    wt('usage.total', formatCount(usage.totalTokens)),
  ].join('\n');
}

/** `file.ts:10-20` for a selection, `file.ts:10` for one line. */
export function contextLabel(context: Pick<CodeContext, 'path' | 'startLine' | 'endLine' | 'wholeFile'>): string {
  const name = context.path.split(/[\\/]/).pop() || context.path;
  if (context.wholeFile) return `${name} (whole file)`;
  const lines = context.startLine === context.endLine ? `${context.startLine}` : `${context.startLine}-${context.endLine}`;
  return `${name}:${lines}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export interface StatusDescription {
  badge: string;
  title: string;
  detail?: string;
  action?: string;
  canRetry: boolean;
}

const INCOMPLETE_REASONS: Record<string, () => string> = {
  max_output_tokens: () => wt('status.maxOutputTokens'),
  content_filter: () => wt('status.contentFilter'),
};

/** What to show for a turn that did not complete, or undefined when there is nothing to say. */
export function describeStatus(turn: Pick<Turn, 'status' | 'error' | 'incompleteReason' | 'notice'>): StatusDescription | undefined {
  const error = turn.error;
  // The provider's action usually names the wait already; say it only when it does not.
  const retryHint = error?.retryAfterSeconds !== undefined && !/\bretry\b.*\d/i.test(error.action ?? '')
    ? wt('status.retryIn', Math.ceil(error.retryAfterSeconds))
    : undefined;
  const action = [error?.action, retryHint].filter(Boolean).join(' ') || undefined;
  switch (turn.status) {
    case 'stopped':
      // The stored notice is a fixed English marker (core/turn/interruption); the page says it in its own language.
      if (isInterruptedTurn(turn)) return { badge: wt('status.stopped'), title: wt('status.interrupted'), canRetry: true };
      return { badge: wt('status.stopped'), title: error?.title ?? wt('status.stoppedTitle'), detail: error?.detail, action, canRetry: true };
    case 'failed':
      return { badge: wt('status.failed'), title: error?.title ?? wt('status.failedTitle'), detail: error?.detail, action, canRetry: true };
    case 'incomplete': {
      const reason = turn.incompleteReason ? INCOMPLETE_REASONS[turn.incompleteReason]?.() ?? wt('status.incompleteReason', turn.incompleteReason) : wt('status.incompleteTitle');
      return { badge: wt('status.incomplete'), title: error?.title ?? reason, detail: error?.detail, action, canRetry: true };
    }
    default:
      return undefined;
  }
}

/** How full the model's context window was for a response: "34% of context (400k)". */
export function contextShare(inputTokens: number, model: string): string {
  return wt('format.contextShare', contextPercent(inputTokens, model), Math.round(contextWindowFor(model).tokens / 1000));
}

/** The share alone, "34" or "<1": a few hundred tokens of a million are not "0%", the window is in use, just barely. */
export function contextPercent(inputTokens: number, model: string): string {
  const share = (inputTokens / contextWindowFor(model).tokens) * 100;
  return share > 0 && share < 1 ? '<1' : String(Math.min(999, Math.round(share)));
}
