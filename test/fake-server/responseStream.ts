import type { ServerResponse } from 'node:http';
import type { Fault } from './faults';
import { resetWhenFlushed, sleep } from './http';
import { type Step } from './streamSteps';

/**
 * Writes one Responses stream in the real wire format: `event: TYPE`, `data: {json}`, blank line, with a
 * sequence_number on every event. The events come from streamSteps.ts; this file paces them and injects stream
 * faults at a chosen delta of the answer (commentary and reasoning deltas do not count).
 */

export interface StreamPlan {
  steps: Step[];
  delayMs: number;
  fault?: Fault;
}

export type StreamOutcome = 'completed' | 'incomplete' | 'failed' | 'faulted' | 'client_closed';

export async function writeResponseStream(res: ServerResponse, plan: StreamPlan): Promise<StreamOutcome> {
  let sequence = 0;
  let clientClosed = false;
  res.on('close', () => (clientClosed = true));
  const send = (type: string, payload: Record<string, unknown>) => {
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...payload, sequence_number: sequence++ })}\n\n`);
  };

  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const fault = plan.fault;
  const initialResponse = (plan.steps[0]?.payload.response ?? {}) as Record<string, unknown>;
  const cutAt = fault ? streamFaultCut(fault) ?? Number.POSITIVE_INFINITY : Number.POSITIVE_INFINITY;
  let deltasSent = 0;
  for (const step of plan.steps) {
    if (clientClosed || res.destroyed) return 'client_closed';
    if (step.delta) {
      if (plan.delayMs > 0) await sleep(plan.delayMs);
      if (clientClosed || res.destroyed) return 'client_closed';
    }
    if (step.delta === 'answer') {
      if (deltasSent === cutAt && fault) return injectFault(res, fault, sequence, initialResponse);
      deltasSent++;
    } else if (step.type === 'response.completed' && deltasSent >= cutAt && fault) {
      // The fault was due after the last delta: inject it in place of the terminal event.
      return injectFault(res, fault, sequence, initialResponse);
    }
    send(step.type, step.payload);
  }
  res.end();
  const terminal = plan.steps.at(-1)?.type;
  return terminal === 'response.failed' ? 'failed' : terminal === 'response.incomplete' ? 'incomplete' : 'completed';
}

/**
 * After how many answer deltas a stream fault strikes, or undefined for faults that are not stream faults.
 * By default mid-answer for the "breaks midway" faults, and before the first delta for failed.
 */
export function streamFaultCut(fault: Fault): number | undefined {
  if (!['reset', 'stall_mid_stream', 'malformed', 'error_event', 'close_early', 'incomplete', 'failed'].includes(fault.kind)) return undefined;
  return fault.afterDeltas ?? (fault.kind === 'failed' ? 0 : 3);
}

async function injectFault(res: ServerResponse, fault: Fault, sequence: number, response: Record<string, unknown>): Promise<StreamOutcome> {
  switch (fault.kind) {
    case 'reset':
      await resetWhenFlushed(res);
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
    case 'error_event': {
      // The real event nests its fields under `error` (recorded gpt-5-nano stream), unlike the SDK's flat
      // ResponseErrorEvent type, and the SDK throws on it. A response.failed follows, as in that recording.
      const error = { type: 'server_error', code: fault.code ?? 'server_error', message: fault.message ?? 'The server had an error while processing your request.', param: null };
      const failed = { ...response, status: 'failed', output: [], usage: null, error: { code: error.code, message: error.message } };
      res.write(`event: error\ndata: ${JSON.stringify({ type: 'error', sequence_number: sequence, error })}\n\n`);
      res.write(`event: response.failed\ndata: ${JSON.stringify({ type: 'response.failed', sequence_number: sequence + 1, response: failed })}\n\n`);
      res.end();
      return 'faulted';
    }
    default:
      // incomplete and failed are real terminal events; buildSteps already produced them.
      res.end();
      return 'faulted';
  }
}
