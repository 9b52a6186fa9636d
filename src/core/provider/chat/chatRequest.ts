import * as l10n from '@vscode/l10n';
import type { ChatCompletionCreateParamsStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ModelCapabilities } from '../../models/capabilities';
import type { Rejection } from '../../models/learnedParameters';
import { chooseSampling, type SentParameter, Shaping, shapeVerbosity } from '../requestShaper';
import type { ModelRequest } from '../types';
import { toChatUserContent } from '../../images/chatImagePart';

/**
 * Turns a ModelRequest into the Chat Completions body this model will accept. The same shaping as the Responses
 * path (requestShaper.ts) decides reasoning effort, sampling and verbosity, so a persona behaves alike on both
 * dialects and what one dialect learned about a model holds for the other. What Chat Completions cannot carry is
 * never sent: `store`, `previous_response_id`, leading items and `context_management` belong to a server-side chain,
 * and this API has none (the conversation re-sends the transcript instead, since `keepsState` is false).
 */

export interface ShapedChatRequest {
  params: ChatCompletionCreateParamsStreaming;
  notApplied: string[];
  sent: SentParameter[];
}

/** The two names of the output limit, newest first: OpenAI's reasoning models refuse `max_tokens`, old servers refuse the other. */
const TOKEN_LIMITS = ['max_completion_tokens', 'max_tokens'] as const;

export function shapeChatRequest(request: ModelRequest, capabilities: ModelCapabilities, rejected: ReadonlySet<Rejection>): ShapedChatRequest {
  const shaping = new Shaping(request.model, rejected);
  const params: ChatCompletionCreateParamsStreaming = {
    model: request.model,
    messages: chatMessages(request, capabilities),
    stream: true,
    // Without it the stream carries no token counts at all.
    stream_options: { include_usage: true },
  };
  const chosen = chooseSampling(request, capabilities, shaping, { summaries: false });
  if (chosen.effort !== undefined) params.reasoning_effort = chosen.effort;
  if (chosen.temperature !== undefined) params.temperature = chosen.temperature;
  if (chosen.topP !== undefined) params.top_p = chosen.topP;
  if (request.maxOutputTokens !== undefined) {
    const limit = TOKEN_LIMITS.find((param) => !shaping.isRejected(param));
    if (limit) params[limit] = shaping.send(limit, request.maxOutputTokens);
    else shaping.skip(l10n.t('{0} not used by {1}', 'max_output_tokens', request.model));
  }
  const verbosity = shapeVerbosity(request.verbosity, capabilities, shaping);
  if (verbosity) params.verbosity = verbosity;
  // Token confidence: the same rule as the Responses path (requestShaper.ts), in this API's two fields.
  if (request.topLogprobs !== undefined && capabilities.logprobs && !shaping.isRejected('top_logprobs')) {
    params.logprobs = true;
    params.top_logprobs = shaping.send('top_logprobs', request.topLogprobs);
  }
  // The hosted web_search tool is the Responses API's; Chat Completions has only search-preview models.
  if (request.webSearch) shaping.skip(l10n.t('web search not available on Chat Completions'));
  const format = request.textFormat;
  if (format?.type === 'json_object') params.response_format = { type: 'json_object' };
  if (format?.type === 'json_schema') {
    const { name, schema, strict, description } = format;
    params.response_format = { type: 'json_schema', json_schema: { name, schema, strict, ...(description ? { description } : {}) } };
  }
  return { params, notApplied: shaping.notApplied, sent: shaping.sent };
}

/**
 * Instructions first, then the input. Reasoning models take instructions as a `developer` message (OpenAI's
 * replacement for `system` on them); every other model, and any name the table does not know, gets `system`,
 * which every compatible server understands.
 */
export function chatMessages(request: ModelRequest, capabilities: ModelCapabilities): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [];
  if (request.instructions) messages.push({ role: capabilities.reasoning === true ? 'developer' : 'system', content: request.instructions });
  if (typeof request.input === 'string') messages.push({ role: 'user', content: request.input });
  else {
    for (const message of request.input) {
      // Images go with user messages only, in Chat Completions' own spelling (`image_url` parts).
      if (message.role === 'user' && message.images?.length) messages.push({ role: 'user', content: toChatUserContent(message.content, message.images) });
      else messages.push({ role: message.role, content: message.content });
    }
  }
  return messages;
}
