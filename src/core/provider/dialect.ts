import * as l10n from '@vscode/l10n';
/**
 * Which API an endpoint speaks, and auto-detect for endpoints set to `auto`. A profile names `responses`, `chat`
 * or `auto`; `providerFor` builds the provider for the first two, and `AutoDialectProvider` finds out for the third.
 *
 * Auto-detect: the first request goes to /responses through ResponsesProvider. When the reply says the route does
 * not exist (dialectProbe.ts has the exact rule: 404 that is not about a model, 405, 501, or a 2xx that is not an
 * event stream), the same request is sent to /chat/completions before anything was shown. If that route exists,
 * the endpoint is switched: remembered through DialectMemory, by endpoint key, and reported once through
 * `onSwitched` (the host persists the memory and tells the user). If neither route exists the address is wrong,
 * nothing is remembered, and the user is told that neither API is there. An event stream from /responses settles it
 * for this session without being stored, so a later upgrade of the server is never held against it.
 *
 * Pure: no `vscode`. Only the host's provider factory imports this file.
 */
import { endpointKey } from '../endpoints/endpointKey';
import { ChatCompletionsProvider } from './chat/chatCompletionsProvider';
import { hostOf } from './errors';
import { RouteProbe, type ProbeVerdict } from './dialectProbe';
import { ResponsesProvider } from './responsesProvider';
import { baseFetch } from './sdkClient';
import type { StreamingProviderOptions } from './streamingProvider';
import type { Dialect, Logger, ModelProvider, ModelRequest, ProviderSettings, StreamListener, StreamResult } from './types';

export type DialectSetting = Dialect | 'auto';

/** Where detected dialects are kept, by endpoint key (core/endpoints/endpointKey.ts); the host backs it with globalState. */
export interface DialectMemory {
  get(endpointKey: string): Dialect | undefined;
  set(endpointKey: string, dialect: Dialect): void;
}

export interface DialectSwitch {
  endpoint: string;
  host: string;
  /** What /responses answered, e.g. "answered 404 (text/plain)". */
  reason: string;
}

export interface AutoDialectOptions extends StreamingProviderOptions {
  memory: DialectMemory;
  onSwitched?(change: DialectSwitch): void;
}

/** The provider for a profile's dialect setting. */
export function providerFor(setting: DialectSetting, settings: ProviderSettings, logger: Logger, options: AutoDialectOptions): ModelProvider {
  if (setting === 'responses') return new ResponsesProvider(settings, logger, options);
  if (setting === 'chat') return new ChatCompletionsProvider(settings, logger, options);
  return new AutoDialectProvider(settings, logger, options);
}

export class AutoDialectProvider implements ModelProvider {
  private readonly key: string;
  private readonly host: string;
  private readonly shared: StreamingProviderOptions;
  private readonly responses: ResponsesProvider;
  private readonly chat: ChatCompletionsProvider;
  /** /responses answered with an event stream in this session. */
  private confirmed = false;
  /**
   * /responses is missing, found by a request that leaned on a server-side chain: it was not re-sent as it was,
   * since Chat Completions would answer it without the conversation. Until /chat/completions answers the next
   * request (the conversation re-sends the transcript at once, seeing keepsState false) nothing is remembered.
   */
  private chatTentative: string | undefined;

  constructor(private readonly settings: ProviderSettings, private readonly logger: Logger, private readonly options: AutoDialectOptions) {
    this.key = endpointKey(settings.baseURL);
    this.host = hostOf(settings.baseURL);
    // One store of refusals for every provider built here: what a model refused holds whichever route carried it.
    this.shared = { ...(options.fetch ? { fetch: options.fetch } : {}), learned: options.learned, onLearned: options.onLearned };
    this.responses = new ResponsesProvider(settings, logger, this.shared);
    this.chat = new ChatCompletionsProvider(settings, logger, this.shared);
  }

  /** Responses until the endpoint is known to speak only Chat Completions: the conversation asks before each turn. */
  get dialect(): Dialect {
    return this.options.memory.get(this.key) ?? (this.chatTentative !== undefined ? 'chat' : 'responses');
  }

