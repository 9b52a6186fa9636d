import * as l10n from '@vscode/l10n';
import type { ResponseCreateParamsStreaming, ResponseIncludable, WebSearchTool } from 'openai/resources/responses/responses';
import type { TurnError } from '../turn/turnError';
import type { ModelCapabilities } from '../models/capabilities';
import type { ModelRequest } from './types';

/**
 * The hosted web_search tool on a Responses request, and the refusal of a server that does not have it. The
 * request asks for each search's sources (`web_search_call.action.sources`) so the answer can list what the
 * search read, not only what the answer cites.
 */

export const WEB_SEARCH_SOURCES: ResponseIncludable = 'web_search_call.action.sources';

/** Adds the tool when the turn asked for it and the model takes it; otherwise returns the phrase for the footer. */
export function addWebSearch(params: ResponseCreateParamsStreaming, request: ModelRequest, capabilities: ModelCapabilities,
  effortSent: string | undefined): string | undefined {
  if (!request.webSearch) return undefined;
  if (!capabilities.webSearch) return l10n.t('web search not used by {0}', request.model);
  // gpt-5 at minimal effort answers 400: the tool needs the model to reason about what it found.
  if (effortSent === 'minimal') return l10n.t('web search not used by {0} at minimal reasoning effort', request.model);
  const tool: WebSearchTool = { type: 'web_search' };
  if (request.webSearch.contextSize) tool.search_context_size = request.webSearch.contextSize;
  params.tools = [...(params.tools ?? []), tool];
  params.include = [...(params.include ?? []), WEB_SEARCH_SOURCES];
  return undefined;
}

export const WEB_SEARCH_UNSUPPORTED = 'web_search_unsupported';

/**
 * The API's words for a model without the tool, HTTP 400 with `param: "tools"`:
 *   "Hosted tool 'web_search' is not supported with gpt-4.1-nano-2025-04-14."
 * (the same body for `web_search_preview`, e.g. openai/codex#4881). Servers without hosted tools at all say
 * "Unsupported tool type" or refuse `tools`; both mean the same to the user.
 */
export function isWebSearchUnsupported(status: number, param: string | null | undefined, message: string): boolean {
  if (status !== 400) return false;
  if (/hosted tool '?web_search/i.test(message)) return true;
  return /web_search/i.test(message) && (param === 'tools' || /^tools\[/.test(param ?? '') || /unsupported tool|not supported/i.test(message));
}

export function webSearchUnsupportedError(serverMessage: string, model: string, requestId?: string): TurnError {
  return {
    kind: WEB_SEARCH_UNSUPPORTED,
    title: l10n.t('Web search is not available for {0}', model),
    detail: serverMessage || l10n.t('The server refused the web_search tool for {0}.', model),
    action: l10n.t('Turn off web search and send again, or pick a persona whose model searches the web (gpt-5, gpt-4.1, o3).'),
    actions: ['turnOffWebSearch'],
    ...(requestId ? { requestId } : {}),
  };
}
