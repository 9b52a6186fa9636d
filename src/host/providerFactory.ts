import * as vscode from 'vscode';
import type { TurnError } from '../core/turn/turnError';
import type { EndpointStamp } from '../core/conversation/conversationTypes';
import { checkBaseUrl } from '../core/endpoints/endpoint';
import { missingProfileKeyError, unknownEndpointError } from '../core/endpoints/endpointErrors';
import { keyHeaders } from '../core/endpoints/presets';
import { type EndpointProfile, isKeyless } from '../core/endpoints/profiles';
import { LearnedParameters } from '../core/models/learnedParameters';
import type { DialectMemory } from '../core/provider/dialect';
import { describeRefusal } from '../core/provider/parameterRefusal';
import type { LearnedRefusal } from '../core/provider/streamingProvider';
import type { Logger, ModelProvider, ProviderSettings } from '../core/provider/types';
import { readConfig } from './config';
import type { EndpointSecrets } from './endpointSecrets';
import { createProviderFor, dialectSwitchMessage } from './providerForDialect';
import { transportFor } from './fetchDispatcher';

/** Local OpenAI-compatible servers ignore the key, but the SDK insists on one. */
const KEYLESS_PLACEHOLDER_KEY = 'threadline-local-no-key';

/** A profile ready to be talked to: what the provider and Test Connection need. */
export interface ResolvedEndpoint {
  profile: EndpointProfile;
  settings: ProviderSettings;
}

/** The profiles a provider is built for: the endpoint registry keeps them, from settings. */
export interface EndpointProfiles {
  readonly all: readonly EndpointProfile[];
  readonly active: EndpointProfile;
  /** True while no profile is set and `threadline.baseUrl` stands in. */
  readonly fromLegacy: boolean;
  byId(id: string): EndpointProfile | undefined;
}

/**
 * Builds the provider for the next request from the endpoint profile (the active one, or the one a persona names),
 * its key and the settings. A provider is reused while nothing it depends on changed, so its HTTP connections stay
 * warm between turns.
 */
export class ProviderFactory {
  private readonly cached = new Map<string, { identity: string; provider: ModelProvider }>();
  private readonly stamps = new WeakMap<ModelProvider, EndpointStamp>();
  private readonly transportIds = new WeakMap<object, number>();
  private transportCount = 0;

  constructor(
    private readonly endpoints: EndpointProfiles,
    private readonly secrets: EndpointSecrets,
    private readonly logger: Logger,
    /** Shared by every provider built here, so what one learned outlives a change of settings. */
    private readonly learned: LearnedParameters = new LearnedParameters(),
    /**
     * What `auto` profiles found, shared by every provider built here: a provider rebuilt after a settings change
     * (or another profile on the same server) starts from what the last one learned instead of probing again.
     */
    private readonly dialects: DialectMemory = sessionDialectMemory(),
  ) {}

  /** The profile by id (or the active one) with its key and settings, or why a request cannot be sent to it. */
  async resolve(endpointId?: string): Promise<ResolvedEndpoint | TurnError> {
    const profile = endpointId ? this.endpoints.byId(endpointId) : this.endpoints.active;
    if (!profile) return unknownEndpointError(endpointId ?? '', this.endpoints.all.map((p) => p.id));
    const endpoint = checkBaseUrl(profile.baseUrl, this.endpoints.fromLegacy ? {} : { profile: profile.label });
    if (!endpoint.ok) return endpoint.error;
    const stored = await this.secrets.get(profile);
    const key = stored ?? (isKeyless(profile) ? KEYLESS_PLACEHOLDER_KEY : undefined);
    if (!key) return missingProfileKeyError(profile);
    const config = readConfig();
    const headers = { ...(profile.headers ?? {}), ...keyHeaders(profile.preset, key) };
    const settings: ProviderSettings = {
      apiKey: key,
      baseURL: endpoint.baseURL,
      organization: config.organization || undefined,
      project: config.project || undefined,
      timeoutMs: config.requestTimeoutSeconds * 1000,
      maxRetries: config.maxRetries,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      transport: transportFor(endpoint.baseURL),
    };
    return { profile, settings };
  }

  async create(endpointId?: string): Promise<ModelProvider | TurnError> {
    const resolved = await this.resolve(endpointId);
    if ('kind' in resolved) return resolved;
    const { profile, settings } = resolved;
    // The transport by identity, not by its fields: an undici dispatcher's own state changes as it is used, and a
    // provider rebuilt for nothing would drop its warm connections and an `auto` provider's session state.
    const identity = JSON.stringify([profile, { ...settings, transport: settings.transport ? this.transportId(settings.transport) : undefined }]);
    const cached = this.cached.get(profile.id);
    if (cached?.identity === identity) return cached.provider;
    const provider = createProviderFor(profile, settings, {
      logger: this.logger,
      learned: this.learned,
      onLearned: (l) => this.tellOnce(l),
      dialects: this.dialects,
      onSwitched: (switched) => void vscode.window.showInformationMessage(dialectSwitchMessage(switched)),
    });
    this.cached.set(profile.id, { identity, provider });
    this.stamps.set(provider, { id: profile.id, label: profile.label });
    return provider;
  }

  private transportId(transport: object): number {
    let id = this.transportIds.get(transport);
    if (id === undefined) this.transportIds.set(transport, (id = ++this.transportCount));
    return id;
  }

  /** Which profile a provider made here talks to, as the turn it answers records it. */
  endpointOf(provider: ModelProvider): EndpointStamp | undefined {
    return this.stamps.get(provider);
  }

  /** The store only reports a refusal the first time, so this shows once per endpoint, model and parameter. */
  private tellOnce({ host, model, refusal }: LearnedRefusal): void {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Threadline: {0} refused {1} for {2}, so it is no longer sent to this model. The server said: {3}', host, describeRefusal(refusal), model, refusal.serverMessage),
    );
  }

  /** Whether a request could be sent to the active endpoint without asking for a key: the panel's empty state. */
  async canSend(): Promise<boolean> {
    const profile = this.endpoints.active;
    if (isKeyless(profile)) return true;
    return Boolean(await this.secrets.get(profile));
  }
}

/** Kept for this session only: for a factory built without the extension's globalState (tests). */
function sessionDialectMemory(): DialectMemory {
  const dialects = new Map<string, 'responses' | 'chat'>();
  return { get: (key) => dialects.get(key), set: (key, dialect) => void dialects.set(key, dialect) };
}
