import { APIError, APIUserAbortError, type OpenAI } from 'openai';
import type { TurnError } from '../turn/turnError';
import { capabilitiesFor, type ModelCapabilities } from '../models/capabilities';
import { LearnedParameters } from '../models/learnedParameters';
import { describeError, hostOf, missingKeyError } from './errors';
import { IdleWatchdog } from './idleWatchdog';
import { redactSecrets } from './redact';
import { parameterRefusal, describeRefusal, type ParameterRefusal } from './parameterRefusal';
import { inputLength } from './requestParams';
import { type ShapedRequest, shapeRequest } from './requestShaper';
import { createSdkClient } from './sdkClient';
import { abortable, asStreamFault } from './sdkStream';
import { classifyDeleteError } from './storedResponses';
import { StreamAccumulator } from './streamAccumulator';
import { StreamBrokenFault, StreamStalledFault } from './streamFaults';
import type { CompactResult, Logger, ModelProvider, ModelRequest, ProviderSettings, StreamListener, StreamResult } from './types';

/** A parameter the endpoint refused for a model, learned for the first time. */
export interface LearnedRefusal {
  host: string;
  model: string;
  refusal: ParameterRefusal;
}

export interface ResponsesProviderOptions {
  fetch?: typeof fetch;
  /** What servers refused, shared by every provider and kept across sessions by the host. */
  learned?: LearnedParameters;
  /** Called once per endpoint, model and parameter, so the user can be told once. */
  onLearned?(learned: LearnedRefusal): void;
}

/**
 * Streams one model response through the official SDK's Responses API.
 *
 * `stream` never throws for API, network or protocol faults: every ending is a StreamResult carrying the text
 * received so far and, when the turn did not complete, a user-facing TurnError. One instance holds one SDK client
 * for one set of settings; build a new provider when the settings change.
 *
 * Every request is shaped for its model first (requestShaper.ts): parameters the model does not take are left out
 * and reported in `notApplied`. A 400 that refuses one of them anyway is learned for this endpoint and model, and
 * the request is sent once more without it, as long as nothing had streamed yet.
 */
export class ResponsesProvider implements ModelProvider {
  readonly dialect = 'responses' as const;
  readonly keepsState = true;
  private client: OpenAI | undefined;
  private readonly host: string;
  private readonly learned: LearnedParameters;

  constructor(
    private readonly settings: ProviderSettings,
    private readonly logger: Logger,
    private readonly options: ResponsesProviderOptions = {},
  ) {
    this.host = hostOf(settings.baseURL);
    // Without a shared store, what the server refused is still remembered for this provider's lifetime.
    this.learned = options.learned ?? new LearnedParameters();
  }

  /** The base URL this provider talks to: what per-endpoint memory is keyed by. */
  get endpoint(): string {
    return this.settings.baseURL;
  }

  async stream(request: ModelRequest, listener: StreamListener, signal?: AbortSignal): Promise<StreamResult> {
    const accumulator = new StreamAccumulator(listener);
    const startedAt = performance.now();
    if (!this.settings.apiKey) return this.settle(accumulator, 'error', startedAt, missingKeyError());
    if (signal?.aborted) return this.settle(accumulator, 'stopped', startedAt);

    const capabilities = capabilitiesFor(request.model);
    let shaped = this.shape(request, capabilities);
    let outcome = await this.attempt(request, shaped, accumulator, startedAt, signal, true);
    if ('refused' in outcome) {
      // Learned by attempt(); the same request without the refused parameter, once.
      this.logger.warn(`${this.host} refused ${describeRefusal(outcome.refused)} for model ${request.model}; sending the request again without it.`);
      shaped = this.shape(request, capabilities);
      // A Stop that came while the refusal was read must not be followed by a new request.
      outcome = signal?.aborted
        ? this.settle(accumulator, 'stopped', startedAt)
        : await this.attempt(request, shaped, accumulator, startedAt, signal, false);
    }
    // The second attempt may not resend, so it always settles into a StreamResult.
    const result = outcome as StreamResult;
    return shaped.notApplied.length > 0 ? { ...result, notApplied: shaped.notApplied } : result;
  }

  private shape(request: ModelRequest, capabilities: ModelCapabilities): ShapedRequest {
    return shapeRequest(request, capabilities, this.learned.rejected(this.settings.baseURL, request.model));
  }

