import OpenAI, { APIError } from 'openai';
import { describeError } from '../provider/errors';
import type { ProviderSettings } from '../provider/types';
import type { ListingOutcome } from './connectionDiagnosis';

/**
 * `models.list` through the official SDK: how the course checks that a key works, and what the model picker shows.
 * Never throws: a failure comes back described, with its HTTP status when there was one.
 */
export async function listModels(settings: ProviderSettings, options: { fetch?: typeof fetch; signal?: AbortSignal } = {}): Promise<ListingOutcome> {
  const started = performance.now();
  const client = new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    organization: settings.organization ?? null,
    project: settings.project ?? null,
    timeout: Math.max(1, Math.round(settings.timeoutMs)),
    maxRetries: 0,
    ...(settings.headers ? { defaultHeaders: settings.headers } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  try {
    const ids: string[] = [];
    for await (const model of client.models.list(options.signal ? { signal: options.signal } : undefined)) {
      ids.push(model.id);
      if (ids.length >= 2000) break;
    }
    return { ok: true, ms: performance.now() - started, ids: ids.sort() };
  } catch (error) {
    const described = describeError(error, { baseURL: settings.baseURL, model: '(list models)' });
    const status = error instanceof APIError && typeof error.status === 'number' ? error.status : undefined;
    return { ok: false, ms: performance.now() - started, error: described, ...(status !== undefined ? { status } : {}) };
  }
}
