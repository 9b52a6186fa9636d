import { APIError, APIUserAbortError, type OpenAI } from 'openai';
import type { TurnError } from '../turn/turnError';
import { capabilitiesFor, type ModelCapabilities } from '../models/capabilities';
import { LearnedParameters, type Rejection } from '../models/learnedParameters';
import type { AnswerAccumulator } from './answerAccumulator';
import { describeError, hostOf, missingKeyError } from './errors';
import { IdleWatchdog } from './idleWatchdog';
import { describeRefusal, type ParameterRefusal, parameterRefusal } from './parameterRefusal';
import { redactSecrets } from './redact';
import type { SentParameter } from './requestShaper';
import { createSdkClient } from './sdkClient';
import { abortable, asStreamFault } from './sdkStream';
import { StreamStalledFault } from './streamFaults';
import type { Dialect, Logger, ModelProvider, ModelRequest, ProviderSettings, StreamListener, StreamResult } from './types';

/** A parameter the endpoint refused for a model, learned for the first time. */
export interface LearnedRefusal {
  host: string;
  model: string;
  refusal: ParameterRefusal;
}

export interface StreamingProviderOptions {
  fetch?: typeof fetch;
  /**
   * What servers refused, shared by every provider and kept across sessions by the host: a refusal is about the
   * model, whichever API carried it.
   */
  learned?: LearnedParameters;
  /** Called once per endpoint, model and parameter, so the user can be told once. */
  onLearned?(learned: LearnedRefusal): void;
}

/** A request body shaped for its model (requestShaper.ts, chatRequest.ts). */
export interface ShapedBody<Params> {
  params: Params;
  /** What the user configured that this request leaves out. */
  notApplied: string[];
  /** The optional parameters that went out, so a server's refusal can be matched to one of them. */
  sent: SentParameter[];
}

/** A reply whose body is about to be read: the request id the server gave it, and its events. */
export interface OpenedStream {
  requestId: string | undefined;
  events: AsyncIterable<unknown>;
}

/** How a stream that ran to its end ended, in the words both dialects' accumulators use. */
export type StreamEnding =
  | { kind: 'completed' }
  | { kind: 'incomplete'; reason: string | undefined; fault: unknown }
  | { kind: 'failed' | 'error'; fault: unknown };

/**
 * Streams one answer through the official SDK, whichever API carries it; a dialect's provider supplies only its
 * wire format (the abstract members below), so every dialect stops, stalls, fails and learns the same way. The
 * type parameters are that format's request body, what its SDK call resolves to, that reply opened for reading,
 * and the accumulator its events go to.
 *
 * `stream` never throws for API, network or protocol faults: every ending is a StreamResult carrying the text
 * received so far and, when the turn did not complete, a user-facing TurnError. One instance holds one SDK client
 * for one set of settings; build a new provider when the settings change.
 *
 * Every request is shaped for its model first: parameters the model does not take are left out and reported in
 * `notApplied`. A 400 that refuses one of them anyway is learned for this endpoint and model, and the request is
 * sent once more without it, as long as nothing had streamed yet.
 */
