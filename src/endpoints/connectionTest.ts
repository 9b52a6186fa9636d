// The same bundle as vscode.l10n.t (host/localization.ts), without tying this module to the editor.
import * as l10n from '@vscode/l10n';
import { type ConnectionReport, diagnoseConnection, type StepOutcome } from '../core/endpoints/connectionDiagnosis';
import type { TurnError } from '../core/turn/turnError';
import type { Logger, ModelProvider } from '../core/provider/types';
import type { ProviderFactory } from '../host/providerFactory';
import type { ModelCatalog } from './modelCatalog';

/** The smallest request the Responses API takes (max_output_tokens has a floor of 16): enough to prove a model answers. */
const ONE_TOKEN_REQUEST = { instructions: 'Reply with one word.', input: 'ping', maxOutputTokens: 16, store: false } as const;

/**
 * Test Connection's two steps against one profile: `models.list` through the SDK, then a one-token request through
 * the same provider a turn would use (so the dialect is the one turns get). The verdict comes from core.
 */
export async function testConnection(
  deps: { providers: ProviderFactory; catalog: ModelCatalog; logger: Logger },
  endpointId: string | undefined,
  model: string,
): Promise<ConnectionReport | TurnError> {
  const resolved = await deps.providers.resolve(endpointId);
  if ('kind' in resolved) return resolved;
  const provider = await deps.providers.create(resolved.profile.id);
  if ('kind' in provider) return provider;
  const listing = await deps.catalog.list(resolved.profile.id, resolved.settings, true);
  // When the server cannot be reached at all, a second attempt only repeats the wait.
  const unreachable = !listing.ok && ['dns', 'tls', 'connection', 'proxy_auth', 'proxy_rejected', 'proxy_unreachable'].includes(listing.error.kind);
  const request = unreachable ? undefined : await oneTokenRequest(provider, model);
  const report = diagnoseConnection({ profile: resolved.profile, model, dialect: provider.dialect, listing, ...(request ? { request } : {}) });
  deps.logger.info(`Test Connection ${resolved.profile.id}: ${report.headline}${report.diagnosis ? ` — ${report.diagnosis.detail}` : ''}`);
  return report;
}

async function oneTokenRequest(provider: ModelProvider, model: string): Promise<StepOutcome> {
  const started = performance.now();
  const result = await provider.stream({ ...ONE_TOKEN_REQUEST, model }, { onDelta: () => undefined });
  const ms = performance.now() - started;
  // An answer cut short by the token limit still proves the model answers.
  return result.status === 'completed' || result.status === 'incomplete'
    ? { ok: true, ms }
    : { ok: false, ms, error: result.error ?? { kind: 'unexpected', title: l10n.t('The request did not complete'), detail: result.status }, ...statusOf(result.error) };
}

/** The HTTP status a described error carries in its title, e.g. "The server rejected the request (407)". */
function statusOf(error: TurnError | undefined): { status?: number } {
  const match = error && /\((\d{3})\)/.exec(error.title);
  if (match) return { status: Number(match[1]) };
  if (error?.kind === 'auth') return { status: 401 };
  if (error?.kind === 'model_not_found' || error?.kind === 'not_found') return { status: 404 };
  return {};
}
