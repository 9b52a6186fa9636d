import OpenAI from 'openai';
import { sdkLoggerFor } from './sdkLogger';
import type { Logger, ProviderSettings } from './types';

/**
 * The one way a provider builds its SDK client, whatever the dialect: the same timeout, retries, logging and
 * headers, so Responses and Chat Completions behave alike on one endpoint. `fetch` is the host's (proxy, CA) or
 * a wrapper that watches the replies (see chat/doneSentinel.ts and dialectProbe.ts).
 */
export function createSdkClient(settings: ProviderSettings, logger: Logger, fetch?: typeof globalThis.fetch): OpenAI {
  return new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    organization: settings.organization || null,
    project: settings.project || null,
    timeout: Math.max(1, Math.round(settings.timeoutMs)),
    maxRetries: Math.max(0, Math.round(settings.maxRetries)),
    logger: sdkLoggerFor(logger, [settings.apiKey]),
    logLevel: 'info',
    ...(settings.headers ? { defaultHeaders: { ...settings.headers } } : {}),
    ...(fetch ? { fetch } : {}),
  });
}
