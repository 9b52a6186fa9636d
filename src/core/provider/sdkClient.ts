import OpenAI from 'openai';
import { sdkLoggerFor } from './sdkLogger';
import type { Logger, ProviderSettings } from './types';

/**
 * The one place an SDK client is built from ProviderSettings, for every dialect: key, endpoint, timeouts, retries,
 * the Threadline log, the endpoint's headers (Azure's `api-key`), and the HTTP transport (proxy, extra CAs) when the settings ask for one.
 * `fetch` replaces the transport's, for tests that watch the wire.
 */
export function createSdkClient(settings: ProviderSettings, logger: Logger, fetch?: typeof globalThis.fetch): OpenAI {
  const transport = settings.transport;
  return new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    organization: settings.organization || null,
    project: settings.project || null,
    timeout: Math.max(1, Math.round(settings.timeoutMs)),
    maxRetries: Math.max(0, Math.round(settings.maxRetries)),
    logger: sdkLoggerFor(logger, [settings.apiKey]),
    logLevel: 'info',
    ...(settings.headers ? { defaultHeaders: settings.headers } : {}),
    ...(transport ? { fetch: transport.fetch, fetchOptions: { dispatcher: transport.dispatcher } } : {}),
    ...(fetch ? { fetch } : {}),
  });
}

/**
 * The fetch the dialect probe (dialectProbe.ts) wraps around the SDK's requests: one given by the caller first,
 * then the transport's, so probed requests take the proxy and extra CAs like every other.
 */
export function baseFetch(settings: ProviderSettings, fetch?: typeof globalThis.fetch): typeof globalThis.fetch {
  return fetch ?? settings.transport?.fetch ?? globalThis.fetch;
}
