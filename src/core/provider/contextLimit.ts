import * as l10n from '@vscode/l10n';
import type { TurnError } from '../turn/turnError';

/**
 * The conversation no longer fits the model's context window. OpenAI says so with code `context_length_exceeded`:
 * as an HTTP 400 before a stream starts, or as an `error` event inside a stream that already answered 200.
 * Either way the user gets the same named error and two ways forward.
 */
export const CONTEXT_LENGTH_EXCEEDED = 'context_length_exceeded';

export function isContextLengthExceeded(code: string | null | undefined, message = ''): boolean {
  return code === CONTEXT_LENGTH_EXCEEDED || /exceeds the context window|maximum context length/i.test(message);
}

export function contextLengthExceededError(serverMessage: string, model: string, requestId?: string): TurnError {
  return {
    kind: CONTEXT_LENGTH_EXCEEDED,
    title: l10n.t('The conversation no longer fits the model’s context window'),
    detail: serverMessage || l10n.t('The input is longer than the context window of “{0}”.', model),
    action: l10n.t('Compact the conversation and send again, or start a new conversation.'),
    actions: ['compactAndRetry', 'newConversation'],
    ...(requestId ? { requestId } : {}),
  };
}
