import { randomBytes } from 'node:crypto';
import { compactionItem } from './chain';
import type { ModelRules } from './modelRules';
import { type FakeReply, DEFAULT_COMMENTARY, estimateTokens, splitIntoDeltas, withCitations } from './replies';
import type { OutputPlan } from './streamSteps';

/**
 * Decides what one response holds, the way the real API decides it: whether the model reasons (and whether the
 * summary is streamed), the commentary of gpt-5-class names, web search and citations, and the usage figures.
 */

/** The request fields the plan reads; the server's full body type is wider. */
export interface PlannedRequest {
  model?: string;
  instructions?: string;
  previous_response_id?: string;
  store?: boolean;
  temperature?: number;
  top_p?: number;
  max_output_tokens?: number;
  reasoning?: { effort?: string | null; summary?: string | null } | null;
  text?: { format?: { type: string }; verbosity?: string | null };
  context_management?: { type: string; compact_threshold?: number | null }[] | null;
  tools?: unknown;
  include?: unknown;
  top_logprobs?: number | null;
}

function includes(body: PlannedRequest, field: string): boolean {
  return Array.isArray(body.include) && body.include.includes(field);
}

/** Hidden reasoning tokens per effort: deterministic, and above zero whenever a model reasons. */
const REASONING_TOKENS: Record<string, number> = { minimal: 8, low: 32, medium: 64, high: 128, xhigh: 256 };

/** The compaction threshold a request sets; with none given, the model's window (when a test set one) stands in. */
export function compactionThreshold(body: PlannedRequest, window: number | undefined): number | undefined {
  const entry = body.context_management?.find((e) => e?.type === 'compaction');
  if (!entry) return undefined;
  return entry.compact_threshold ?? window;
}

export interface PlanInput {
  id: string;
  body: PlannedRequest;
  rules: ModelRules;
  reply: FakeReply;
  rendered: number;
  cachedTokens: number;
  compacted: number | undefined;
}

/** Decides which items the response holds, from the model's rules, the request and the reply. */
export function outputPlan({ id, body, rules, reply, rendered, cachedTokens, compacted }: PlanInput): OutputPlan {
  const effort = body.reasoning?.effort ?? rules.defaultEffort ?? 'medium';
  // Known models reason by their family (and not at all with effort 'none'); unknown names only when the reply says so.
  const reasons = rules.known ? rules.reasoning && effort !== 'none' : reply.reasoning !== undefined;
  const parts = reply.reasoning === undefined ? [] : typeof reply.reasoning === 'string' ? [reply.reasoning] : reply.reasoning;
  const summarized = body.reasoning?.summary != null ? parts : [];
  const plainText = (body.text?.format?.type ?? 'text') === 'text';
  const commentary = rules.phases && plainText && reply.refusal === undefined && reply.commentary !== null ? reply.commentary ?? DEFAULT_COMMENTARY : undefined;
  const cited = reply.citations && reply.refusal === undefined ? withCitations(reply.text, reply.citations) : { text: reply.text, annotations: [] };
  const extraDeltas = splitIntoDeltas(cited.text.slice(reply.text.length));
  const logprobs = includes(body, 'message.output_text.logprobs') ? { top: body.top_logprobs ?? 0 } : undefined;
  // With logprobs the API streams one token per delta; the fake's tokens are words.
  const deltas = reply.deltas ? [...reply.deltas, ...extraDeltas] : logprobs && reply.refusal === undefined ? splitIntoDeltas(cited.text, 1) : undefined;
  const reasoningTokens = reasons ? (REASONING_TOKENS[effort] ?? 64) + estimateTokens(summarized.join('')) : 0;
  const output = estimateTokens(commentary ?? '') + estimateTokens(reply.refusal ?? cited.text) + reasoningTokens;
  const usage = {
    input_tokens: rendered,
    input_tokens_details: { cached_tokens: cachedTokens },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoningTokens },
    total_tokens: rendered + output,
  };
  const response: Record<string, unknown> = {
    id,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    model: body.model ?? 'unknown-model',
    instructions: body.instructions ?? null,
    previous_response_id: body.previous_response_id ?? null,
    store: body.store !== false,
    temperature: body.temperature ?? 1,
    top_p: body.top_p ?? 1,
    max_output_tokens: body.max_output_tokens ?? null,
    top_logprobs: body.top_logprobs ?? 0,
    // Reasoning models echo their effort, 'none' included.
    reasoning: { effort: reasons || (rules.known && rules.reasoning) ? effort : null, summary: body.reasoning?.summary ?? null },
    text: { format: body.text?.format ?? { type: 'text' }, verbosity: body.text?.verbosity ?? 'medium' },
    error: null,
    incomplete_details: null,
    output: [],
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: Array.isArray(body.tools) ? body.tools : [],
  };
  return {
    response,
    usage,
    compaction: compacted === undefined ? undefined : compactionItem(compacted),
    reasoning: reasons ? { summary: summarized, encryptedContent: `gAAAAA${randomBytes(24).toString('base64url')}` } : undefined,
    commentary,
    webSearch: reply.webSearch && { query: reply.webSearch.query, sources: includes(body, 'web_search_call.action.sources') ? (reply.citations ?? []).map((c) => c.url) : undefined },
    answer: { text: cited.text, refusal: reply.refusal, deltas, annotations: cited.annotations },
    logprobs,
    phaseLabels: rules.phaseLabels,
    ending: { kind: 'completed' },
  };
}
