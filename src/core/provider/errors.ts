import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from 'openai';
import { isVisionRefusal, modelWithoutVisionError } from './visionRefusal';
import type { TurnError } from '../conversation/turn';
import type { Dialect } from './types';
import { contextLengthExceededError, isContextLengthExceeded } from './contextLimit';
import { describeConnection } from './connectionErrors';
import { BASE_URL_ACTION, formatSeconds, hostOf, retryAfterFrom, serverMessage } from './errorDetails';
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

/** The path each dialect posts to, and the name a user knows it by. */
const API_OF: Record<Dialect, { path: string; name: string; format: string }> = {
  responses: { path: '/v1/responses', name: 'Responses API', format: 'Responses streaming format' },
  chat: { path: '/v1/chat/completions', name: 'Chat Completions API', format: 'Chat Completions streaming format' },
};

/**
 * Whether an error body is about the model rather than the address: `model_not_found`, or a message or code
 * naming the model or (Azure) the deployment. The 404 message and the dialect auto-detect (dialect.ts) both ask
 * this, so "no such model" is never mistaken for "no such API".
 */
export function isAboutModel(code: string | null | undefined, message: string): boolean {
  return code === 'model_not_found' || /model|deployment/i.test(code ?? '') || /\b(?:model|deployment)s?\b/i.test(message);
}

const SET_KEY_ACTION = 'Run “Threadline: Set API Key”, or set OPENAI_API_KEY in the environment VS Code starts from.';

export function missingKeyError(): TurnError {
  return {
    kind: 'missing_key',
    title: 'No API key',
    detail: 'Threadline has no API key to send with the request.',
    action: `${SET_KEY_ACTION} Local servers such as Ollama and LM Studio need no key: add them with “Threadline: Add Endpoint…” (their presets are keyless).`,
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
      title: 'The model failed to answer',
      detail: `${error.serverMessage ?? 'The server reported the response as failed without a reason.'}${error.code ? ` (${error.code})` : ''}`,
      action: 'Retry. If it keeps failing, try another model or a shorter request.',
    };
  }
  if (error instanceof ResponseIncompleteFault) return describeIncomplete(error.reason);
  if (error instanceof StreamErrorEventFault) return describeErrorEvent(error, context);
  if (error instanceof StreamBrokenFault) {
    return {
      kind: 'stream_broken',
      title: 'The answer broke off',
      detail: `${error.ending ? `${host} ended the stream before the response finished (${error.ending}).` : `The connection to ${host} closed before the response finished.`}` +
        `${error.receivedText ? ' The text received so far is kept.' : ''}`,
      action: 'Retry. If it keeps happening, check your network or proxy.',
    };
  }
  if (error instanceof MalformedStreamFault) {
    return {
      kind: 'malformed_stream',
      title: 'The server sent an unreadable stream',
      detail: `${host} answered with data that is not the ${api.format} (${error.reason}).`,
      action: context.dialect === 'chat'
        ? 'Check that threadline.baseUrl points at a server that implements /v1/chat/completions.'
        : 'Check that threadline.baseUrl points at a server that implements /v1/responses (not only /v1/chat/completions).',
    };
  }
  if (error instanceof StreamStalledFault) {
    return {
      kind: 'timeout',
      title: 'The answer stalled',
      detail: `${host} sent nothing for ${Math.round(error.idleMs / 1000)} s in the middle of the answer. The text received so far is kept.`,
      action: `Retry. ${BASE_URL_ACTION} Raise threadline.requestTimeoutSeconds for slow models.`,
    };
  }
  if (error instanceof APIUserAbortError) {
    return { kind: 'stopped', title: 'Stopped', detail: 'The request was cancelled.' };
  }
  if (error instanceof APIConnectionTimeoutError) {
    return {
      kind: 'timeout',
      title: 'The server did not answer in time',
      detail: `No response from ${host} within the request timeout.`,
      action: `${BASE_URL_ACTION} Raise threadline.requestTimeoutSeconds for slow models.`,
    };
  }
  if (error instanceof APIConnectionError) return describeConnection(error, host);
  if (error instanceof APIError) return describeStatus(error, context, host);
  if (error instanceof SyntaxError) {
    return describeUnredacted(new MalformedStreamFault(error.message), context);
  }
  return {
    kind: 'unexpected',
    title: 'Something went wrong',
    detail: error instanceof Error ? error.message : String(error),
    action: 'Retry. If it keeps happening, run “Threadline: Show Log” and report the entry.',
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
      title: 'The server no longer has this conversation',
      detail: message || 'The previous response in the chain was not found.',
      action: 'Send again: the recent transcript is re-sent and a new chain starts.',
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
      title: 'The API key was rejected',
      detail: `${host} answered 401 Unauthorized${message ? `: ${message}` : '.'}`,
      action: `${SET_KEY_ACTION} Check that threadline.baseUrl is the service the key belongs to.`,
      actions: ['setApiKey'],
    };
  }
  if (status === 403) {
    return {
      ...base,
      kind: 'permission',
      title: 'Access denied',
      detail: `${host} refused the request (403)${message ? `: ${message}` : '.'}`,
      action: `Check that the key's organization and project (threadline.organization, threadline.project) may use model “${context.model}”.`,
    };
  }
  if (status === 404) {
    if (isAboutModel(error.code, message)) {
      return {
        ...base,
        kind: 'model_not_found',
        title: `Model “${context.model}” is not available`,
        detail: message || `${host} does not know model “${context.model}”.`,
        action: 'Pick another model in threadline.model (or the model of the active persona).',
      };
    }
    return {
      ...base,
      kind: 'not_found',
      title: `No ${api.name} at this address`,
      detail: `${host} answered 404 for ${api.path.slice(3)}${message ? `: ${message}` : '.'}`,
      action: `Check threadline.baseUrl: it should end in /v1, and the server must implement ${api.path}.`,
    };
  }
  if (status === 429) return describeTooManyRequests(error, message, base);
  if (status >= 500) {
    return {
      ...base,
      kind: 'server',
      title: `The server had an error (${status})`,
      detail: message || `${host} answered ${status}.`,
      action: 'Retry in a moment. If it persists, check the provider’s status page.',
    };
  }
  if (status === 408) {
    return {
      ...base,
      kind: 'timeout',
      title: 'The server timed out',
      detail: message || `${host} answered 408 Request Timeout.`,
      action: `Retry. ${BASE_URL_ACTION}`,
    };
  }
  if (error.status === undefined) {
    // A JSON `{"error": ...}` payload inside the stream: the SDK throws it without a status.
    return describeErrorEvent(new StreamErrorEventFault(error.code ?? undefined, message, error.param ?? undefined), context);
  }
  return {
    ...base,
    kind: 'bad_request',
    title: `The server rejected the request (${status})`,
    detail: `${message || 'No reason given.'}${error.param ? ` (parameter: ${error.param})` : ''}`,
    action: error.param
      ? `Check the setting behind “${error.param}” (the persona's temperature, top_p or max_output_tokens, or the model “${context.model}”).`
      : `Check the request settings and that model “${context.model}” supports the ${api.name}.`,
  };
}

