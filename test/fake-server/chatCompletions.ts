import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { inputTokens } from './chain';
import { type ChatRequestBody, chatParameterRejection } from './chatRules';
import { type ChatStreamPlan, writeChatStream } from './chatStream';
import { type Fault, parseMarkers } from './faults';
import { sendJson } from './http';
import { rulesFor } from './modelRules';
import { type Rejection, contextLengthExceeded, httpFaultRejection } from './rejections';
import { type FakeReply, estimateTokens, exampleForSchema } from './replies';
import type { StreamOutcome } from './responseStream';

/**
 * POST /v1/chat/completions on the fake server: the same faults, markers, scripted replies and context windows as
 * its /v1/responses, answered in the Chat Completions format (chatStream.ts) and refused by this API's rules
 * (chatRules.ts). Nothing is stored: this API keeps no state, so each request stands alone.
 */

/** What the route needs from the server that hosts it. */
export interface ChatHost {
  nextFault(): Fault | undefined;
  /** The reply for this request; `format` is the structured output asked for, if any. */
  makeReply(recorded: ChatRecorded, format: { type: string; schema?: unknown } | undefined): FakeReply;
  readonly deltaDelayMs: number;
  readonly contextWindows: ReadonlyMap<string, number>;
  /** Set to play a server that streams reasoning text (DeepSeek, vLLM, Ollama); OpenAI's own never does. */
  readonly chatReasoningField: 'reasoning_content' | 'reasoning' | undefined;
  readonly legacyTokenLimit: boolean;
  readonly instanceTag: string;
  reject(recorded: ChatRecorded, res: ServerResponse, rejection: Rejection): void;
}

export interface ChatRecorded {
  body: Record<string, unknown>;
  headers: Record<string, string>;
  userText: string;
  fault?: Fault['kind'];
  status?: number;
  outcome?: StreamOutcome;
  responseId?: string;
}

/** Hidden reasoning tokens of OpenAI's reasoning models on this API, by effort: counted, never shown. */
const REASONING_TOKENS: Record<string, number> = { minimal: 8, low: 32, medium: 64, high: 128, xhigh: 256 };

export async function respondToChat(host: ChatHost, recorded: ChatRecorded, res: ServerResponse): Promise<void> {
  const body = recorded.body as ChatRequestBody;
  const markers = parseMarkers(recorded.userText);
  const fault = host.nextFault() ?? markers.fault;
  recorded.fault = fault?.kind;
  const model = body.model ?? 'unknown-model';
  const httpFault = fault && httpFaultRejection(fault, model, recorded.headers.authorization ?? '');
  if (httpFault) return host.reject(recorded, res, httpFault);
  if (fault?.kind === 'stall') return;

  const rules = rulesFor(model);
  const refused = chatParameterRejection(body, rules, { legacyTokenLimit: host.legacyTokenLimit });
  if (refused) return host.reject(recorded, res, refused);
  const prompt = inputTokens(body.messages);
  const window = host.contextWindows.get(model);
  if (window !== undefined && prompt > window) {
    return host.reject(recorded, res, { ...contextLengthExceeded(), error: { ...contextLengthExceeded().error, param: 'messages' } });
  }

  const format = body.response_format?.type === 'json_schema'
    ? { type: 'json_schema', schema: body.response_format.json_schema?.schema }
    : body.response_format?.type === 'json_object' ? { type: 'json_object' } : undefined;
  const reply = host.makeReply(recorded, format);
  const effort = body.reasoning_effort ?? rules.defaultEffort ?? 'medium';
  const hidden = rules.known && rules.reasoning && effort !== 'none' ? REASONING_TOKENS[effort] ?? 64 : 0;
  const reasoningText = host.chatReasoningField && reply.reasoning !== undefined ? [reply.reasoning].flat().join('\n\n') : undefined;
  const reasoningTokens = hidden + estimateTokens(reasoningText ?? '');
  const completion = estimateTokens(reply.refusal ?? reply.text) + reasoningTokens;
  const id = `chatcmpl-${host.instanceTag}${randomBytes(6).toString('hex')}`;
  recorded.responseId = id;
  const plan: ChatStreamPlan = {
    id, model, text: reply.text, refusal: reply.refusal, deltas: reply.deltas,
    reasoning: reasoningText && host.chatReasoningField ? { field: host.chatReasoningField, text: reasoningText } : undefined,
    includeUsage: body.stream_options?.include_usage === true,
    ...(body.logprobs === true ? { topLogprobs: typeof body.top_logprobs === 'number' ? body.top_logprobs : 0 } : {}),
    usage: {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: reasoningTokens, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
  };
  if (body.stream !== true || fault?.kind === 'not_sse') {
    recorded.status = 200;
    return sendJson(res, 200, wholeCompletion(plan));
  }
  recorded.status = 200;
  recorded.outcome = await writeChatStream(res, plan, { delayMs: markers.slowMs ?? host.deltaDelayMs, fault });
}

/** The non-streaming body: one choice with the whole message, and usage always. */
function wholeCompletion(plan: ChatStreamPlan): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant', content: plan.refusal === undefined ? plan.text : null, refusal: plan.refusal ?? null };
  if (plan.reasoning) message[plan.reasoning.field] = plan.reasoning.text;
  return {
    id: plan.id, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: plan.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: 'stop' }],
    usage: plan.usage,
  };
}

/** A reply for a structured-output request when no test scripted one: valid JSON for the schema. */
export function structuredReplyText(format: { type: string; schema?: unknown } | undefined): string | undefined {
  if (format?.type === 'json_schema') return JSON.stringify(exampleForSchema(format.schema));
  if (format?.type === 'json_object') return '{"answer":"example"}';
  return undefined;
}
