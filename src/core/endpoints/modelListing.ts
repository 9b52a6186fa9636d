import * as l10n from '@vscode/l10n';
import { APIError } from 'openai';
import { createSdkClient } from '../provider/sdkClient';
import { describeError } from '../provider/errors';
import type { Logger, ProviderSettings } from '../provider/types';
import type { ListingOutcome } from './connectionDiagnosis';

const SILENT: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, isDebugEnabled: () => false };

/**
 * `models.list` through the official SDK: how the course checks that a key works, and what the model picker shows.
 * Never throws: a failure comes back described, with its HTTP status when there was one.
 */
export async function listModels(settings: ProviderSettings, options: { fetch?: typeof fetch; signal?: AbortSignal; logger?: Logger } = {}): Promise<ListingOutcome> {
  const started = performance.now();
  // No retries: a test of the connection should report the first failure, not hide it.
  const client = createSdkClient({ ...settings, maxRetries: 0 }, options.logger ?? SILENT, options.fetch);
  try {
    const ids: string[] = [];
    for await (const model of client.models.list(options.signal ? { signal: options.signal } : undefined)) {
      ids.push(model.id);
      if (ids.length >= 2000) break;
    }
    return { ok: true, ms: performance.now() - started, ids: ids.sort() };
  } catch (error) {
    const described = describeError(error, { baseURL: settings.baseURL, model: l10n.t('(list models)') });
    const status = error instanceof APIError && typeof error.status === 'number' ? error.status : undefined;
    return { ok: false, ms: performance.now() - started, error: described, ...(status !== undefined ? { status } : {}) };
  }
}