export abstract class StreamingProvider<Params, Reply, Opened extends OpenedStream, Accumulator extends AnswerAccumulator>
implements ModelProvider {
  abstract readonly dialect: Dialect;
  abstract readonly keepsState: boolean;
  protected readonly host: string;
  private readonly learned: LearnedParameters;
  private client: OpenAI | undefined;

  constructor(
    protected readonly settings: ProviderSettings,
    protected readonly logger: Logger,
    private readonly options: StreamingProviderOptions = {},
  ) {
    this.host = hostOf(settings.baseURL);
    // Without a shared store, what the server refused is still remembered for this provider's lifetime.
    this.learned = options.learned ?? new LearnedParameters();
  }

  /** The base URL this provider talks to: what per-endpoint memory is keyed by. */
  get endpoint(): string {
    return this.settings.baseURL;
  }

  /** A new accumulator for one answer's events. */
  protected abstract accumulator(listener: StreamListener): Accumulator;
  /** The request body for this model, leaving out what it does not take or the endpoint refused before. */
  protected abstract shape(request: ModelRequest, capabilities: ModelCapabilities, rejected: ReadonlySet<Rejection>): ShapedBody<Params>;
  /** The `→ POST` log line for one request. */
  protected abstract requestLine(request: ModelRequest, params: Params): string;
  /** The SDK call, not yet awaited: `signal` cuts it on Stop and on a stall. */
  protected abstract send(params: Params, signal: AbortSignal): Promise<Reply>;
  /** The reply's request id and events; reading them may abort `controller` to close the connection. */
  protected abstract open(reply: Reply, controller: AbortController): Opened;
  /** How a stream that was read to its end ended; throws the fault when the ending was not a whole answer. */
  protected abstract ending(accumulator: Accumulator, opened: Opened): StreamEnding;
  /** The ids the `←` log line names after the request id. */
  protected abstract loggedIds(accumulator: Accumulator): string;

  /** What only this dialect's result carries: nothing, unless the server keeps state to name. */
  protected resultExtras(_accumulator: Accumulator): Partial<StreamResult> | undefined {
    return undefined;
  }

  async stream(request: ModelRequest, listener: StreamListener, signal?: AbortSignal): Promise<StreamResult> {
    const accumulator = this.accumulator(listener);
    const startedAt = performance.now();
    if (!this.settings.apiKey) return this.settle(accumulator, 'error', startedAt, missingKeyError());
    if (signal?.aborted) return this.settle(accumulator, 'stopped', startedAt);

    const capabilities = capabilitiesFor(request.model);
    let shaped = this.shapeLearned(request, capabilities);
    let outcome = await this.attempt(request, shaped, accumulator, startedAt, signal, true);
    if ('refused' in outcome) {
      // Learned by attempt(); the same request without the refused parameter, once.
      this.logger.warn(`${this.host} refused ${describeRefusal(outcome.refused)} for model ${request.model}; sending the request again without it.`);
      shaped = this.shapeLearned(request, capabilities);
      // A Stop that came while the refusal was read must not be followed by a new request.
      outcome = signal?.aborted
        ? this.settle(accumulator, 'stopped', startedAt)
        : await this.attempt(request, shaped, accumulator, startedAt, signal, false);
    }
    // The second attempt may not resend, so it always settles into a StreamResult.
    const result = outcome as StreamResult;
    return shaped.notApplied.length > 0 ? { ...result, notApplied: shaped.notApplied } : result;
  }

  private shapeLearned(request: ModelRequest, capabilities: ModelCapabilities): ShapedBody<Params> {
    return this.shape(request, capabilities, this.learned.rejected(this.settings.baseURL, request.model));
  }

  /**
   * One request and its stream. A 400 refusing one of the optional parameters is learned whenever it comes; when
   * `mayResend` it is handed back instead of settled, so the caller can send the request again without it.
   */
  private async attempt(
    request: ModelRequest,
    shaped: ShapedBody<Params>,
    accumulator: Accumulator,
    startedAt: number,
    signal: AbortSignal | undefined,
    mayResend: boolean,
  ): Promise<StreamResult | { refused: ParameterRefusal }> {
    const { params } = shaped;
    this.logger.info(this.requestLine(request, params));
    if (this.logger.isDebugEnabled()) this.logger.debug(this.redact(`request body: ${JSON.stringify(params)}`));

    // One controller for both reasons to cut the request: the caller's signal and a stalled stream.
    const controller = new AbortController();
    const forwardAbort = () => controller.abort();
    signal?.addEventListener('abort', forwardAbort, { once: true });
    let requestId: string | undefined;
    let stall: StreamStalledFault | undefined;
    try {
      const reply = await abortable(this.send(params, controller.signal), signal);
      const opened = this.open(reply, controller);
      requestId = opened.requestId;
      const watchdog = new IdleWatchdog(this.settings.timeoutMs, (idleMs) => {
        stall = new StreamStalledFault(idleMs);
        controller.abort();
      });
      try {
        for await (const event of opened.events) {
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
      const ending = this.ending(accumulator, opened);
      if (ending.kind === 'completed') return this.settle(accumulator, 'completed', startedAt, undefined, requestId);
      const reason = ending.kind === 'incomplete' ? ending.reason : undefined;
      return this.settle(accumulator, ending.kind, startedAt, this.describe(ending.fault, request, requestId), requestId, reason);
    } catch (error) {
      if (signal?.aborted || error instanceof APIUserAbortError) return this.settle(accumulator, 'stopped', startedAt, undefined, requestId);
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
    if (!this.learned.remember(this.settings.baseURL, model, refusal.rejection)) return;
    this.logger.info(`Learned: ${this.host} does not take ${describeRefusal(refusal)} for model ${model} (${this.redact(refusal.serverMessage)}).`);
    this.options.onLearned?.({ host: this.host, model, refusal: { ...refusal, serverMessage: this.redact(refusal.serverMessage) } });
  }

  protected sdk(): OpenAI {
    this.client ??= createSdkClient(this.settings, this.logger, this.options.fetch);
    return this.client;
  }

  protected describe(error: unknown, request: Pick<ModelRequest, 'model'>, requestId: string | undefined): TurnError {
    const described = describeError(error, { baseURL: this.settings.baseURL, model: request.model, dialect: this.dialect });
    return {
      ...described,
      title: this.redact(described.title),
      detail: this.redact(described.detail),
      ...(described.requestId ?? requestId ? { requestId: described.requestId ?? requestId } : {}),
    };
  }

  private settle(
    accumulator: Accumulator,
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
      `← ${status} x-request-id=${error?.requestId ?? requestId ?? '-'} ${this.loggedIds(accumulator)} ` +
      `first-token=${firstToken} total=${elapsed}ms` +
      (usage ? ` tokens in=${usage.inputTokens} (cached ${usage.cachedTokens}) out=${usage.outputTokens} (reasoning ${usage.reasoningTokens})` : '') +
      (error ? ` ${error.kind}: ${error.detail}` : '');
    if (status === 'completed' || status === 'stopped') this.logger.info(line);
    else this.logger.warn(this.redact(line));
    return {
      status,
      parts: accumulator.finishParts(),
      text: accumulator.text,
      refusal: accumulator.refusal,
      reasoning: accumulator.reasoning,
      ...this.resultExtras(accumulator),
      ...(usage ? { usage } : {}),
      ...(incompleteReason ? { incompleteReason } : {}),
      ...(error ? { error } : {}),
    };
  }

  protected redact(text: string): string {
    return redactSecrets(text, [this.settings.apiKey]);
  }
}
