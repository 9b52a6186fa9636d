import * as l10n from '@vscode/l10n';
import type { ResponseCreateParamsStreaming } from 'openai/resources/responses/responses';
import type { Reasoning } from 'openai/resources/shared';
import { acceptsSampling, type ModelCapabilities } from '../models/capabilities';
import { type Rejection, rejectionKey } from '../models/learnedParameters';
import type { ReasoningEffort, ReasoningSummary, Verbosity } from '../models/parameters';
import { baseResponseParams } from './requestParams';
import { addWebSearch } from './webSearchRequest';
import type { ModelRequest } from './types';

/**
 * Turns a ModelRequest into the Responses body this model will accept. Every send goes through here — new
 * turns, retries, regenerations (whose stored settings may predate what was learned) and Extract JSON — so a
 * parameter the model refuses is never sent, whoever asked for it. What is left out is said, in short phrases
 * the turn footer shows; the persona keeps its settings for the models that take them.
 */

/** The optional parameters the shaper decides on; the names are the server's `param` for each. */
export type ShapedParam =
  | 'temperature' | 'top_p' | 'max_output_tokens' | 'reasoning.effort' | 'reasoning.summary' | 'text.verbosity'
  | 'top_logprobs'
  // Chat Completions' two names for the output limit; its reasoning_effort and verbosity share the names above, so
  // what one dialect learned about a model holds for the other.
  | 'max_completion_tokens' | 'max_tokens';

export interface SentParameter {
  param: ShapedParam;
  value: string | number;
}

export interface ShapedRequest {
  params: ResponseCreateParamsStreaming;
  /** "temperature not used by gpt-5": what the user configured that this request leaves out. */
  notApplied: string[];
  /** The optional parameters that went out, so a server's refusal can be matched to one of them. */
  sent: SentParameter[];
}

export function shapeRequest(request: ModelRequest, capabilities: ModelCapabilities, rejected: ReadonlySet<Rejection>): ShapedRequest {
  const shaping = new Shaping(request.model, rejected);
  const params = baseResponseParams(request);

  const chosen = chooseSampling(request, capabilities, shaping, { summaries: true });
  if (chosen.effort !== undefined || chosen.summary !== undefined) {
    params.reasoning = { ...(chosen.effort !== undefined ? { effort: chosen.effort } : {}), ...(chosen.summary !== undefined ? { summary: chosen.summary } : {}) };
  }
  if (chosen.temperature !== undefined) params.temperature = chosen.temperature;
  if (chosen.topP !== undefined) params.top_p = chosen.topP;
  if (request.maxOutputTokens !== undefined && shaping.accept('max_output_tokens', request.maxOutputTokens, true)) {
    params.max_output_tokens = request.maxOutputTokens;
  }

  // Token confidence is a display choice the panel's toggle explains (disabled, with the reason) for models that
  // give no logprobs, so leaving it out is not repeated in every turn's footer.
  if (request.topLogprobs !== undefined && capabilities.logprobs && !shaping.isRejected('top_logprobs')) {
    params.include = [...(params.include ?? []), 'message.output_text.logprobs'];
    params.top_logprobs = shaping.send('top_logprobs', request.topLogprobs);
  }

  const text: NonNullable<ResponseCreateParamsStreaming['text']> = {};
  if (request.textFormat && request.textFormat.type !== 'text') text.format = request.textFormat;
  const verbosity = shapeVerbosity(request.verbosity, capabilities, shaping);
  if (verbosity) text.verbosity = verbosity;
  if (text.format || text.verbosity) params.text = text;

  const webSearchNote = addWebSearch(params, request, capabilities, chosen.effort);
  if (webSearchNote) shaping.skip(webSearchNote);

  return { params, notApplied: shaping.notApplied, sent: shaping.sent };
}

/** Reasoning and sampling as this model takes them, whatever the dialect that carries them. */
export interface SamplingChoice {
  effort?: ReasoningEffort;
  summary?: ReasoningSummary;
  temperature?: number;
  topP?: number;
}

/**
 * Decides reasoning effort, summary, temperature and top_p for a model, recording what was sent and what was left
 * out. Chat Completions has no way to ask for a summary (`summaries: false`): there it is left out without a word,
 * since reasoning text arrives anyway from the servers that send it.
 */