  get keepsState(): boolean {
    return this.dialect === 'responses';
  }

  get endpoint(): string {
    return this.settings.baseURL;
  }

  /** Present only while the endpoint speaks Responses, as on the provider of that dialect. */
  get compact(): ModelProvider['compact'] {
    return this.dialect === 'responses' ? this.responses.compact.bind(this.responses) : undefined;
  }

  get deleteResponse(): ModelProvider['deleteResponse'] {
    return this.dialect === 'responses' ? this.responses.deleteResponse.bind(this.responses) : undefined;
  }

  async stream(request: ModelRequest, listener: StreamListener, signal?: AbortSignal): Promise<StreamResult> {
    const known = this.options.memory.get(this.key);
    if (known === 'chat') return this.chat.stream(request, listener, signal);
    if (this.chatTentative !== undefined) return this.tryChat(request, listener, signal, this.chatTentative);
    if (known === 'responses' || this.confirmed) return this.responses.stream(request, listener, signal);

    // A provider per probe, so the verdict read is this request's, however many requests are in flight.
    const probe = new RouteProbe(baseFetch(this.settings, this.options.fetch));
    const result = await new ResponsesProvider(this.settings, this.logger, { ...this.shared, fetch: probe.fetch }).stream(request, listener, signal);
    const verdict = probe.verdict;
    if (verdict?.kind === 'event-stream') this.confirmed = true;
    if (verdict?.kind !== 'missing' || signal?.aborted || shownAnything(result)) return result;

    if (request.previousResponseId !== undefined || request.leadingItems !== undefined) {
      this.chatTentative = verdict.reason;
      this.logger.info(`${this.host}/responses ${verdict.reason}: the next request, with the transcript, goes to /chat/completions.`);
      return result;
    }
    return this.tryChat(request, listener, signal, verdict.reason);
  }

  private async tryChat(request: ModelRequest, listener: StreamListener, signal: AbortSignal | undefined, reason: string): Promise<StreamResult> {
    this.logger.info(`${this.host}/responses ${reason}: trying /chat/completions.`);
    const chatProbe = new RouteProbe(baseFetch(this.settings, this.options.fetch));
    const chatResult = await new ChatCompletionsProvider(this.settings, this.logger, { ...this.shared, fetch: chatProbe.fetch }).stream(request, listener, signal);
    if (chatProbe.verdict?.kind === 'missing') {
      this.chatTentative = undefined;
      return this.neitherApi(chatResult, reason, chatProbe.verdict);
    }
    if (chatProbe.verdict !== undefined) {
      this.chatTentative = undefined;
      this.switchToChat(reason);
    }
    return chatResult;
  }

  private switchToChat(reason: string): void {
    if (this.options.memory.get(this.key) === 'chat') return;
    this.options.memory.set(this.key, 'chat');
    this.logger.info(`${this.host} speaks Chat Completions only (/responses ${reason}); remembered for this endpoint.`);
    this.options.onSwitched?.({ endpoint: this.settings.baseURL, host: this.host, reason });
  }

  /** Both routes are missing: the base URL is wrong, and saying "no Chat Completions API" alone would mislead. */
  private neitherApi(result: StreamResult, responsesReason: string, chat: Extract<ProbeVerdict, { kind: 'missing' }>): StreamResult {
    return {
      ...result,
      error: {
        kind: 'not_found',
        title: l10n.t('No OpenAI-compatible API at this address'),
        detail: l10n.t('{0} has neither /v1/responses (it {1}) nor /v1/chat/completions (it {2}).', this.host, responsesReason, chat.reason),
        action: l10n.t('Check threadline.baseUrl: it should end in /v1 (for Azure, /openai/v1/), and the server must be running.'),
        ...(result.error?.requestId ? { requestId: result.error.requestId } : {}),
      },
    };
  }
}

function shownAnything(result: StreamResult): boolean {
  return result.text !== '' || result.refusal !== '' || result.reasoning !== '' || (result.parts?.length ?? 0) > 0;
}
