import * as vscode from 'vscode';
import type { TurnError } from '../core/conversation/turn';
import { checkBaseUrl } from '../core/endpoints/endpoint';
import { LearnedParameters } from '../core/models/learnedParameters';
import { missingKeyError } from '../core/provider/errors';
import { describeRefusal } from '../core/provider/parameterRefusal';
import { type LearnedRefusal, ResponsesProvider } from '../core/provider/responsesProvider';
import type { Logger, ModelProvider, ProviderSettings } from '../core/provider/types';
import type { ApiKeyStore } from './apiKeyStore';
import { readConfig } from './config';

/** Local OpenAI-compatible servers ignore the key, but the SDK insists on one. */
const LOOPBACK_PLACEHOLDER_KEY = 'threadline-local-no-key';

/**
 * Builds the provider for the next request from the current settings and key. A provider is reused while
 * nothing it depends on changed, so its HTTP connections stay warm between turns.
 */
export class ProviderFactory {
  private cached: { identity: string; provider: ResponsesProvider } | undefined;

  constructor(
    private readonly apiKeys: ApiKeyStore,
    private readonly logger: Logger,
    /** Shared by every provider built here, so what one learned outlives a change of settings. */
    private readonly learned: LearnedParameters = new LearnedParameters(),
  ) {}

  async create(): Promise<ModelProvider | TurnError> {
    const config = readConfig();
    const endpoint = checkBaseUrl(config.baseUrl);
    if (!endpoint.ok) return endpoint.error;
    const key = (await this.apiKeys.get()) ?? (endpoint.isLoopback ? LOOPBACK_PLACEHOLDER_KEY : undefined);
    if (!key) return missingKeyError();
    const settings: ProviderSettings = {
      apiKey: key,
      baseURL: endpoint.baseURL,
      organization: config.organization || undefined,
      project: config.project || undefined,
      timeoutMs: config.requestTimeoutSeconds * 1000,
      maxRetries: config.maxRetries,
    };
    const identity = JSON.stringify(settings);
    if (this.cached?.identity !== identity) {
      const provider = new ResponsesProvider(settings, this.logger, { learned: this.learned, onLearned: (l) => this.tellOnce(l) });
      this.cached = { identity, provider };
    }
    return this.cached.provider;
  }

  /** The store only reports a refusal the first time, so this shows once per endpoint, model and parameter. */
  private tellOnce({ host, model, refusal }: LearnedRefusal): void {
    void vscode.window.showInformationMessage(
      `Threadline: ${host} refused ${describeRefusal(refusal)} for ${model}, so it is no longer sent to this model. ` +
        `The server said: ${refusal.serverMessage}`,
    );
  }

  /** Whether a request could be sent without asking for a key: shown as the panel's empty state. */
  async canSend(): Promise<boolean> {
    const endpoint = checkBaseUrl(readConfig().baseUrl);
    if (endpoint.ok && endpoint.isLoopback) return true;
    return Boolean(await this.apiKeys.get());
  }
}