export function chooseSampling(request: ModelRequest, capabilities: ModelCapabilities, shaping: Shaping, options: { summaries: boolean }): SamplingChoice {
  const choice: SamplingChoice = {};
  const reasoning = shapeReasoning(options.summaries ? request : { ...request, reasoningSummary: 'off' }, capabilities, shaping);
  if (reasoning?.effort) choice.effort = reasoning.effort as ReasoningEffort;
  if (reasoning?.summary) choice.summary = reasoning.summary as ReasoningSummary;
  const samplingAllowed = acceptsSampling(capabilities, choice.effort);
  const notUsed = (param: string): string => (capabilities.sampling === 'effortNone'
    ? l10n.t('{0} not used by {1} unless reasoning effort is none', param, request.model)
    : l10n.t('{0} not used by {1}', param, request.model));
  if (request.temperature !== undefined && shaping.accept('temperature', request.temperature, samplingAllowed, notUsed('temperature'))) {
    choice.temperature = request.temperature;
  }
  if (request.topP !== undefined && shaping.accept('top_p', request.topP, samplingAllowed, notUsed('top_p'))) {
    choice.topP = request.topP;
  }
  return choice;
}

/**
 * `reasoning` goes only to reasoning models. For a name the table does not know, it goes only when the user set
 * an effort: a summary is a display preference, and a plain local model should not be sent one it may refuse.
 */
function shapeReasoning(request: ModelRequest, capabilities: ModelCapabilities, shaping: Shaping): Reasoning | undefined {
  const wanted = request.reasoningEffort;
  const reasons = capabilities.reasoning ?? wanted !== undefined;
  const reasoning: Reasoning = {};
  if (wanted !== undefined) {
    const takes = reasons && capabilities.efforts.includes(wanted);
    const phrase = reasons ? l10n.t('reasoning effort {0} not used by {1}', wanted, request.model) : l10n.t('reasoning effort not used by {0}', request.model);
    if (shaping.accept('reasoning.effort', wanted, takes, phrase)) reasoning.effort = wanted;
  }
  const summary = request.reasoningSummary === 'off' ? undefined : request.reasoningSummary;
  if (summary !== undefined && reasons) {
    const chosen = summaryFor(summary, capabilities, shaping);
    if (chosen !== undefined) reasoning.summary = chosen;
  }
  return reasoning.effort !== undefined || reasoning.summary !== undefined ? reasoning : undefined;
}

/** A summary style the model lacks (`concise` before gpt-5.1) falls back to `auto` rather than to no summary. */
function summaryFor(wanted: ReasoningSummary, capabilities: ModelCapabilities, shaping: Shaping): ReasoningSummary | undefined {
  const available = capabilities.reasoningSummary;
  if (available.length === 0 || shaping.isRejected('reasoning.summary')) {
    // Said only for models that reason: on the others a summary was never in question.
    shaping.skip(l10n.t('reasoning summary not used by {0}', shaping.model));
    return undefined;
  }
  if (available.includes(wanted) && !shaping.isRejected('reasoning.summary', wanted)) return shaping.send('reasoning.summary', wanted);
  if (wanted !== 'auto' && available.includes('auto') && !shaping.isRejected('reasoning.summary', 'auto')) {
    shaping.skip(l10n.t('{0} reasoning summary not used by {1} (auto instead)', wanted, shaping.model));
    return shaping.send('reasoning.summary', 'auto');
  }
  shaping.skip(l10n.t('reasoning summary not used by {0}', shaping.model));
  return undefined;
}

export function shapeVerbosity(wanted: Verbosity | undefined, capabilities: ModelCapabilities, shaping: Shaping): Verbosity | undefined {
  if (wanted === undefined) return undefined;
  const phrase = capabilities.verbosity.length === 0 ? l10n.t('verbosity not used by {0}', shaping.model) : l10n.t('verbosity {0} not used by {1}', wanted, shaping.model);
  return shaping.accept('text.verbosity', wanted, capabilities.verbosity.includes(wanted), phrase) ? wanted : undefined;
}

/** Bookkeeping of one shaping: what was sent, what was left out and said. Shared by both dialects' builders. */
export class Shaping {
  readonly notApplied: string[] = [];
  readonly sent: SentParameter[] = [];

  constructor(readonly model: string, private readonly rejected: ReadonlySet<Rejection>) {}

  isRejected(param: ShapedParam, value?: string | number): boolean {
    if (this.rejected.has(param)) return true;
    // A server that refused the whole `reasoning` object refused each of its fields.
    if (param.startsWith('reasoning.') && this.rejected.has('reasoning')) return true;
    // Only word-valued parameters are ever refused per value (see parameterRefusal.ts).
    return value !== undefined && this.rejected.has(rejectionKey(param, String(value)));
  }

  /** True (and recorded as sent) when the model takes it and no server refused it; otherwise the phrase is noted. */
  accept(param: ShapedParam, value: string | number, modelTakesIt: boolean, phrase = l10n.t('{0} not used by {1}', param, this.model)): boolean {
    if (!modelTakesIt || this.isRejected(param, value)) {
      this.skip(phrase);
      return false;
    }
    this.send(param, value);
    return true;
  }

  send<T extends string | number>(param: ShapedParam, value: T): T {
    this.sent.push({ param, value });
    return value;
  }

  skip(phrase: string): void {
    if (!this.notApplied.includes(phrase)) this.notApplied.push(phrase);
  }
}
