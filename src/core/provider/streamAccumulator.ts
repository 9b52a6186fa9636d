import type { Response, ResponseStreamEvent, ResponseUsage } from 'openai/resources/responses/responses';
import type { Usage } from '../conversation/turn';
import type { StreamChannel, StreamListener } from './types';
import {
  MalformedStreamFault,
  ResponseFailedFault,
  ResponseIncompleteFault,
  StreamErrorEventFault,
} from './streamFaults';

export type TerminalState =
  | { kind: 'completed' }
  | { kind: 'incomplete'; reason: string | undefined; fault: ResponseIncompleteFault }
  | { kind: 'failed'; fault: ResponseFailedFault }
  | { kind: 'error'; fault: StreamErrorEventFault };

/**
 * Folds Responses stream events into the text, refusal and reasoning received so far, forwarding every delta
 * to the listener as it arrives. It knows nothing about HTTP: the provider decides what a missing terminal
 * event or a thrown error means.
 */
export class StreamAccumulator {
  text = '';
  refusal = '';
  reasoning = '';
  responseId: string | undefined;
  usage: Usage | undefined;
  terminal: TerminalState | undefined;
  firstDeltaAt: number | undefined;
  /** A compaction item arrived: the server compacted the chain. */
  compacted = false;

  constructor(private readonly listener: StreamListener) {}

  get receivedAny(): boolean {
    return this.text.length + this.refusal.length + this.reasoning.length > 0;
  }

  handle(event: ResponseStreamEvent): void {
    if (typeof event !== 'object' || event === null || typeof (event as { type?: unknown }).type !== 'string') {
      throw new MalformedStreamFault('an event without a type');
    }
    switch (event.type) {
      case 'response.output_text.delta':
        this.append('text', event.delta);
        break;
      case 'response.refusal.delta':
        this.append('refusal', event.delta);
        break;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        this.append('reasoning', event.delta);
        break;
      case 'response.output_item.added':
        if ((event.item as { type?: string } | undefined)?.type === 'compaction') this.compacted = true;
        break;
      case 'response.created':
      case 'response.in_progress':
        this.responseId = event.response?.id ?? this.responseId;
        break;
      case 'response.completed':
        this.finishWith(event.response);
        this.terminal = { kind: 'completed' };
        break;
      case 'response.incomplete': {
        this.finishWith(event.response);
        const reason = event.response?.incomplete_details?.reason ?? undefined;
        this.terminal = { kind: 'incomplete', reason, fault: new ResponseIncompleteFault(reason) };
        break;
      }
      case 'response.failed':
        this.finishWith(event.response);
        this.terminal = {
          kind: 'failed',
          fault: new ResponseFailedFault(event.response?.error?.code ?? undefined, event.response?.error?.message ?? undefined),
        };
        break;
      case 'error':
        this.terminal = { kind: 'error', fault: new StreamErrorEventFault(event.code ?? undefined, event.message, event.param ?? undefined) };
        break;
      default:
        break;
    }
  }

  private append(channel: StreamChannel, delta: unknown): void {
    if (typeof delta !== 'string') throw new MalformedStreamFault(`a ${channel} delta that is not a string`);
    if (delta.length === 0) return;
    this.firstDeltaAt ??= performance.now();
    if (channel === 'text') this.text += delta;
    else if (channel === 'refusal') this.refusal += delta;
    else this.reasoning += delta;
    this.listener.onDelta(channel, delta);
  }

  private finishWith(response: Response | undefined): void {
    if (!response) return;
    this.responseId = response.id ?? this.responseId;
    if (response.usage) this.usage = toUsage(response.usage);
    // Some compatible servers send the whole answer only in the final response; show it rather than nothing.
    if (this.text === '' && this.refusal === '') this.backfillFrom(response);
  }

  private backfillFrom(response: Response): void {
    for (const item of response.output ?? []) {
      if (item.type !== 'message') continue;
      for (const part of item.content ?? []) {
        if (part.type === 'output_text' && part.text) this.append('text', part.text);
        else if (part.type === 'refusal' && part.refusal) this.append('refusal', part.refusal);
      }
    }
  }
}

/** Local servers often omit the detail objects; missing counts are zero, not errors. */
export function toUsage(usage: ResponseUsage): Usage {
  const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0);
  const input = count(usage.input_tokens);
  const output = count(usage.output_tokens);
  return {
    inputTokens: input,
    cachedTokens: count(usage.input_tokens_details?.cached_tokens),
    outputTokens: output,
    reasoningTokens: count(usage.output_tokens_details?.reasoning_tokens),
    totalTokens: count(usage.total_tokens) || input + output,
  };
}
