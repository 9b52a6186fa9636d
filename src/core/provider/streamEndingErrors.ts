import type { APIError } from 'openai';
import * as l10n from '@vscode/l10n';
import type { TurnError } from '../turn/turnError';
import { contextLengthExceededError, isContextLengthExceeded } from './contextLimit';
import type { ErrorContext } from './errors';
import { describeTooManyRequests } from './rateLimitErrors';
import type { StreamErrorEventFault } from './streamFaults';

/** A response the server ended early: the token limit, the content filter, or another reason it gave. */
export function describeIncomplete(reason: string | undefined): TurnError {
  const common = { kind: 'incomplete', title: l10n.t('The answer was cut short') } as const;
  if (reason === 'max_output_tokens') {
    return {
      ...common,
      detail: l10n.t('The answer reached the max_output_tokens limit.'),
      action: l10n.t('Raise max_output_tokens for the active persona (threadline.personas), or ask it to continue.'),
    };
  }
  if (reason === 'content_filter') {
    // Named on its own: retrying the same words will not help, unlike a cut at the token limit.
    return {
      kind: 'content_filter',
      title: l10n.t('The content filter stopped the answer'),
      detail: l10n.t('The content filter stopped the answer. The text received before it is kept.'),
      action: l10n.t('Rephrase the request.'),
    };
  }
  return {
    ...common,
    detail: reason ? l10n.t('The server ended the answer early ({0}).', reason) : l10n.t('The server ended the answer early.'),
    action: l10n.t('Retry, or ask it to continue.'),
  };
}

/** An `error` event in the middle of a stream: a rate limit, a context overflow, or whatever the server said. */
export function describeErrorEvent(error: StreamErrorEventFault, context: ErrorContext): TurnError {
  const code = error.code ?? '';
  if (code === 'rate_limit_exceeded' || code === 'insufficient_quota') {
    const fake = { code, type: code, status: 429, headers: undefined } as unknown as APIError;
    return describeTooManyRequests(fake, error.serverMessage ?? '', {});
  }
  if (isContextLengthExceeded(code, error.serverMessage)) return contextLengthExceededError(error.serverMessage ?? '', context.model);
  return {
    kind: 'stream_error',
    title: l10n.t('The server reported an error mid-answer'),
    detail: `${error.serverMessage ?? l10n.t('No message.')}${code ? ` (${code})` : ''}`,
    action: l10n.t('Retry. If it keeps happening, try another model than “{0}”.', context.model),
  };
}
