import { contextWindowFor } from '../tokens/contextWindows';
import { modelFamilyName } from '../tokens/models';
import { supportsWebSearch } from './webSearch';
import { type ReasoningEffort, type ReasoningSummary, type Verbosity, REASONING_EFFORTS, VERBOSITIES } from './parameters';

/**
 * What a model accepts, by the pattern of its name. Checked against OpenAI's API reference, the SDK's notes and
 * real 400 bodies the API returned; a name no row knows gets the safe default at the end. What a server refuses
 * at run time is learned separately (learnedParameters.ts), so a wrong or missing row costs one refused request.
 */

/**
 * When `temperature` / `top_p` may be sent:
 * - `always`: every request;
 * - `never`: reasoning models answer them with HTTP 400;
 * - `effortNone`: gpt-5.1 and later take them only while reasoning is off (`reasoning.effort: none` sent).
 */
export type SamplingSupport = 'always' | 'never' | 'effortNone';

export interface ModelCapabilities {
  /** The row that matched, e.g. `gpt-5`, `o-series`; `unknown` for the default. */
  family: string;
  /** False when no row matched: everything the user configured is sent, and the server's refusals are learned. */
  known: boolean;
  /** Undefined when unknown: `reasoning` is then sent only if the user set an effort. */
  reasoning: boolean | undefined;
  sampling: SamplingSupport;
  /** `reasoning.effort` values accepted; empty for models that take none. Unknown models: every value. */
  efforts: readonly ReasoningEffort[];
  /**
   * `reasoning.summary` values that can be asked for; empty when none. The organisation may still need
   * verifying before it gets summaries: that is learned from the server.
   */
  reasoningSummary: readonly ReasoningSummary[];
  /** `text.verbosity` values accepted; empty when the parameter is refused. */
  verbosity: readonly Verbosity[];
  /** Token log probabilities (`include: message.output_text.logprobs`): non-reasoning models only. */
  logprobs: boolean;
  imageInput: boolean;
  /** The hosted `web_search` tool (see webSearch.ts); true for unknown names, which the server then answers. */
  webSearch: boolean;
  contextWindow: number;
}

interface CapabilityRow {
  pattern: RegExp;
  family: string;
  reasoning: boolean;
  sampling: SamplingSupport;
  efforts: readonly ReasoningEffort[];
  reasoningSummary: readonly ReasoningSummary[];
  verbosity: readonly Verbosity[];
  imageInput: boolean;
  /** Why the row says what it says, in one line. */
  why: string;
}

const NONE: readonly never[] = [];
const LOW_TO_HIGH: readonly ReasoningEffort[] = ['low', 'medium', 'high'];
const LOW_TO_XHIGH: readonly ReasoningEffort[] = ['low', 'medium', 'high', 'xhigh'];
const MEDIUM_ONLY = ['medium'] as const;
/** The SDK's note: `concise` exists for reasoning models after gpt-5; before, `auto` and `detailed`. */
const SUMMARY_ALL: readonly ReasoningSummary[] = ['auto', 'concise', 'detailed'];
const SUMMARY_NO_CONCISE: readonly ReasoningSummary[] = ['auto', 'detailed'];

function gpt(family: string, pattern: RegExp, efforts: readonly ReasoningEffort[], sampling: SamplingSupport,
  verbosity: readonly Verbosity[], why: string): CapabilityRow {
  return { pattern, family, reasoning: true, sampling, efforts, reasoningSummary: SUMMARY_ALL, verbosity, imageInput: true, why };
}

/** Reasoning models up to the first gpt-5: no sampling, and summaries without `concise`. */
function early(family: string, pattern: RegExp, efforts: readonly ReasoningEffort[], verbosity: readonly Verbosity[], why: string): CapabilityRow {
  return { ...gpt(family, pattern, efforts, 'never', verbosity, why), reasoningSummary: SUMMARY_NO_CONCISE };
}

function classic(family: string, pattern: RegExp, imageInput: boolean, verbosity: readonly Verbosity[], why: string): CapabilityRow {
  return { pattern, family, reasoning: false, sampling: 'always', efforts: NONE, reasoningSummary: NONE, verbosity, imageInput, why };
}

