import type { ServerResponse } from 'node:http';
import type { Fault } from './faults';
import { resetWhenFlushed, sleep } from './http';
import { tokenLogprob } from './logprobs';
import { splitIntoDeltas } from './replies';
import type { StreamOutcome } from './responseStream';

/**
 * Writes one Chat Completions stream in the real wire format (compare test/fixtures/recorded/chat/): `data: {chunk}`
 * and a blank line per chunk, the first carrying the assistant role, then content (or refusal, or reasoning text
 * under the server's field name), one chunk with the finish_reason, a usage chunk with no choices only when
 * `stream_options.include_usage` was set (every earlier chunk then has `"usage": null`), and `data: [DONE]`.
 *
 * Stream faults strike after N answer deltas, as on the Responses fake (faults.ts), plus the endings only this API
 * has: `done_missing` (everything but the [DONE] line) and `done_early` ([DONE] mid-answer, no finish_reason).
 * `incomplete`, `content_filter` and `failed` become the finish_reasons `length`, `content_filter` and `error`.
 */

export interface ChatStreamPlan {
  id: string;
  model: string;
  /** Where reasoning text streams, as DeepSeek/vLLM (`reasoning_content`) or Ollama/newer vLLM (`reasoning`) send it. */
  reasoning?: { field: 'reasoning_content' | 'reasoning'; text: string };
  text: string;
  refusal?: string;
  deltas?: string[];
  includeUsage: boolean;
  /** Alternatives per token when the request set `logprobs: true` (its `top_logprobs`, 0 when absent). */
  topLogprobs?: number;
  usage: Record<string, unknown>;
}

const CUT_FAULTS = ['reset', 'stall_mid_stream', 'malformed', 'error_event', 'close_early', 'incomplete', 'failed', 'content_filter', 'done_early', 'done_missing'];
const FINISH_FOR: Record<string, string> = { incomplete: 'length', content_filter: 'content_filter', failed: 'error' };

/** After how many answer deltas a stream fault strikes; undefined for faults that are not stream faults. */
export function chatFaultCut(fault: Fault): number | undefined {
  if (!CUT_FAULTS.includes(fault.kind)) return undefined;
  if (fault.kind === 'done_missing') return Number.POSITIVE_INFINITY;
  return fault.afterDeltas ?? 3;
}

export async function writeChatStream(res: ServerResponse, plan: ChatStreamPlan, options: { delayMs: number; fault?: Fault }): Promise<StreamOutcome> {
  let clientClosed = false;
  res.on('close', () => (clientClosed = true));
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null, logprobs: unknown = null) => ({
    id: plan.id, object: 'chat.completion.chunk', created, model: plan.model, system_fingerprint: 'fp_fake',
    choices: [{ index: 0, delta, logprobs, finish_reason: finishReason }],
    ...(plan.includeUsage ? { usage: null } : {}),
  });
  const send = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
  const { fault } = options;
  const cut = fault ? chatFaultCut(fault) ?? Number.POSITIVE_INFINITY : Number.POSITIVE_INFINITY;
  const wait = async () => {
    if (options.delayMs > 0) await sleep(options.delayMs);
    return clientClosed || res.destroyed;
  };

  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  send(chunk({ role: 'assistant', content: '', ...(plan.reasoning ? {} : { refusal: null }) }));
  if (plan.reasoning) {
    for (const delta of splitIntoDeltas(plan.reasoning.text)) {
      if (await wait()) return 'client_closed';
      send(chunk({ content: null, [plan.reasoning.field]: delta }));
    }
  }
  const deltas = plan.deltas ?? splitIntoDeltas(plan.refusal ?? plan.text);
  let sent = 0;
  for (const delta of deltas) {
    if (sent === cut && fault) return inject(res, fault, send, chunk, plan);
    if (await wait()) return 'client_closed';
    // With logprobs asked, every content chunk carries its token's entry under `logprobs.content`, as the API does.
    const logprobs = plan.topLogprobs !== undefined && plan.refusal === undefined
      ? { content: [tokenLogprob(delta, sent, plan.topLogprobs)], refusal: null } : null;
    send(chunk(plan.refusal !== undefined ? { refusal: delta } : { content: delta }, null, logprobs));
    sent++;
  }
  if (sent >= cut && fault && fault.kind !== 'done_missing') return inject(res, fault, send, chunk, plan);
  send(chunk({}, 'stop'));
  finishWithUsage(res, plan, send, fault?.kind !== 'done_missing');
  return fault?.kind === 'done_missing' ? 'faulted' : 'completed';
}

type Chunk = (delta: Record<string, unknown>, finishReason?: string | null, logprobs?: unknown) => Record<string, unknown>;

function finishWithUsage(res: ServerResponse, plan: ChatStreamPlan, send: (payload: unknown) => void, done: boolean): void {
  if (plan.includeUsage) {
    send({ id: plan.id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: plan.model, system_fingerprint: 'fp_fake', choices: [], usage: plan.usage });
  }
  if (done) res.write('data: [DONE]\n\n');
  res.end();
}

async function inject(res: ServerResponse, fault: Fault, send: (payload: unknown) => void, chunk: Chunk, plan: ChatStreamPlan): Promise<StreamOutcome> {
  switch (fault.kind) {
    case 'reset':
      await resetWhenFlushed(res);
      return 'faulted';
    case 'stall_mid_stream':
      return 'faulted';
    case 'malformed':
      res.write(`data: {"id":"${plan.id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content": tru\n\n`);
      res.end();
      return 'faulted';
    case 'error_event':
      // Mid-stream errors arrive as a chunk that is only `{"error": …}` (the SDK throws it as an APIError).
      send({ error: { message: fault.message ?? 'The server had an error while processing your request.', type: 'server_error', param: null, code: fault.code ?? 'server_error' } });
      res.end();
      return 'faulted';
    case 'done_early':
      res.write('data: [DONE]\n\n');
      res.end();
      return 'faulted';
    case 'incomplete':
    case 'content_filter':
    case 'failed':
      send(chunk({}, FINISH_FOR[fault.kind]));
      finishWithUsage(res, plan, send, true);
      return fault.kind === 'failed' ? 'failed' : 'incomplete';
    default:
      res.end();
      return 'faulted';
  }
}
