import type { ResponseCreateParamsStreaming, ResponseStreamEvent } from 'openai/resources/responses/responses';
import type { TurnError } from '../turn/turnError';
import type { ModelCapabilities } from '../models/capabilities';
import type { Rejection } from '../models/learnedParameters';
import { missingKeyError } from './errors';
import { inputLength } from './requestParams';
import { shapeRequest } from './requestShaper';
import { classifyDeleteError } from './storedResponses';
import { StreamAccumulator } from './streamAccumulator';
import { StreamBrokenFault } from './streamFaults';
import { type OpenedStream, type StreamEnding, StreamingProvider } from './streamingProvider';
import type { CompactResult, ModelRequest, StreamListener, StreamResult } from './types';

/** What `responses.create(…).withResponse()` resolves to: the event stream and the request id the server gave it. */
interface StartedResponse {
  data: AsyncIterable<ResponseStreamEvent>;
  request_id: string | null;
}

/**
 * Streams one model response through the official SDK's Responses API (the stream's lifecycle, refusal learning
 * and faults are StreamingProvider's). The server keeps the response, so the result names it for the next request
 * to chain from, and a stored chain can be compacted or deleted.
 */
export class ResponsesProvider extends StreamingProvider<ResponseCreateParamsStreaming, StartedResponse, OpenedStream, StreamAccumulator> {
  readonly dialect = 'responses' as const;
  readonly keepsState = true;

  protected override accumulator(listener: StreamListener): StreamAccumulator {
    return new StreamAccumulator(listener);
  }

  protected override shape(request: ModelRequest, capabilities: ModelCapabilities, rejected: ReadonlySet<Rejection>) {
    return shapeRequest(request, capabilities, rejected);
  }

  protected override requestLine(request: ModelRequest): string {
    return `→ POST ${this.host}/responses model=${request.model} previous_response_id=${request.previousResponseId ? 'yes' : 'no'} ` +
      `store=${request.store} input=${inputLength(request)} chars`;
  }

  protected override send(params: ResponseCreateParamsStreaming, signal: AbortSignal): Promise<StartedResponse> {
    return this.sdk().responses.create(params, { signal }).withResponse();
  }

  protected override open(started: StartedResponse): OpenedStream {
    return { requestId: started.request_id ?? undefined, events: started.data };
  }

  /** The terminal event says how it ended; a stream without one was cut off. */
  protected override ending(accumulator: StreamAccumulator): StreamEnding {
    const terminal = accumulator.terminal;
    if (!terminal) throw new StreamBrokenFault(accumulator.receivedAny);
    return terminal;
  }

  protected override loggedIds(accumulator: StreamAccumulator): string {
    return `id=${accumulator.responseId ?? '-'}`;
  }

  /** The id the next request chains from, and whether the server compacted the chain on the way. */
  protected override resultExtras(accumulator: StreamAccumulator): Partial<StreamResult> {
    return {
      ...(accumulator.responseId ? { responseId: accumulator.responseId } : {}),
      ...(accumulator.compacted ? { compacted: true } : {}),
    };
  }

  /**
   * Compacts a stored chain with `responses/compact`: the server folds it into user messages plus one encrypted
   * compaction item, which the next request sends in place of `previous_response_id`. Never throws.
   */
  async compact(request: { model: string; instructions: string; previousResponseId: string }, signal?: AbortSignal): Promise<CompactResult | TurnError> {
    if (!this.settings.apiKey) return missingKeyError();
    this.logger.info(`→ POST ${this.host}/responses/compact model=${request.model}`);
    try {
      const compacted = await this.sdk().responses.compact(
        { model: request.model, instructions: request.instructions, previous_response_id: request.previousResponseId },
        signal ? { signal } : {},
      );
      const inputTokens = compacted.usage?.input_tokens ?? 0;
      this.logger.info(`← compacted id=${compacted.id} items=${compacted.output.length} read ${inputTokens} tokens`);
      return { items: compacted.output, inputTokens };
    } catch (error) {
      const described = this.describe(error, request, undefined);
      this.logger.warn(this.redact(`← compact failed ${described.kind}: ${described.detail}`));
      return described;
    }
  }

  /** Deletes one stored response; 'gone' when the server no longer had it. Never throws. */
  async deleteResponse(id: string, signal?: AbortSignal): Promise<'deleted' | 'gone' | { reason: string }> {
    if (!this.settings.apiKey) return { reason: missingKeyError().title };
    try {
      await this.sdk().responses.delete(id, signal ? { signal } : {});
      return 'deleted';
    } catch (error) {
      const outcome = classifyDeleteError(error);
      if (outcome !== 'gone') this.logger.warn(this.redact(`← delete ${id} failed: ${outcome.reason}`));
      return outcome === 'gone' ? outcome : { reason: this.redact(outcome.reason) };
    }
  }
}
