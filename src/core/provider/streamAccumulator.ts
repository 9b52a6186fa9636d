import * as l10n from '@vscode/l10n';
import type { Response, ResponseStreamEvent, ResponseUsage } from 'openai/resources/responses/responses';
import type { Usage } from '../turn/usage';
import { AnswerAccumulator } from './answerAccumulator';
import { OutputParts } from './outputParts';
import {
  MalformedStreamFault,
  ResponseFailedFault,
  ResponseIncompleteFault,
  StreamErrorEventFault,
} from './streamFaults';
import { toolStatusFromEvent } from './toolItems';
import type { StreamChannel, StreamListener } from './types';

export type TerminalState =
  | { kind: 'completed' }
  | { kind: 'incomplete'; reason: string | undefined; fault: ResponseIncompleteFault }
  | { kind: 'failed'; fault: ResponseFailedFault }
  | { kind: 'error'; fault: StreamErrorEventFault };

/**
 * Folds Responses stream events into the answer's parts (see OutputParts), the refusal, the usage and how the
 * stream ended, telling the listener of every change as it arrives. It knows nothing about HTTP: the provider
 * decides what a missing terminal event or a thrown error means.
 */
export class StreamAccumulator extends AnswerAccumulator<OutputParts> {
  responseId: string | undefined;
  terminal: TerminalState | undefined;
  /** A compaction item arrived: the server compacted the chain. */
  compacted = false;

  constructor(listener: StreamListener, now: () => number = Date.now) {
    super(listener, OutputParts, now);
  }

  override get receivedAny(): boolean {
    return this.refusal.length > 0 || this.output.parts.some((part) =>
      part.kind === 'tool' || (part.kind === 'reasoning' ? part.paragraphs.some((p) => p.length > 0) : part.text.length > 0));
  }

  override handle(raw: unknown): void {
    if (typeof raw !== 'object' || raw === null || typeof (raw as { type?: unknown }).type !== 'string') {
      throw new MalformedStreamFault(l10n.t('an event without a type'));
    }
    // The server's JSON, taken to be what its `type` names once that is known to be a string.
    const event = raw as ResponseStreamEvent;
    const out = this.output;
    switch (event.type) {
      case 'response.output_item.added':
        out.itemAdded(event.output_index, event.item);
        if ((event.item as { type?: string } | undefined)?.type === 'compaction') this.compacted = true;
        break;
      case 'response.output_item.done':
        out.itemDone(event.output_index, event.item);
        break;
      case 'response.content_part.added':
        out.contentAdded(event, event.content_index, event.part);
        break;
      case 'response.content_part.done':
        out.contentDone(event, event.content_index, event.part);
        break;
      case 'response.output_text.delta':
        out.textDelta(event, event.content_index, delta(event.delta, 'text'), event.logprobs);
        break;
      case 'response.output_text.done':
        out.textDone(event, event.content_index, event.text, event.logprobs);
        break;
      case 'response.output_text.annotation.added':
        out.annotationAdded(event, event.content_index, event.annotation_index, event.annotation);
        break;
      case 'response.refusal.delta':
        out.refusalDelta(delta(event.delta, 'refusal'));
        break;
      case 'response.refusal.done':
        out.refusalDone(event.refusal);
        break;
      case 'response.reasoning_summary_part.added':
        out.summaryPartAdded(event, event.summary_index);
        break;
      case 'response.reasoning_summary_text.delta':
        out.summaryDelta(event, event.summary_index, delta(event.delta, 'reasoning'));
        break;
      case 'response.reasoning_summary_text.done':
        out.summaryDone(event, event.summary_index, event.text);
        break;
      // Raw reasoning (open-weight models on compatible servers) reads like a summary, one paragraph per part.
      case 'response.reasoning_text.delta':
        out.summaryDelta(event, event.content_index, delta(event.delta, 'reasoning'));
        break;
      case 'response.reasoning_text.done':
        out.summaryDone(event, event.content_index, event.text);
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
      default: {
        // Tool status events (`response.web_search_call.searching`, …), including item types newer than the SDK.
        const type: string = event.type;
        const status = toolStatusFromEvent(type);
        if (status) out.toolStatus(event as { output_index?: unknown; item_id?: unknown }, type.split('.')[1], status);
        break;
      }
    }
  }

  private finishWith(response: Response | undefined): void {
    if (!response) return;
    this.responseId = response.id ?? this.responseId;
    if (response.usage) this.usage = toUsage(response.usage);
    // The final response is the server's last word: text that never streamed, or streamed differently, wins.
    this.output.finalOutput(response.output);
  }
}

function delta(value: unknown, channel: StreamChannel): string {
  if (typeof value !== 'string') throw new MalformedStreamFault(l10n.t('a {0} delta that is not a string', channel));
  return value;
}

/** A token count as servers send it: anything that is not a positive number counts as zero, not as an error. */
export function tokenCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

/** Local servers often omit the detail objects; missing counts are zero, not errors. */
export function toUsage(usage: ResponseUsage): Usage {
  const count = tokenCount;
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
