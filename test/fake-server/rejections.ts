import type { Fault } from './faults';
import { type ModelRules, quotedList } from './modelRules';

/**
 * Every error body the fake answers with, worded as the real API words it, so a test that passes against the fake
 * also survives the real message, param and code. Where a wording was copied from a real response the source is
 * named; the rest follow the same API's pattern for a sibling parameter and say so.
 */

export interface ApiError {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

export interface Rejection {
  status: number;
  error: ApiError;
  headers?: Record<string, string>;
}

const invalid = (message: string, param: string | null, code: string | null, status = 400): Rejection => ({
  status, error: { message, type: 'invalid_request_error', param, code },
});

/** The request fields the rules look at; everything else passes through. */
export interface CheckedFields {
  model?: string;
  temperature?: unknown;
  top_p?: unknown;
  reasoning?: { effort?: unknown; summary?: unknown } | null;
  text?: { verbosity?: unknown } | null;
  context_management?: unknown;
  tools?: unknown;
  top_logprobs?: unknown;
}

export interface RejectionOptions {
  /** False for organisations that have not been verified: the API then refuses reasoning summaries. */
  organizationVerified: boolean;
}

/** The first parameter the real API would refuse for this model, or undefined. Absent and null are the same. */
export function parameterRejection(body: CheckedFields, rules: ModelRules, options: RejectionOptions): Rejection | undefined {
  const model = body.model ?? '';
  const effort = body.reasoning?.effort ?? undefined;
  const summary = body.reasoning?.summary ?? undefined;
  const effective = effort ?? rules.defaultEffort;
  if (rules.known && !rules.sampling && !(rules.samplingWhenEffortNone && effective === 'none')) {
    // Body seen from gpt-5.2 through the Responses API (OpenHands/software-agent-sdk#1837): code null, not unsupported_parameter.
    for (const param of ['temperature', 'top_p'] as const) {
      if (body[param] != null) return unsupportedParameter(param, null);
    }
  }
  const topLogprobs = topLogprobsRejection(body.top_logprobs, rules, effective);
  if (topLogprobs) return topLogprobs;
  if (rules.known && !rules.reasoning) {
    // gpt-4.1 with reasoning.effort (BoundaryML/baml#2708); reasoning.summary follows the same pattern.
    if (effort !== undefined) return unsupportedParameter('reasoning.effort', 'unsupported_parameter');
    if (summary !== undefined) return unsupportedParameter('reasoning.summary', 'unsupported_parameter');
  }
  if (rules.known && rules.reasoning && effort !== undefined && !rules.efforts.includes(String(effort))) {
    // gpt-5.1 refusing 'minimal' (openai/openai-agents-python#2089, anomalyco/opencode#4451).
    return unsupportedValue(String(effort), model, rules.efforts, 'reasoning.effort');
  }
  if (summary !== undefined && !['auto', 'concise', 'detailed'].includes(String(summary))) {
    // Message from gpt-5.4 refusing 'brief' (anomalyco/opencode#23889); the code is the API's code for enum values.
    return invalid(`Invalid value: '${String(summary)}'. Supported values are: 'concise', 'detailed', and 'auto'.`, 'reasoning.summary', 'invalid_value');
  }
  if (summary !== undefined && !options.organizationVerified) return organizationNotVerified();
  const verbosity = body.text?.verbosity ?? undefined;
  if (rules.known && verbosity !== undefined && !rules.verbosity.includes(String(verbosity))) {
    // Body from gpt-5.1-codex-max on the Responses API (openai/codex#9035): the same wording as for efforts.
    return unsupportedValue(String(verbosity), model, rules.verbosity, 'text.verbosity');
  }
  return webSearchRejection(body.tools, model, rules) ?? contextManagementRejection(body.context_management);
}

/**
 * A model without the hosted tool. Body seen for gpt-4.1 and gpt-5 on endpoints without it (QuantumNous/new-api#1586,
 * openai/codex#4881): the real API names the dated snapshot; the fake names the model as it was asked for.
 */
function webSearchRejection(tools: unknown, model: string, rules: ModelRules): Rejection | undefined {
  if (!rules.known || rules.webSearch || !Array.isArray(tools)) return undefined;
  const hosted = tools.map((t) => String((t as { type?: unknown } | null)?.type)).find((type) => type.startsWith('web_search'));
  return hosted ? invalid(`Hosted tool '${hosted}' is not supported with ${model}.`, 'tools', null) : undefined;
}

/**
 * `top_logprobs` is 0–20 for every model; reasoning models refuse it outright, with the wording the API uses for
 * 'logprobs' on reasoning models ("Unsupported parameter: 'logprobs' is not supported with this model.", seen
 * on gpt-5.6-luna and o-series). gpt-5.1 and later take it while reasoning is off (effort 'none'), as sampling.
 */
function topLogprobsRejection(value: unknown, rules: ModelRules, effort: unknown): Rejection | undefined {
  if (value == null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) return invalid(`Invalid type for 'top_logprobs': expected an integer, but got ${typeof value} instead.`, 'top_logprobs', 'invalid_type');
  if (value > 20) return invalid(`Invalid 'top_logprobs': integer above maximum value. Expected a value <= 20, but got ${value} instead.`, 'top_logprobs', 'integer_above_max_value');
  if (value < 0) return invalid(`Invalid 'top_logprobs': integer below minimum value. Expected a value >= 0, but got ${value} instead.`, 'top_logprobs', 'integer_below_min_value');
  if (rules.known && rules.reasoning && !(rules.samplingWhenEffortNone && effort === 'none')) return unsupportedParameter('top_logprobs', 'unsupported_parameter');
  return undefined;
}

function unsupportedValue(value: string, model: string, supported: readonly string[], param: string): Rejection {
  return invalid(`Unsupported value: '${value}' is not supported with the '${model}' model. Supported values are: ${quotedList(supported)}.`, param, 'unsupported_value');
}

function unsupportedParameter(param: string, code: string | null): Rejection {
  return invalid(`Unsupported parameter: '${param}' is not supported with this model.`, param, code);
}

/** Body from continuedev/continue#9854 and OpenHands/software-agent-sdk#987 (gpt-5 and o3, unverified organisations). */
export function organizationNotVerified(): Rejection {
  return invalid(
    'Your organization must be verified to generate reasoning summaries. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization. If you just verified, it can take up to 15 minutes for access to propagate.',
    'reasoning.summary', 'unsupported_value',
  );
}

/** Body from dyad-sh/dyad#1672 and openai/codex#4675 (the same message arrives in a failed stream). */
export const CONTEXT_LENGTH_MESSAGE = 'Your input exceeds the context window of this model. Please adjust your input and try again.';

export function contextLengthExceeded(): Rejection {
  return invalid(CONTEXT_LENGTH_MESSAGE, 'input', 'context_length_exceeded');
}

function contextManagementRejection(value: unknown): Rejection | undefined {
  if (value == null) return undefined;
  if (!Array.isArray(value)) return invalid(`Invalid type for 'context_management': expected an array, but got ${typeof value} instead.`, 'context_management', 'invalid_type');
  const index = value.findIndex((entry) => (entry as { type?: unknown } | null)?.type !== 'compaction');
  if (index < 0) return undefined;
  const type = String((value[index] as { type?: unknown } | null)?.type);
  // The SDK documents 'compaction' as the only entry type; the wording is the API's enum message.
  return invalid(`Invalid value: '${type}'. Supported values are: 'compaction'.`, `context_management[${index}].type`, 'invalid_value');
}

export function previousResponseNotFound(id: string): Rejection {
  return invalid(`Previous response with id '${id}' not found.`, 'previous_response_id', 'previous_response_not_found');
}

export function missingParameter(param: string): Rejection {
  return invalid(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
}

export function unparsableJson(): Rejection {
  return invalid('We could not parse the JSON body of your request.', null, null);
}

export function notFound(method: string, path: string): Rejection {
  return invalid(`Invalid URL (${method} ${path})`, null, null, 404);
}

/** GET or DELETE of a response id the server does not have (never stored, expired, or deleted already). */
export function responseNotFound(id: string): Rejection {
  return invalid(`Response with id '${id}' not found.`, null, null, 404);
}

/** HTTP-level faults answer before any stream starts; undefined for the faults that happen inside a stream. */
export function httpFaultRejection(fault: Fault, model: string, authorization: string): Rejection | undefined {
  switch (fault.kind) {
    case 'auth':
      // Echo the key the way a careless server would, so tests prove it never reaches the user.
      return invalid(`Incorrect API key provided: ${authorization.replace(/^Bearer\s+/i, '')}. You can find your API key at https://platform.openai.com/account/api-keys.`, null, 'invalid_api_key', 401);
    case 'permission':
      return invalid(`Project does not have access to model \`${model}\`.`, null, null, 403);
    case 'model_not_found':
      return invalid(`The model \`${model}\` does not exist or you do not have access to it.`, null, 'model_not_found', 404);
    case 'rate_limit': {
      const seconds = fault.retryAfterSeconds ?? 2;
      const headers: Record<string, string> = { 'retry-after': String(seconds) };
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
      const message = `Rate limit reached for ${model} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${seconds}s.`;
      return { status: 429, headers, error: { message, type: 'requests', param: null, code: 'rate_limit_exceeded' } };
    }
    case 'insufficient_quota':
      return { status: 429, error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } };
    case 'server_error':
      return { status: fault.status ?? 500, error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null } };
    case 'previous_not_found':
      return previousResponseNotFound('resp_gone');
    case 'unsupported_parameter': {
      // A refusal the model rules do not produce by themselves (a server whose model list is newer than ours).
      const param = fault.param ?? 'temperature';
      if (fault.message === undefined) return unsupportedParameter(param, fault.code ?? null);
      return { status: 400, error: { message: fault.message, type: 'invalid_request_error', param, code: fault.code ?? null } };
    }
    default:
      return undefined;
  }
}