/** Checked in order against the family name (no `openai/` prefix, no `ft:` wrapper): the first match wins. */
export const CAPABILITY_ROWS: readonly CapabilityRow[] = [
  classic('gpt-5-chat', /^gpt-5-chat/, true, NONE,
    'the ChatGPT snapshot of gpt-5 is not a reasoning model: it takes temperature, and refuses reasoning and verbosity'),
  gpt('gpt-5.x-chat', /^gpt-5\.\d+-chat/, MEDIUM_ONLY, 'never', MEDIUM_ONLY,
    'gpt-5.1/5.2-chat-latest reason at a fixed medium effort and accept only medium verbosity'),
  early('gpt-5-pro', /^gpt-5-pro/, ['high'], VERBOSITIES, 'gpt-5-pro only runs (and only accepts) high effort'),
  gpt('gpt-5.x-pro', /^gpt-5\.\d+-pro/, ['medium', 'high', 'xhigh'], 'never', VERBOSITIES, 'gpt-5.2-pro starts at medium and adds xhigh'),
  gpt('gpt-5.1-codex-max', /^gpt-5\.1-codex-max/, LOW_TO_XHIGH, 'never', MEDIUM_ONLY,
    'codex-max was the first model with xhigh; codex models accept only medium verbosity'),
  gpt('gpt-5.2+-codex', /^gpt-5\.(?:[2-9]|\d{2,})-codex/, LOW_TO_XHIGH, 'never', MEDIUM_ONLY, 'every model after codex-max takes xhigh'),
  gpt('gpt-5-codex', /^gpt-5(?:\.1)?-codex/, LOW_TO_HIGH, 'never', MEDIUM_ONLY, 'codex models have neither none nor minimal'),
  early('codex-mini', /^codex/, LOW_TO_HIGH, NONE, 'codex-mini-latest is an o4-mini: o-series efforts, no verbosity'),
  gpt('gpt-5.2+', /^gpt-5\.(?:[2-9]|\d{2,})/, ['none', 'low', 'medium', 'high', 'xhigh'], 'effortNone', VERBOSITIES,
    'gpt-5.2 and later: none to xhigh, no minimal; sampling only with reasoning off'),
  gpt('gpt-5.1', /^gpt-5\.1/, ['none', 'low', 'medium', 'high'], 'effortNone', VERBOSITIES,
    'gpt-5.1 replaced minimal with none; temperature/top_p only with reasoning off'),
  early('gpt-5', /^gpt-5(?:-|$)/, ['minimal', 'low', 'medium', 'high'], VERBOSITIES,
    'gpt-5, -mini and -nano: minimal to high, no sampling parameters'),
  { ...early('o1-preview', /^o1-(?:mini|preview)/, NONE, NONE, 'the first o1 previews predate reasoning.effort and summaries'),
    reasoningSummary: NONE, imageInput: false },
  { ...early('o3-mini', /^o3-mini/, LOW_TO_HIGH, NONE, 'o3-mini reasons like the o-series but reads no images'), imageInput: false },
  early('o-series', /^o\d+(?:-|$)/, LOW_TO_HIGH, NONE, 'o1, o3, o4-mini and their -pro: low/medium/high, no verbosity, no sampling'),
  classic('gpt-4.1/4o', /^(?:gpt-4\.1|gpt-4o|chatgpt-4o|gpt-4\.5|gpt-4-turbo|gpt-4-vision)/, true, MEDIUM_ONLY,
    'GPT models before gpt-5 do not reason: sampling and logprobs yes, reasoning refused, verbosity only its default'),
  classic('gpt-4/3.5', /^(?:gpt-4|gpt-3\.5|gpt-35)(?:-|$)/, false, NONE, 'older GPT models: text only, sampling yes, no reasoning'),
];

/** Unknown names: send what the user configured and learn from the server's refusals. */
const UNKNOWN: Omit<ModelCapabilities, 'contextWindow'> = {
  family: 'unknown',
  known: false,
  reasoning: undefined,
  sampling: 'always',
  efforts: REASONING_EFFORTS,
  reasoningSummary: ['auto', 'concise', 'detailed'],
  verbosity: VERBOSITIES,
  logprobs: true,
  imageInput: true,
  webSearch: true,
};

export function capabilitiesFor(model: string): ModelCapabilities {
  const name = modelFamilyName(model);
  const contextWindow = contextWindowFor(model).tokens;
  const row = CAPABILITY_ROWS.find((r) => r.pattern.test(name));
  const webSearch = supportsWebSearch(model).supported;
  if (!row) return { ...UNKNOWN, webSearch, contextWindow };
  return {
    family: row.family,
    known: true,
    reasoning: row.reasoning,
    sampling: row.sampling,
    efforts: row.efforts,
    reasoningSummary: row.reasoningSummary,
    verbosity: row.verbosity,
    logprobs: !row.reasoning,
    imageInput: row.imageInput,
    webSearch,
    contextWindow,
  };
}

/**
 * Whether `temperature` / `top_p` reach the model, given the effort that is actually sent. Without an effort,
 * gpt-5.1 would default to none, but the safe reading is the one that can never draw a 400.
 */
export function acceptsSampling(capabilities: ModelCapabilities, effortSent: ReasoningEffort | undefined): boolean {
  if (capabilities.sampling === 'always') return true;
  if (capabilities.sampling === 'never') return false;
  return effortSent === 'none';
}
