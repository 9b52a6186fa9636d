import { APIError } from 'openai';
import { type Rejection, rejectionKey } from '../models/learnedParameters';
import { serverMessage } from './errorDetails';
import type { SentParameter, ShapedParam } from './requestShaper';

/**
 * Reading a 400 that refuses one of the optional parameters a request carried, e.g.
 *   {"message":"Unsupported parameter: 'temperature' is not supported with this model.","param":"temperature","code":null}
 *   {"message":"Unsupported value: 'minimal' is not supported with the 'gpt-5.1' model. …","param":"reasoning.effort","code":"unsupported_value"}
 *   {"message":"Your organization must be verified to generate reasoning summaries. …","param":"reasoning.summary","code":"unsupported_value"}
 * Such a request is worth sending again without the parameter; any other 400 is not.
 */

export interface ParameterRefusal {
  /** What the shaper leaves out from now on; `reasoning` means the whole object. */
  param: ShapedParam | 'reasoning';
  /** Set when only this value was refused (another effort may still be taken). */
  value?: string;
  rejection: Rejection;
  serverMessage: string;
}

/** Servers name parameters by their body path; a few OpenAI-compatible ones use the Chat Completions names. */
const PARAM_NAMES: Readonly<Record<string, ShapedParam | 'reasoning'>> = {
  temperature: 'temperature',
  top_p: 'top_p',
  max_output_tokens: 'max_output_tokens',
  reasoning: 'reasoning',
  'reasoning.effort': 'reasoning.effort',
  reasoning_effort: 'reasoning.effort',
  'reasoning.summary': 'reasoning.summary',
  'reasoning.generate_summary': 'reasoning.summary',
  'text.verbosity': 'text.verbosity',
  verbosity: 'text.verbosity',
  max_completion_tokens: 'max_completion_tokens',
  max_tokens: 'max_tokens',
  // Token confidence: the Responses name, and the Chat Completions flag some compatible servers name instead.
  top_logprobs: 'top_logprobs',
  logprobs: 'top_logprobs',
};

/** `{"message":"Unrecognized request argument supplied: max_completion_tokens","param":null}` (Azure before 2024-09). */
const UNRECOGNIZED = /unrecognized request argument supplied: ([\w.]+)/i;

/** A refusal may be for one value only when the parameter is a choice of words, and the server quotes the one sent. */
const VALUE_SCOPED: ReadonlySet<string> = new Set(['reasoning.effort', 'reasoning.summary', 'text.verbosity']);

export function parameterRefusal(error: unknown, sent: readonly SentParameter[]): ParameterRefusal | undefined {
  if (!(error instanceof APIError) || error.status !== 400) return undefined;
  const message = serverMessage(error);
  const code = error.code ?? '';
  const aboutSupport = code === 'unsupported_parameter' || code === 'unsupported_value' || /\bunsupported (?:parameter|value)\b|\bunrecognized request argument\b/i.test(message);
  if (!aboutSupport) return undefined;
  // Older Azure API versions name the argument only in the message, with `param: null`.
  const named = error.param ?? UNRECOGNIZED.exec(message)?.[1];
  if (!named) return undefined;
  const param = PARAM_NAMES[named.trim()];
  if (!param) return undefined;
  // Only a parameter this request carried can be left out; anything else would be refused again.
  const carried = sent.filter((s) => (param === 'reasoning' ? s.param.startsWith('reasoning.') : s.param === param));
  if (carried.length === 0) return undefined;
  const value = carried[0]?.value;
  const oneValue = code === 'unsupported_value' && VALUE_SCOPED.has(param) && typeof value === 'string' && message.includes(`'${value}'`);
  return {
    param,
    ...(oneValue ? { value } : {}),
    rejection: rejectionKey(param, oneValue ? value : undefined),
    serverMessage: message,
  };
}

/** How the refusal reads in a log line or a message: `temperature`, `reasoning.effort “minimal”`. */
export function describeRefusal(refusal: ParameterRefusal): string {
  return refusal.value === undefined ? refusal.param : `${refusal.param} “${refusal.value}”`;
}
