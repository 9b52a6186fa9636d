import type { ServerResponse } from 'node:http';
import type { Fault } from './faults';
import { type FakeReply, splitIntoDeltas } from './replies';

/**
 * Writes one Responses stream in the real wire format: `event: TYPE`, `data: {json}`, blank line, with a
 * sequence_number on every event, and items and parts announced before their deltas (the SDK's stream helper
 * rejects deltas for parts it never saw). Stream faults are injected at a chosen delta.
 */

export interface StreamPlan {
  response: Record<string, unknown>;
  reply: FakeReply;
  usage: Record<string, unknown>;
  delayMs: number;
  fault?: Fault;
}

export type StreamOutcome = 'completed' | 'incomplete' | 'failed' | 'faulted' | 'client_closed';

type Step = { type: string; payload: Record<string, unknown>; isDelta?: boolean };

export async function writeResponseStream(res: ServerResponse, plan: StreamPlan): Promise<StreamOutcome> {
  let sequence = 0;
  let clientClosed = false;
  res.on('close', () => (clientClosed = true));
  const send = (type: string, payload: Record<string, unknown>) => {
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...payload, sequence_number: sequence++ })}\n\n`);
  };

  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const fault = plan.fault;
  const cutAt = fault && isStreamFault(fault.kind) ? fault.afterDeltas ?? defaultCut(fault.kind) : Number.POSITIVE_INFINITY;
  let deltasSent = 0;
  for (const step of buildSteps(plan, cutAt)) {
    if (clientClosed || res.destroyed) return 'client_closed';
    if (step.isDelta) {
      if (plan.delayMs > 0) await sleep(plan.delayMs);
      if (clientClosed || res.destroyed) return 'client_closed';
      if (deltasSent === cutAt && fault) return injectFault(res, fault, sequence);
      deltasSent++;
    } else if (step.type === 'response.completed' && deltasSent >= cutAt && fault) {
      // The fault was due after the last delta: inject it in place of the terminal event.
      return injectFault(res, fault, sequence);
    }
    send(step.type, step.payload);
  }
  res.end();
  const terminal = fault?.kind === 'incomplete' ? 'incomplete' : fault?.kind === 'failed' ? 'failed' : 'completed';
  return terminal;
}

function isStreamFault(kind: Fault['kind']): boolean {
  return ['reset', 'stall_mid_stream', 'malformed', 'error_event', 'close_early', 'incomplete', 'failed'].includes(kind);
}

/** Where each stream fault strikes by default: mid-answer for the "breaks midway" faults, at the start for failed. */
function defaultCut(kind: Fault['kind']): number {
  return kind === 'failed' ? 0 : 3;
}

async function injectFault(res: ServerResponse, fault: Fault, sequence: number): Promise<StreamOutcome> {
  switch (fault.kind) {
    case 'reset':
      // Let the events already written reach the client first, or the reset would land before the headers.
      await flushed(res);
      res.socket?.destroy();
      return 'faulted';
    case 'stall_mid_stream':
      // Keep the socket open and say nothing more; the server's stop() closes it.
      return 'faulted';
    case 'malformed':
      res.write(`event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta": tru\n\n`);
      res.end();
      return 'faulted';
    case 'close_early':
      res.end();
      return 'faulted';
    case 'error_event':
      res.write(
        `event: error\ndata: ${JSON.stringify({
          type: 'error',
          code: fault.code ?? 'server_error',
          message: fault.message ?? 'The server had an error while processing your request.',
          param: null,
          sequence_number: sequence,
        })}\n\n`,
      );
      res.end();
      return 'faulted';
    default:
      // incomplete and failed are real terminal events; buildSteps already produced them.
      res.end();
      return 'faulted';
  }
}