  /**
   * One request and its stream. A 400 refusing one of the optional parameters is learned whenever it comes; when
   * `mayResend` it is handed back instead of settled, so the caller can send the request again without it.
   */
  private async attempt(
    request: ModelRequest,
    shaped: ShapedRequest,
    accumulator: StreamAccumulator,
    startedAt: number,
    signal: AbortSignal | undefined,
    mayResend: boolean,
  ): Promise<StreamResult | { refused: ParameterRefusal }> {
    const { params } = shaped;
    this.logger.info(
      `→ POST ${this.host}/responses model=${request.model} previous_response_id=${request.previousResponseId ? 'yes' : 'no'} ` +
        `store=${request.store} input=${inputLength(request)} chars`,
    );
    if (this.logger.isDebugEnabled()) this.logger.debug(this.redact(`request body: ${JSON.stringify(params)}`));

    // One controller for both reasons to cut the request: the caller's signal and a stalled stream.
    const controller = new AbortController();
    const forwardAbort = () => controller.abort();
    signal?.addEventListener('abort', forwardAbort, { once: true });
    let requestId: string | undefined;
    let stall: StreamStalledFault | undefined;
    try {
      const started = await abortable(
        this.sdk().responses.create(params, { signal: controller.signal }).withResponse(),
        signal,
      );
      requestId = started.request_id ?? undefined;
      const watchdog = new IdleWatchdog(this.settings.timeoutMs, (idleMs) => {
        stall = new StreamStalledFault(idleMs);
        controller.abort();
      });
      try {
        for await (const event of started.data) {
          // Events already buffered when Stop was pressed must not add text after the turn was stopped.
          if (controller.signal.aborted) break;
          watchdog.touch();
          accumulator.handle(event);
        }
      } catch (error) {
        throw asStreamFault(error, accumulator.receivedAny);
      } finally {
        watchdog.stop();
      }
      // The SDK ends the loop silently on abort, so "how did it end" is read from our own state.
      if (signal?.aborted) return this.settle(accumulator, 'stopped', startedAt, undefined, requestId);
      if (stall) throw stall;
      const terminal = accumulator.terminal;
      if (!terminal) throw new StreamBrokenFault(accumulator.receivedAny);
      if (terminal.kind === 'completed') return this.settle(accumulator, 'completed', startedAt, undefined, requestId);
      const status = terminal.kind === 'error' ? 'error' : terminal.kind;
      return this.settle(accumulator, status, startedAt, this.describe(terminal.fault, request, requestId), requestId, terminal.kind === 'incomplete' ? terminal.reason : undefined);
    } catch (error) {
      if (signal?.aborted || error instanceof APIUserAbortError) {
        return this.settle(accumulator, 'stopped', startedAt, undefined, requestId);
      }
      // Only before anything streamed: a re-send must never add to text the user already sees.
      const refusal = accumulator.receivedAny ? undefined : parameterRefusal(error, shaped.sent);
      if (refusal) {
        this.learn(refusal, request.model);
        if (mayResend) return { refused: refusal };
      }
      const turnError = this.describe(error, request, requestId ?? (error instanceof APIError ? error.requestID ?? undefined : undefined));
      return this.settle(accumulator, 'error', startedAt, turnError, requestId);
    } finally {
      signal?.removeEventListener('abort', forwardAbort);
    }
  }

  /** Remembers a refusal for this endpoint and model; the user is told the first time only. */
  private learn(refusal: ParameterRefusal, model: string): void {
    const isNew = this.learned.remember(this.settings.baseURL, model, refusal.rejection);
    if (!isNew) return;
    this.logger.info(`Learned: ${this.host} does not take ${describeRefusal(refusal)} for model ${model} (${this.redact(refusal.serverMessage)}).`);
    this.options.onLearned?.({ host: this.host, model, refusal: { ...refusal, serverMessage: this.redact(refusal.serverMessage) } });
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
      const described = this.describe(error, { model: request.model, instructions: request.instructions, input: '', store: true }, undefined);
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

  private sdk(): OpenAI {
    this.client ??= createSdkClient(this.settings, this.logger, this.options.fetch);
    return this.client;
  }

  private describe(error: unknown, request: ModelRequest, requestId: string | undefined): TurnError {
    const described = describeError(error, { baseURL: this.settings.baseURL, model: request.model });
    return {
      ...described,
      title: this.redact(described.title),
      detail: this.redact(described.detail),
      ...(described.requestId ?? requestId ? { requestId: described.requestId ?? requestId } : {}),
    };
  }

  private settle(
    accumulator: StreamAccumulator,
    status: StreamResult['status'],
    startedAt: number,
    error?: TurnError,
    requestId?: string,
    incompleteReason?: string,
  ): StreamResult {
    const elapsed = Math.round(performance.now() - startedAt);
    const firstToken = accumulator.firstDeltaAt === undefined ? '-' : `${Math.round(accumulator.firstDeltaAt - startedAt)}ms`;
    const usage = accumulator.usage;
    const line =
      `← ${status} x-request-id=${error?.requestId ?? requestId ?? '-'} id=${accumulator.responseId ?? '-'} ` +
      `first-token=${firstToken} total=${elapsed}ms` +
      (usage ? ` tokens in=${usage.inputTokens} (cached ${usage.cachedTokens}) out=${usage.outputTokens} (reasoning ${usage.reasoningTokens})` : '') +
      (error ? ` ${error.kind}: ${error.detail}` : '');
    if (status === 'completed' || status === 'stopped') this.logger.info(line);
    else this.logger.warn(this.redact(line));
    const parts = accumulator.finishParts();
    return {
      status,
      parts,
      text: accumulator.text,
      refusal: accumulator.refusal,
      reasoning: accumulator.reasoning,
      ...(accumulator.responseId ? { responseId: accumulator.responseId } : {}),
      ...(accumulator.compacted ? { compacted: true } : {}),
      ...(usage ? { usage } : {}),
      ...(incompleteReason ? { incompleteReason } : {}),
      ...(error ? { error } : {}),
    };
  }

  private redact(text: string): string {
    return redactSecrets(text, [this.settings.apiKey]);
  }
}
