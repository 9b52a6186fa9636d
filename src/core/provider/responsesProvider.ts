import OpenAI, { APIError, APIUserAbortError } from 'openai';
import type { TurnError } from '../conversation/turn';
import { describeError, hostOf, missingKeyError } from './errors';
import { IdleWatchdog } from './idleWatchdog';
import { redactSecrets } from './redact';
import { inputLength, toResponseParams } from './requestParams';
import { sdkLoggerFor } from './sdkLogger';
import { StreamAccumulator } from './streamAccumulator';
import { MalformedStreamFault, StreamBrokenFault, StreamStalledFault } from './streamFaults';
import type { Logger, ModelRequest, ProviderSettings, StreamListener, StreamResult } from './types';

/**
 * Streams one model response through the official SDK's Responses API.
 *
 * `stream` never throws for API, network or protocol faults: every ending is a StreamResult carrying the text
 * received so far and, when the turn did not complete, a user-facing TurnError. One instance holds one SDK client
 * for one set of settings; build a new provider when the settings change.
 */
export class ResponsesProvider {
  private client: OpenAI | undefined;
  private readonly host: string;

  constructor(
    private readonly settings: ProviderSettings,
    private readonly logger: Logger,
    private readonly options: { fetch?: typeof fetch } = {},
  ) {
    this.host = hostOf(settings.baseURL);
  }

  async stream(request: ModelRequest, listener: StreamListener, signal?: AbortSignal): Promise<StreamResult> {
    const accumulator = new StreamAccumulator(listener);
    const startedAt = performance.now();
    if (!this.settings.apiKey) return this.settle(accumulator, 'error', startedAt, missingKeyError());
    if (signal?.aborted) return this.settle(accumulator, 'stopped', startedAt);

    const params = toResponseParams(request);
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
        throw asStreamFault(error, accumulator);
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
      const turnError = this.describe(error, request, requestId ?? (error instanceof APIError ? error.requestID ?? undefined : undefined));
      return this.settle(accumulator, 'error', startedAt, turnError, requestId);
    } finally {
      signal?.removeEventListener('abort', forwardAbort);
    }
  }

  private sdk(): OpenAI {
    this.client ??= new OpenAI({
      apiKey: this.settings.apiKey,
      baseURL: this.settings.baseURL,
      organization: this.settings.organization || null,
      project: this.settings.project || null,
      timeout: Math.max(1, Math.round(this.settings.timeoutMs)),
      maxRetries: Math.max(0, Math.round(this.settings.maxRetries)),
      logger: sdkLoggerFor(this.logger, [this.settings.apiKey]),
      logLevel: 'info',
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    });
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
      ...(usage ? { usage } : {}),
      ...(incompleteReason ? { incompleteReason } : {}),
      ...(error ? { error } : {}),
    };
  }

  private redact(text: string): string {
    return redactSecrets(text, [this.settings.apiKey]);
  }
}

/** What a throw from inside the event loop means: bad bytes are a malformed stream, anything else a broken one. */
function asStreamFault(error: unknown, accumulator: StreamAccumulator): unknown {
  if (error instanceof MalformedStreamFault) return error;
  if (error instanceof SyntaxError) return new MalformedStreamFault('an event whose data is not valid JSON');
  // A JSON `{"error": ...}` payload the SDK raised as an APIError: describeError reads its code and message.
  if (error instanceof APIError && !(error instanceof APIUserAbortError)) return error;
  return new StreamBrokenFault(accumulator.receivedAny, error);
}

/**
 * The SDK sleeps between retries without watching the signal (it only checks it before the next attempt),
 * so a Stop during a long retry-after would hang. Racing the signal makes Stop immediate.
 */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new APIUserAbortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
