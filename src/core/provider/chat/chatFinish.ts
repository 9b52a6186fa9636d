import * as l10n from '@vscode/l10n';
import type { Usage } from '../../turn/usage';
import { tokenCount } from '../streamAccumulator';
import { ResponseFailedFault, ResponseIncompleteFault } from '../streamFaults';

/**
 * What a Chat Completions `finish_reason` and `usage` mean in the terms both dialects share, so the conversation,
 * the footer and the webview read one vocabulary:
 *   stop, tool_calls, function_call → completed (Threadline sends no tools; a server calling one still finished);
 *   length          → incomplete, reason `max_output_tokens` (the same fact the Responses API names that way);
 *   content_filter  → incomplete, reason `content_filter` (a named error: rephrasing helps, retrying does not);
 *   error           → failed (vLLM and some gateways end a broken generation so);
 *   anything else   → completed: a server's own word for "done" (`eos`, `end_turn`) must not fail a full answer.
 */

export type ChatTerminal =
  | { kind: 'completed' }
  | { kind: 'incomplete'; reason: string; fault: ResponseIncompleteFault }
  | { kind: 'failed'; fault: ResponseFailedFault };

export function terminalFor(finishReason: string): ChatTerminal {
  switch (finishReason) {
    case 'length':
      return { kind: 'incomplete', reason: 'max_output_tokens', fault: new ResponseIncompleteFault('max_output_tokens') };
    case 'content_filter':
      return { kind: 'incomplete', reason: 'content_filter', fault: new ResponseIncompleteFault('content_filter') };
    case 'error':
      return { kind: 'failed', fault: new ResponseFailedFault(undefined, l10n.t('The server ended the answer with finish_reason "error".')) };
    default:
      return { kind: 'completed' };
  }
}

/** The usage object as servers send it; every field may be missing on a compatible server. */
export interface ChatUsageBody {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
  total_tokens?: unknown;
  prompt_tokens_details?: { cached_tokens?: unknown } | null;
  completion_tokens_details?: { reasoning_tokens?: unknown } | null;
  /** DeepSeek's own name for cached input, sent beside (or instead of) prompt_tokens_details. */
  prompt_cache_hit_tokens?: unknown;
}

export function chatUsage(usage: ChatUsageBody): Usage {
  const input = tokenCount(usage.prompt_tokens);
  const output = tokenCount(usage.completion_tokens);
  return {
    inputTokens: input,
    cachedTokens: tokenCount(usage.prompt_tokens_details?.cached_tokens) || tokenCount(usage.prompt_cache_hit_tokens),
    outputTokens: output,
    reasoningTokens: tokenCount(usage.completion_tokens_details?.reasoning_tokens),
    totalTokens: tokenCount(usage.total_tokens) || input + output,
  };
}
