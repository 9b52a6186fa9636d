import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from 'openai';
import * as l10n from '@vscode/l10n';
import { isVisionRefusal, modelWithoutVisionError } from './visionRefusal';
import type { TurnError } from '../turn/turnError';
import type { Dialect } from './types';
import { contextLengthExceededError, isContextLengthExceeded } from './contextLimit';
import { describeConnection } from './connectionErrors';
import { baseUrlAction, hostOf, serverMessage } from './errorDetails';
import { describeTooManyRequests } from './rateLimitErrors';
import { describeErrorEvent, describeIncomplete } from './streamEndingErrors';
import { redactSecrets } from './redact';
import { isWebSearchUnsupported, webSearchUnsupportedError } from './webSearchRequest';
import {
  MalformedStreamFault,
  ResponseFailedFault,
  ResponseIncompleteFault,
  StreamBrokenFault,
  StreamErrorEventFault,
  StreamStalledFault,
} from './streamFaults';

/**
 * Turns any failure of a model request into what the user reads: a title, the detail, and the next step.
 * `kind` is a stable name the UI and tests key on; the wording may change, the kinds do not.
 */
export type ErrorKind =
  | 'missing_key' | 'auth' | 'permission' | 'model_not_found' | 'not_found' | 'rate_limit' | 'insufficient_quota'
  | 'server' | 'connection' | 'dns' | 'tls' | 'proxy_auth' | 'proxy_unreachable' | 'proxy_rejected' | 'timeout'
  | 'stream_broken' | 'malformed_stream' | 'stream_error'
  | 'response_failed' | 'incomplete' | 'content_filter' | 'bad_request' | 'previous_response_not_found'
  | 'context_length_exceeded' | 'model_without_vision' | 'web_search_unsupported' | 'stopped' | 'unexpected';

export interface ErrorContext {
  baseURL: string;
  model: string;
  /** Which API the request went to, so a message names the right path; Responses when unset. */
  dialect?: Dialect;
}

/** The path each dialect posts to, and the name a user knows it by (a product name, the same in every language). */
const API_OF: Record<Dialect, { path: string; name: string; format: () => string }> = {
  responses: { path: '/v1/responses', name: 'Responses API', format: () => l10n.t('Responses streaming format') },
  chat: { path: '/v1/chat/completions', name: 'Chat Completions API', format: () => l10n.t('Chat Completions streaming format') },
};

/**
 * Whether an error body is about the model rather than the address: `model_not_found`, or a message or code
 * naming the model or (Azure) the deployment. The 404 message and the dialect auto-detect (dialect.ts) both ask
 * this, so "no such model" is never mistaken for "no such API".
 */
export function isAboutModel(code: string | null | undefined, message: string): boolean {
  return code === 'model_not_found' || /model|deployment/i.test(code ?? '') || /\b(?:model|deployment)s?\b/i.test(message);
}

const setKeyAction = (): string => l10n.t('Run “Threadline: Set API Key”, or set OPENAI_API_KEY in the environment VS Code starts from.');

export function missingKeyError(): TurnError {
  return {
    kind: 'missing_key',
    title: l10n.t('No API key'),
    detail: l10n.t('Threadline has no API key to send with the request.'),
    action: `${setKeyAction()} ${l10n.t('Local servers such as Ollama and LM Studio need no key: add them with “Threadline: Add Endpoint…” (their presets are keyless).')}`,
    actions: ['setApiKey'],
  };
}

/** True for the 400 a server sends when the chain's previous response is gone (expired, deleted, or never stored). */
export function isPreviousResponseNotFound(error: unknown): boolean {
  if (!(error instanceof APIError) || error.status !== 400) return false;
  return error.code === 'previous_response_not_found' || error.param === 'previous_response_id';
}

export function describeError(error: unknown, context: ErrorContext): TurnError {
  const described = describeUnredacted(error, context);
  return { ...described, detail: redactSecrets(described.detail) };
}

function describeUnredacted(error: unknown, context: ErrorContext): TurnError {
  const host = hostOf(context.baseURL);
  const api = API_OF[context.dialect ?? 'responses'];
  if (error instanceof ResponseFailedFault && isContextLengthExceeded(error.code, error.serverMessage)) {
    return contextLengthExceededError(error.serverMessage ?? '', context.model);
  }
  if (error instanceof ResponseFailedFault) {
    return {
      kind: 'response_failed',
      title: l10n.t('The model failed to answer'),
      detail: `${error.serverMessage ?? l10n.t('The server reported the response as failed without a reason.')}${error.code ? ` (${error.code})` : ''}`,
      action: l10n.t('Retry. If it keeps failing, try another model or a shorter request.'),
    };
  }
  if (error instanceof ResponseIncompleteFault) return describeIncomplete(error.reason);
  if (error instanceof StreamErrorEventFault) return describeErrorEvent(error, context);
  if (error instanceof StreamBrokenFault) {
    return {
      kind: 'stream_broken',
      title: l10n.t('The answer broke off'),
      detail: (error.ending
        ? l10n.t('{0} ended the stream before the response finished ({1}).', host, error.ending)
        : l10n.t('The connection to {0} closed before the response finished.', host)) +
        (error.receivedText ? ` ${l10n.t('The text received so far is kept.')}` : ''),
      action: l10n.t('Retry. If it keeps happening, check your network or proxy.'),
    };
  }
  if (error instanceof MalformedStreamFault) {
    return {
      kind: 'malformed_stream',
      title: l10n.t('The server sent an unreadable stream'),
      detail: l10n.t('{0} answered with data that is not the {1} ({2}).', host, api.format(), error.reason),
      action: context.dialect === 'chat'
        ? l10n.t('Check that threadline.baseUrl points at a server that implements /v1/chat/completions.')
        : l10n.t('Check that threadline.baseUrl points at a server that implements /v1/responses (not only /v1/chat/completions).'),
    };
  }
  if (error instanceof StreamStalledFault) {
    return {
      kind: 'timeout',
      title: l10n.t('The answer stalled'),
      detail: l10n.t('{0} sent nothing for {1} s in the middle of the answer. The text received so far is kept.', host, Math.round(error.idleMs / 1000)),
      action: `${l10n.t('Retry.')} ${baseUrlAction()} ${raiseTimeout()}`,
    };
  }
  if (error instanceof APIUserAbortError) {
    return { kind: 'stopped', title: l10n.t('Stopped'), detail: l10n.t('The request was cancelled.') };
  }
  if (error instanceof APIConnectionTimeoutError) {
    return {
      kind: 'timeout',
      title: l10n.t('The server did not answer in time'),
      detail: l10n.t('No response from {0} within the request timeout.', host),
      action: `${baseUrlAction()} ${raiseTimeout()}`,
    };
  }
  if (error instanceof APIConnectionError) return describeConnection(error, host);
  if (error instanceof APIError) return describeStatus(error, context, host);
  if (error instanceof SyntaxError) {
    return describeUnredacted(new MalformedStreamFault(error.message), context);
  }
  return {
    kind: 'unexpected',
    title: l10n.t('Something went wrong'),
    detail: error instanceof Error ? error.message : String(error),
    action: l10n.t('Retry. If it keeps happening, run “Threadline: Show Log” and report the entry.'),
  };
}

