import type { ModelRules } from './modelRules';
import { quotedList } from './modelRules';
import type { Rejection } from './rejections';

/**
 * What POST /v1/chat/completions refuses, worded as the real API words it. The model table is the Responses fake's
 * (modelRules.ts); only the parameter names and a few messages differ on this API:
 *   - `max_tokens` on reasoning models: the API's own message, pointing at `max_completion_tokens`;
 *   - `temperature` / `top_p` other than 1 on reasoning models: "Unsupported value … Only the default (1) value is
 *     supported." (openai/openai-python#2072, BerriAI/litellm#7913), code `unsupported_value`;
 *   - `stream_options` without `stream: true`: refused, as the API refuses it;
 *   - `response_format`: the shapes and strict-mode rules of Structured Outputs, and json_object's "json" rule;
 *   - `image_url` content for models without vision.
 * Unknown model names pass everything, as a local server would.
 */

export interface ChatRequestBody {
  model?: string;
  messages?: unknown;
  stream?: boolean;
  stream_options?: { include_usage?: boolean } | null;
  temperature?: number | null;
  top_p?: number | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  reasoning_effort?: string | null;
  verbosity?: string | null;
  response_format?: { type?: string; json_schema?: { name?: unknown; schema?: unknown; strict?: unknown } } | null;
  [key: string]: unknown;
}

export interface ChatRuleOptions {
  /** Plays a server from before `max_completion_tokens` (Azure before 2024-09, old local servers). */
  legacyTokenLimit: boolean;
}

const invalid = (message: string, param: string | null, code: string | null): Rejection => ({
  status: 400, error: { message, type: 'invalid_request_error', param, code },
});

export function chatParameterRejection(body: ChatRequestBody, rules: ModelRules, options: ChatRuleOptions): Rejection | undefined {
  const model = body.model ?? '';
  if (!Array.isArray(body.messages) || body.messages.length === 0) return invalid("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (body.stream_options != null && body.stream !== true) {
    return invalid("The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'stream_options', null);
  }
  if (options.legacyTokenLimit && body.max_completion_tokens != null) {
    return invalid('Unrecognized request argument supplied: max_completion_tokens', null, null);
  }
  const effort = body.reasoning_effort ?? undefined;
  if (rules.known && rules.reasoning) {
    if (body.max_tokens != null) {
      return invalid("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", 'max_tokens', 'unsupported_parameter');
    }
    const effective = effort ?? rules.defaultEffort;
    const samplingOk = rules.sampling || (rules.samplingWhenEffortNone && effective === 'none');
    for (const param of ['temperature', 'top_p'] as const) {
      const value = body[param];
      if (value != null && value !== 1 && !samplingOk) {
        return invalid(`Unsupported value: '${param}' does not support ${value} with this model. Only the default (1) value is supported.`, param, 'unsupported_value');
      }
    }
    if (effort !== undefined && !rules.efforts.includes(effort)) {
      return invalid(`Unsupported value: '${effort}' is not supported with the '${model}' model. Supported values are: ${quotedList(rules.efforts)}.`, 'reasoning_effort', 'unsupported_value');
    }
  } else if (rules.known && effort !== undefined) {
    return invalid("Unsupported parameter: 'reasoning_effort' is not supported with this model.", 'reasoning_effort', 'unsupported_parameter');
  }
  const verbosity = body.verbosity ?? undefined;
  if (rules.known && verbosity !== undefined && !rules.verbosity.includes(verbosity)) {
    return invalid(`Unsupported value: '${verbosity}' is not supported with the '${model}' model. Supported values are: ${quotedList(rules.verbosity)}.`, 'verbosity', 'unsupported_value');
  }
  if (body.top_logprobs != null && body.logprobs !== true) {
    return invalid("Invalid value for 'top_logprobs': 'logprobs' must be set to true when 'top_logprobs' is used.", 'top_logprobs', null);
  }
  if (rules.known && rules.reasoning && body.logprobs === true && !(rules.samplingWhenEffortNone && (effort ?? rules.defaultEffort) === 'none')) {
    return invalid("Unsupported parameter: 'logprobs' is not supported with this model.", 'logprobs', 'unsupported_parameter');
  }
  return chatImageRejection(body.messages, rules) ?? responseFormatRejection(body);
}

/**
 * An `image_url` part sent to a model without vision: the body the real API answers on Chat Completions
 * (vllm-project/vllm#11629 quotes gpt-3.5's), with the path of the offending part.
 */
function chatImageRejection(messages: unknown[], rules: ModelRules): Rejection | undefined {
  if (!rules.known || rules.vision) return undefined;
  for (const [i, message] of messages.entries()) {
    const content = (message as { content?: unknown } | null)?.content;
    if (!Array.isArray(content)) continue;
    const j = content.findIndex((part) => (part as { type?: unknown } | null)?.type === 'image_url');
    if (j >= 0) return invalid('Invalid content type. image_url is only supported by certain models.', `messages.[${i}].content.[${j}].type`, null);
  }
  return undefined;
}

function responseFormatRejection(body: ChatRequestBody): Rejection | undefined {
  const format = body.response_format;
  if (format == null) return undefined;
  const type = format.type;
  if (type === 'text') return undefined;
  if (type === 'json_object') {
    // The API insists the conversation mention JSON, or the model may never stop emitting whitespace.
    if (!/json/i.test(JSON.stringify(body.messages))) {
      return invalid("'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'messages', null);
    }
    return undefined;
  }
  if (type !== 'json_schema') {
    return invalid(`Invalid value: '${String(type)}'. Supported values are: 'text', 'json_object', and 'json_schema'.`, 'response_format.type', 'invalid_value');
  }
  const spec = format.json_schema;
  if (!spec || typeof spec.name !== 'string') return invalid("Missing required parameter: 'response_format.json_schema.name'.", 'response_format.json_schema.name', 'missing_required_parameter');
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(spec.name)) {
    return invalid(`Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`, 'response_format.json_schema.name', 'invalid_value');
  }
  if (typeof spec.schema !== 'object' || spec.schema === null) return invalid("Invalid type for 'response_format.json_schema.schema': expected an object.", 'response_format.json_schema.schema', 'invalid_type');
  if (spec.strict === true) {
    const problem = strictProblem(spec.schema as Record<string, unknown>, '()');
    if (problem) return invalid(`Invalid schema for response_format '${spec.name}': In context=${problem}`, 'response_format', 'invalid_json_schema');
  }
  return undefined;
}

/** The two strict-mode rules every schema meets first: closed objects, and every property required. */
function strictProblem(schema: Record<string, unknown>, context: string): string | undefined {
  if (schema.type === 'object' || schema.properties !== undefined) {
    if (schema.additionalProperties !== false) return `${context}, 'additionalProperties' is required to be supplied and to be false.`;
    const keys = Object.keys((schema.properties ?? {}) as Record<string, unknown>);
    const required = Array.isArray(schema.required) ? schema.required : [];
    const missing = keys.find((key) => !required.includes(key));
    if (missing !== undefined) return `${context}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
    for (const key of keys) {
      const problem = strictProblem(((schema.properties as Record<string, unknown>)[key] ?? {}) as Record<string, unknown>, `('properties', '${key}')`);
      if (problem) return problem;
    }
  }
  if (schema.items && typeof schema.items === 'object') return strictProblem(schema.items as Record<string, unknown>, `${context.slice(0, -1)}, 'items')`);
  return undefined;
}
