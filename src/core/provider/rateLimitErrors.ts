import type { APIError } from 'openai';
import * as l10n from '@vscode/l10n';
import type { TurnError } from '../turn/turnError';
import { formatSeconds, retryAfterFrom } from './errorDetails';

/** A 429 (or the same code in a stream's error event): a billing problem that waiting will not fix, or a rate limit. */
export function describeTooManyRequests(error: APIError, message: string, base: { requestId?: string }): TurnError {
  const isQuota = error.code === 'insufficient_quota' || error.type === 'insufficient_quota';
  if (isQuota) {
    return {
      ...base,
      kind: 'insufficient_quota',
      title: l10n.t('Out of quota: a billing problem'),
      detail: message || l10n.t('The account has no remaining credit or has reached its spending limit.'),
      action: l10n.t('Check the plan and billing details of this account (for OpenAI: platform.openai.com → Settings → Billing). Waiting will not help.'),
    };
  }
  const retryAfterSeconds = retryAfterFrom(error, message);
  return {
    ...base,
    kind: 'rate_limit',
    title: l10n.t('Rate limited'),
    detail: message || l10n.t('Too many requests in a short time.'),
    action: retryAfterSeconds !== undefined
      ? l10n.t('Retry in {0}.', formatSeconds(retryAfterSeconds))
      : l10n.t('Wait a little and retry.'),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
}