function describeStatus(error: APIError, context: ErrorContext, host: string): TurnError {
  const api = API_OF[context.dialect ?? 'responses'];
  const message = serverMessage(error);
  const requestId = error.requestID ?? undefined;
  const status = error.status ?? 0;
  const base = { requestId };
  if (status === 400 && isPreviousResponseNotFound(error)) {
    return {
      ...base,
      kind: 'previous_response_not_found',
      title: l10n.t('The server no longer has this conversation'),
      detail: message || l10n.t('The previous response in the chain was not found.'),
      action: l10n.t('Send again: the recent transcript is re-sent and a new chain starts.'),
    };
  }
  if (status === 400 && isContextLengthExceeded(error.code, message)) {
    return contextLengthExceededError(message, context.model, requestId);
  }
  if (status === 400 && isVisionRefusal(message, error.param)) return modelWithoutVisionError(context.model, message, requestId);
  if (isWebSearchUnsupported(status, error.param, message)) return webSearchUnsupportedError(message, context.model, requestId);
  if (status === 401) {
    return {
      ...base,
      kind: 'auth',
      title: l10n.t('The API key was rejected'),
      detail: message ? l10n.t('{0} answered 401 Unauthorized: {1}', host, message) : l10n.t('{0} answered 401 Unauthorized.', host),
      action: `${setKeyAction()} ${l10n.t('Check that threadline.baseUrl is the service the key belongs to.')}`,
      actions: ['setApiKey'],
    };
  }
  if (status === 403) {
    return {
      ...base,
      kind: 'permission',
      title: l10n.t('Access denied'),
      detail: message ? l10n.t('{0} refused the request (403): {1}', host, message) : l10n.t('{0} refused the request (403).', host),
      action: l10n.t("Check that the key's organization and project (threadline.organization, threadline.project) may use model “{0}”.", context.model),
    };
  }
  if (status === 404) {
    if (isAboutModel(error.code, message)) {
      return {
        ...base,
        kind: 'model_not_found',
        title: l10n.t('Model “{0}” is not available', context.model),
        detail: message || l10n.t('{0} does not know model “{1}”.', host, context.model),
        action: l10n.t('Pick another model in threadline.model (or the model of the active persona).'),
      };
    }
    return {
      ...base,
      kind: 'not_found',
      title: l10n.t('No {0} at this address', api.name),
      detail: message ? l10n.t('{0} answered 404 for {1}: {2}', host, api.path.slice(3), message) : l10n.t('{0} answered 404 for {1}.', host, api.path.slice(3)),
      action: l10n.t('Check threadline.baseUrl: it should end in /v1, and the server must implement {0}.', api.path),
    };
  }
  if (status === 429) return describeTooManyRequests(error, message, base);
  if (status >= 500) {
    return {
      ...base,
      kind: 'server',
      title: l10n.t('The server had an error ({0})', status),
      detail: message || l10n.t('{0} answered {1}.', host, status),
      action: l10n.t('Retry in a moment. If it persists, check the provider’s status page.'),
    };
  }
  if (status === 408) {
    return {
      ...base,
      kind: 'timeout',
      title: l10n.t('The server timed out'),
      detail: message || l10n.t('{0} answered 408 Request Timeout.', host),
      action: `${l10n.t('Retry.')} ${baseUrlAction()}`,
    };
  }
  if (error.status === undefined) {
    // A JSON `{"error": ...}` payload inside the stream: the SDK throws it without a status.
    return describeErrorEvent(new StreamErrorEventFault(error.code ?? undefined, message, error.param ?? undefined), context);
  }
  return {
    ...base,
    kind: 'bad_request',
    title: l10n.t('The server rejected the request ({0})', status),
    detail: `${message || l10n.t('No reason given.')}${error.param ? ` ${l10n.t('(parameter: {0})', error.param)}` : ''}`,
    action: error.param
      ? l10n.t("Check the setting behind “{0}” (the persona's temperature, top_p or max_output_tokens, or the model “{1}”).", error.param, context.model)
      : l10n.t('Check the request settings and that model “{0}” supports the {1}.', context.model, api.name),
  };
}

const raiseTimeout = (): string => l10n.t('Raise threadline.requestTimeoutSeconds for slow models.');

export { hostOf } from './errorDetails';