function describeTooManyRequests(error: APIError, message: string, base: { requestId?: string }): TurnError {
  const isQuota = error.code === 'insufficient_quota' || error.type === 'insufficient_quota';
  if (isQuota) {
    return {
      ...base,
      kind: 'insufficient_quota',
      title: 'Out of quota: a billing problem',
      detail: message || 'The account has no remaining credit or has reached its spending limit.',
      action: 'Check the plan and billing details of this account (for OpenAI: platform.openai.com → Settings → Billing). Waiting will not help.',
    };
  }
  const retryAfterSeconds = retryAfterFrom(error, message);
  return {
    ...base,
    kind: 'rate_limit',
    title: 'Rate limited',
    detail: message || 'Too many requests in a short time.',
    action: retryAfterSeconds !== undefined
      ? `Retry in ${formatSeconds(retryAfterSeconds)}.`
      : 'Wait a little and retry.',
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
}

function describeIncomplete(reason: string | undefined): TurnError {
  const common = { kind: 'incomplete', title: 'The answer was cut short' } as const;
  if (reason === 'max_output_tokens') {
    return {
      ...common,
      detail: 'The answer reached the max_output_tokens limit.',
      action: 'Raise max_output_tokens for the active persona (threadline.personas), or ask it to continue.',
    };
  }
  if (reason === 'content_filter') {
    // Named on its own: retrying the same words will not help, unlike a cut at the token limit.
    return {
      kind: 'content_filter',
      title: 'The content filter stopped the answer',
      detail: 'The content filter stopped the answer. The text received before it is kept.',
      action: 'Rephrase the request.',
    };
  }
  return {
    ...common,
    detail: `The server ended the answer early${reason ? ` (${reason})` : ''}.`,
    action: 'Retry, or ask it to continue.',
  };
}

function describeErrorEvent(error: StreamErrorEventFault, context: ErrorContext): TurnError {
  const code = error.code ?? '';
  if (code === 'rate_limit_exceeded' || code === 'insufficient_quota') {
    const fake = { code, type: code, status: 429, headers: undefined } as unknown as APIError;
    return describeTooManyRequests(fake, error.serverMessage ?? '', {});
  }
  if (isContextLengthExceeded(code, error.serverMessage)) return contextLengthExceededError(error.serverMessage ?? '', context.model);
  return {
    kind: 'stream_error',
    title: 'The server reported an error mid-answer',
    detail: `${error.serverMessage ?? 'No message.'}${code ? ` (${code})` : ''}`,
    action: `Retry. If it keeps happening, try another model than “${context.model}”.`,
  };
}

export { hostOf } from './errorDetails';
