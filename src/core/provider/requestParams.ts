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
    input: typeof request.input === 'string' ? request.input : toInputItems(request.input),
    store: request.store,
    stream: true,
  };
  if (request.previousResponseId) params.previous_response_id = request.previousResponseId;
  return params;
}

function toInputItems(messages: readonly InputMessage[]): ResponseInput {
  return messages.map((message) => ({ type: 'message', role: message.role, content: message.content }));
}

/** Characters of prompt text, for logs that must not contain the prompt itself. */
export function inputLength(request: ModelRequest): number {
  return typeof request.input === 'string'
    ? request.input.length
    : request.input.reduce((sum, message) => sum + message.content.length, 0);
}
