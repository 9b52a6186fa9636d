/**
 * core/provider/chat: the Chat Completions dialect (`POST /v1/chat/completions`), for servers that speak only that
 * API (Gemini's OpenAI endpoint, older vLLM and LM Studio builds, most gateways) and for endpoints set to it.
 *
 * - chatCompletionsProvider.ts: the ModelProvider, one request and its stream through the official SDK;
 * - chatRequest.ts: the request body, shaped by the same rules as the Responses path (requestShaper.ts);
 * - chatChunkAccumulator.ts and chatParts.ts: chunks into parts, refusal, usage and finish reason;
 * - chatFinish.ts: finish_reason and usage in the vocabulary both dialects share;
 * - chatEvents.ts: the stream's chunks, and whether it ended with `data: [DONE]`, which the SDK's Stream does not say.
 *
 * Pure: no `vscode`. It shares the provider floor's contract and faults (types.ts, errors.ts, streamFaults.ts,
 * idleWatchdog.ts, redact.ts) and core/models; only dialect.ts and the host's provider factory import it.
 */
import * as l10n from '@vscode/l10n';
import { APIError, APIUserAbortError, type OpenAI } from 'openai';
import type { TurnError } from '../../turn/turnError';
import { capabilitiesFor } from '../../models/capabilities';
import { LearnedParameters } from '../../models/learnedParameters';
import { describeError, hostOf, missingKeyError } from '../errors';
import { IdleWatchdog } from '../idleWatchdog';
import { describeRefusal, type ParameterRefusal, parameterRefusal } from '../parameterRefusal';
import { redactSecrets } from '../redact';
import { inputLength } from '../requestParams';
import type { LearnedRefusal } from '../responsesProvider';
import { createSdkClient } from '../sdkClient';
import { abortable, asStreamFault } from '../sdkStream';
import { MalformedStreamFault, StreamBrokenFault, StreamStalledFault } from '../streamFaults';
import type { Logger, ModelProvider, ModelRequest, ProviderSettings, StreamListener, StreamResult } from '../types';
import { ChatChunkAccumulator } from './chatChunkAccumulator';
import { terminalFor } from './chatFinish';
import { type ShapedChatRequest, shapeChatRequest } from './chatRequest';
import { ChatEventStream } from './chatEvents';

export interface ChatCompletionsProviderOptions {
  fetch?: typeof fetch;
  /** What servers refused, shared with the Responses path: a refusal is about the model, whichever API carried it. */
  learned?: LearnedParameters;
  onLearned?(learned: LearnedRefusal): void;
}

/**
 * Streams one answer through `chat.completions.create({ stream: true })`. Like ResponsesProvider, `stream` never
 * throws for API, network or protocol faults, and a 400 refusing an optional parameter is learned and the request
 * sent once more without it, before anything streamed. The server keeps nothing between requests, so there is no
 * response id to chain from, no compaction and nothing stored to delete.
 */
export class ChatCompletionsProvider implements ModelProvider {
  readonly dialect = 'chat' as const;
  readonly keepsState = false;
  private client: OpenAI | undefined;
  private readonly host: string;
  private readonly learned: LearnedParameters;

  constructor(
    private readonly settings: ProviderSettings,
    private readonly logger: Logger,
    private readonly options: ChatCompletionsProviderOptions = {},
  ) {
    this.host = hostOf(settings.baseURL);
    this.learned = options.learned ?? new LearnedParameters();
  }

  get endpoint(): string {
    return this.settings.baseURL;
  }

  async stream(request: ModelRequest, listener: StreamListener, signal?: AbortSignal): Promise<StreamResult> {
    const accumulator = new ChatChunkAccumulator(listener);
    const startedAt = performance.now();
    if (!this.settings.apiKey) return this.settle(accumulator, 'error', startedAt, missingKeyError());
    if (signal?.aborted) return this.settle(accumulator, 'stopped', startedAt);

    let shaped = this.shape(request);
    let outcome = await this.attempt(request, shaped, accumulator, startedAt, signal, true);
    if ('refused' in outcome) {
      this.logger.warn(`${this.host} refused ${describeRefusal(outcome.refused)} for model ${request.model}; sending the request again without it.`);
      shaped = this.shape(request);
      outcome = signal?.aborted
        ? this.settle(accumulator, 'stopped', startedAt)
        : await this.attempt(request, shaped, accumulator, startedAt, signal, false);
    }
    const result = outcome as StreamResult;
    return shaped.notApplied.length > 0 ? { ...result, notApplied: shaped.notApplied } : result;
  }

  private shape(request: ModelRequest): ShapedChatRequest {
    return shapeChatRequest(request, capabilitiesFor(request.model), this.learned.rejected(this.settings.baseURL, request.model));
  }

