import type { ResponseCreateParamsStreaming, ResponseInput } from 'openai/resources/responses/responses';
import type { InputMessage, ModelRequest } from './types';

/**
 * The part of the Responses body every request has: model, instructions, input, store, the chain. The
 * optional parameters a model may refuse (sampling, reasoning, verbosity…) are added by requestShaper.ts.
 */
export function baseResponseParams(request: ModelRequest): ResponseCreateParamsStreaming {
  const params: ResponseCreateParamsStreaming = {
    model: request.model,
    instructions: request.instructions,
    input: withLeadingItems(request),
    store: request.store,
    stream: true,
  };
  if (request.previousResponseId) params.previous_response_id = request.previousResponseId;
  // Asked only of endpoints known to compact chains (see contextBudget.ts); not a model parameter.
  if (request.compactThreshold !== undefined) params.context_management = [{ type: 'compaction', compact_threshold: request.compactThreshold }];
  return params;
}

function withLeadingItems(request: ModelRequest): ResponseCreateParamsStreaming['input'] {
  if (!request.leadingItems?.length) return typeof request.input === 'string' ? request.input : toInputItems(request.input);
  const messages = typeof request.input === 'string' ? [{ role: 'user' as const, content: request.input }] : request.input;
  // The items came from the same API and go back unchanged; only the server can read a compaction item.
  return [...(request.leadingItems as ResponseInput), ...toInputItems(messages)];
}

function toInputItems(messages: readonly InputMessage[]): ResponseInput {
  return messages.map((message) => {
    if (!message.images?.length || message.role !== 'user') return { type: 'message', role: message.role, content: message.content };
    // The Responses spelling: `input_image` with the data URL flat in `image_url` (Chat Completions: chatImagePart.ts).
    const images = message.images.map((image) => ({ type: 'input_image' as const, image_url: image.dataUrl, detail: image.detail }));
    return { type: 'message', role: 'user', content: [{ type: 'input_text', text: message.content }, ...images] };
  });
}

/** Characters of prompt text, for logs that must not contain the prompt itself. */
export function inputLength(request: ModelRequest): number {
  return typeof request.input === 'string'
    ? request.input.length
    : request.input.reduce((sum, message) => sum + message.content.length, 0);
}