function buildSteps(plan: StreamPlan, cutAt: number): Step[] {
  const { response, reply } = plan;
  const steps: Step[] = [];
  const snapshot = (status: string, extra: Record<string, unknown> = {}) => ({ ...response, status, ...extra });
  steps.push({ type: 'response.created', payload: { response: snapshot('in_progress', { output: [], usage: null }) } });
  steps.push({ type: 'response.in_progress', payload: { response: snapshot('in_progress', { output: [], usage: null }) } });
  const fault = plan.fault;
  const ending = fault?.kind === 'failed' ? 'failed' : fault?.kind === 'incomplete' ? 'incomplete' : 'completed';
  const limit = ending === 'completed' ? Number.POSITIVE_INFINITY : cutAt;
  const output: Record<string, unknown>[] = [];
  let deltaBudget = limit;

  if (reply.reasoning) {
    const index = output.length;
    const id = `rs_${String(response.id).slice(5)}`;
    const deltas = splitIntoDeltas(reply.reasoning);
    steps.push({ type: 'response.output_item.added', payload: { output_index: index, item: { id, type: 'reasoning', summary: [] } } });
    steps.push({ type: 'response.reasoning_summary_part.added', payload: { item_id: id, output_index: index, summary_index: 0, part: { type: 'summary_text', text: '' } } });
    for (const delta of deltas) {
      steps.push({ type: 'response.reasoning_summary_text.delta', payload: { item_id: id, output_index: index, summary_index: 0, delta } });
    }
    const part = { type: 'summary_text', text: reply.reasoning };
    steps.push({ type: 'response.reasoning_summary_text.done', payload: { item_id: id, output_index: index, summary_index: 0, text: reply.reasoning } });
    steps.push({ type: 'response.reasoning_summary_part.done', payload: { item_id: id, output_index: index, summary_index: 0, part } });
    const item = { id, type: 'reasoning', summary: [part] };
    steps.push({ type: 'response.output_item.done', payload: { output_index: index, item } });
    output.push(item);
  }

  const index = output.length;
  const id = `msg_${String(response.id).slice(5)}`;
  const isRefusal = reply.refusal !== undefined;
  const fullText = isRefusal ? reply.refusal ?? '' : reply.text;
  const allDeltas = reply.deltas ?? splitIntoDeltas(fullText);
  const deltas = allDeltas.slice(0, Math.min(allDeltas.length, deltaBudget));
  deltaBudget -= deltas.length;
  const sentText = deltas.join('');
  const emptyPart = isRefusal ? { type: 'refusal', refusal: '' } : { type: 'output_text', text: '', annotations: [], logprobs: [] };
  const donePart = isRefusal ? { type: 'refusal', refusal: sentText } : { type: 'output_text', text: sentText, annotations: [], logprobs: [] };
  const where = { item_id: id, output_index: index, content_index: 0 };
  steps.push({ type: 'response.output_item.added', payload: { output_index: index, item: { id, type: 'message', status: 'in_progress', role: 'assistant', content: [] } } });
  steps.push({ type: 'response.content_part.added', payload: { ...where, part: emptyPart } });
  for (const delta of deltas) {
    steps.push(isRefusal
      ? { type: 'response.refusal.delta', payload: { ...where, delta }, isDelta: true }
      : { type: 'response.output_text.delta', payload: { ...where, delta, logprobs: [] }, isDelta: true });
  }
  if (ending === 'failed') {
    steps.push({
      type: 'response.failed',
      payload: { response: snapshot('failed', { output, usage: null, error: { code: fault?.code ?? 'server_error', message: fault?.message ?? 'The model crashed while generating the answer.' } }) },
    });
    return steps;
  }
  steps.push(isRefusal
    ? { type: 'response.refusal.done', payload: { ...where, refusal: sentText } }
    : { type: 'response.output_text.done', payload: { ...where, text: sentText, logprobs: [] } });
  steps.push({ type: 'response.content_part.done', payload: { ...where, part: donePart } });
  const itemStatus = ending === 'incomplete' ? 'incomplete' : 'completed';
  const item = { id, type: 'message', status: itemStatus, role: 'assistant', content: [donePart] };
  steps.push({ type: 'response.output_item.done', payload: { output_index: index, item } });
  output.push(item);
  if (ending === 'incomplete') {
    steps.push({
      type: 'response.incomplete',
      payload: { response: snapshot('incomplete', { output, usage: plan.usage, incomplete_details: { reason: fault?.reason ?? 'max_output_tokens' } }) },
    });
  } else {
    steps.push({ type: 'response.completed', payload: { response: snapshot('completed', { output, usage: plan.usage }) } });
  }
  return steps;
}

async function flushed(res: ServerResponse): Promise<void> {
  while (res.socket && !res.socket.destroyed && res.socket.writableLength > 0) await sleep(1);
  await sleep(5);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