  private async attempt(
    request: ModelRequest,
    shaped: ShapedChatRequest,
    accumulator: ChatChunkAccumulator,
    startedAt: number,
    signal: AbortSignal | undefined,
    mayResend: boolean,
  ): Promise<StreamResult | { refused: ParameterRefusal }> {
    const { params } = shaped;
    this.logger.info(`→ POST ${this.host}/chat/completions model=${request.model} messages=${params.messages.length} input=${inputLength(request)} chars`);
    if (this.logger.isDebugEnabled()) this.logger.debug(this.redact(`request body: ${JSON.stringify(params)}`));

    const controller = new AbortController();
    const forwardAbort = () => controller.abort();
    signal?.addEventListener('abort', forwardAbort, { once: true });
    let requestId: string | undefined;
    let stall: StreamStalledFault | undefined;
    try {
      // The raw response: ChatEventStream reads its body as the SDK's Stream would, and sees [DONE] as well.
      const response = await abortable(this.sdk().chat.completions.create(params, { signal: controller.signal }).asResponse(), signal);
      requestId = response.headers.get('x-request-id') ?? undefined;
      const events = new ChatEventStream(response, controller);
      const watchdog = new IdleWatchdog(this.settings.timeoutMs, (idleMs) => {
        stall = new StreamStalledFault(idleMs);
        controller.abort();
      });
      try {
        for await (const chunk of events) {
          if (controller.signal.aborted) break;
          watchdog.touch();
          accumulator.handle(chunk);
        }
      } catch (error) {
        throw asStreamFault(error, accumulator.receivedAny);
      } finally {
        watchdog.stop();
      }
      if (signal?.aborted) return this.settle(accumulator, 'stopped', startedAt, undefined, requestId);
      if (stall) throw stall;
      this.checkEnding(response, accumulator, events.sawDone);
      const terminal = terminalFor(accumulator.finishReason ?? '');
      if (terminal.kind === 'completed') return this.settle(accumulator, 'completed', startedAt, undefined, requestId);
      const reason = terminal.kind === 'incomplete' ? terminal.reason : undefined;
      return this.settle(accumulator, terminal.kind, startedAt, this.describe(terminal.fault, request, requestId), requestId, reason);
    } catch (error) {
      if (signal?.aborted || error instanceof APIUserAbortError) return this.settle(accumulator, 'stopped', startedAt, undefined, requestId);
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

  /**
   * How the body ended decides whether the answer is whole: a reply that was no event stream at all is not this
   * API; a body without `[DONE]` was cut off; `[DONE]` with no finish_reason is a server that stopped mid-answer.
   */
  private checkEnding(response: Response, accumulator: ChatChunkAccumulator, sawDone: boolean): void {
    const contentType = response.headers.get('content-type') ?? '';
    if (accumulator.chunks === 0 && !/event-stream/i.test(contentType)) {
      throw new MalformedStreamFault(l10n.t('a reply that is not an event stream ({0})', contentType || l10n.t('no content type')));
    }
    if (!sawDone) throw new StreamBrokenFault(accumulator.receivedAny);
    if (!accumulator.finishReason) throw new StreamBrokenFault(accumulator.receivedAny, undefined, l10n.t('[DONE] came without a finish_reason'));
  }

  private learn(refusal: ParameterRefusal, model: string): void {
    if (!this.learned.remember(this.settings.baseURL, model, refusal.rejection)) return;
    this.logger.info(`Learned: ${this.host} does not take ${describeRefusal(refusal)} for model ${model} (${this.redact(refusal.serverMessage)}).`);
    this.options.onLearned?.({ host: this.host, model, refusal: { ...refusal, serverMessage: this.redact(refusal.serverMessage) } });
  }

  private sdk(): OpenAI {
    this.client ??= createSdkClient(this.settings, this.logger, this.options.fetch);
    return this.client;
  }

  private describe(error: unknown, request: ModelRequest, requestId: string | undefined): TurnError {
    const described = describeError(error, { baseURL: this.settings.baseURL, model: request.model, dialect: 'chat' });
    return {
      ...described,
      title: this.redact(described.title),
      detail: this.redact(described.detail),
      ...(described.requestId ?? requestId ? { requestId: described.requestId ?? requestId } : {}),
    };
  }

  private settle(
    accumulator: ChatChunkAccumulator,
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
      `← ${status} x-request-id=${error?.requestId ?? requestId ?? '-'} id=${accumulator.completionId ?? '-'} ` +
      `finish=${accumulator.finishReason ?? '-'} first-token=${firstToken} total=${elapsed}ms` +
      (usage ? ` tokens in=${usage.inputTokens} (cached ${usage.cachedTokens}) out=${usage.outputTokens} (reasoning ${usage.reasoningTokens})` : '') +
      (error ? ` ${error.kind}: ${error.detail}` : '');
    if (status === 'completed' || status === 'stopped') this.logger.info(line);
    else this.logger.warn(this.redact(line));
    // No responseId: a completion's id names nothing the server could continue from.
    return {
      status,
      parts: accumulator.finishParts(),
      text: accumulator.text,
      refusal: accumulator.refusal,
      reasoning: accumulator.reasoning,
      ...(usage ? { usage } : {}),
      ...(incompleteReason ? { incompleteReason } : {}),
      ...(error ? { error } : {}),
    };
  }

  private redact(text: string): string {
    return redactSecrets(text, [this.settings.apiKey]);
  }
}
