/**
 * What each model family accepts, as the real Responses API enforces it. The fake keeps its own table on purpose:
 * it is the oracle the product's capability module is tested against, so it must never import from src/.
 *
 * Sources (measured against api.openai.com by third parties, see the report of issue 10):
 *   - reasoning.effort per model: enricoros/big-AGI#944 and #1159 (a script posting every effort to every model),
 *     anomalyco/opencode#4451 (gpt-5.1 rejects 'minimal'), anomalyco/models.dev#2351 (chat-latest: medium only),
 *     pydantic-ai's OpenAI profile (opt-in reasoning for gpt-5.1 to 5.4, default again from gpt-5.5);
 *   - text.verbosity: enricoros/big-AGI#947 and #930 (only gpt-5 models take low/high; gpt-5-chat-latest does not);
 *   - temperature/top_p: rejected by every reasoning model, gpt-5-chat-latest excepted; gpt-5.1 and later take them
 *     with effort 'none' (OpenAI's GPT-5.1 parameter-compatibility note, as cited by vercel/ai);
 *   - phase labels: test/fixtures/recorded/ (present on gpt-5.5 and gpt-5.6, absent on gpt-5-nano and gpt-5.2).
 * Names are matched by prefix, first row wins, so the narrower rows come first.
 */

export interface ModelRules {
  /** The row that matched, for messages and tests; 'unknown' for names no row covers. */
  family: string;
  /** False for names no row covers: the fake then rejects nothing, as a local server would not. */
  known: boolean;
  reasoning: boolean;
  /** temperature and top_p. */
  sampling: boolean;
  /** gpt-5.1 and later take temperature and top_p after all when the effective effort is 'none'. */
  samplingWhenEffortNone: boolean;
  /** reasoning.effort values the model accepts (empty for models that are not reasoning models). */
  efforts: readonly string[];
  /** The effort the model uses when the request names none. */
  defaultEffort: string | null;
  /** text.verbosity values the model accepts. */
  verbosity: readonly string[];
  /** gpt-5-class streaming shape: a short commentary message before the final answer. */
  phases: boolean;
  /**
   * Whether messages carry `phase: 'commentary' | 'final_answer'`. Recorded gpt-5-nano, gpt-5.2 and gpt-4.1 streams
   * have no `phase` key at all; gpt-5.5 and gpt-5.6 streams have it (it arrived with gpt-5.3-codex).
   */
  phaseLabels: boolean;
  /** The hosted web_search tool; models without it answer 400 "Hosted tool 'web_search' is not supported with …". */
  webSearch: boolean;
}

type Row = Omit<ModelRules, 'known' | 'webSearch'> & { pattern: RegExp };

/** Per OpenAI's web search guide: the ChatGPT snapshot, gpt-4.1-nano, o1, o3-mini, codex-mini and older GPT models. */
const WITHOUT_WEB_SEARCH = /^(?:gpt-5-chat|gpt-4\.1-nano|o1(?:-|$)|o3-mini|codex-mini|gpt-4(?:-|$)|gpt-3\.5)/;

const ALL_VERBOSITY = ['low', 'medium', 'high'] as const;
const O_SERIES_EFFORTS = ['low', 'medium', 'high'] as const;

const reasoningRow = (family: string, pattern: RegExp, efforts: readonly string[], extra: Partial<Row> = {}): Row => ({
  family, pattern, reasoning: true, sampling: false, efforts, defaultEffort: 'medium', verbosity: ALL_VERBOSITY, phases: true, phaseLabels: false,
  samplingWhenEffortNone: false, ...extra,
});

const plainRow = (family: string, pattern: RegExp): Row => ({
  family, pattern, reasoning: false, sampling: true, efforts: [], defaultEffort: null, verbosity: ['medium'], phases: false, phaseLabels: false,
  samplingWhenEffortNone: false,
});

const NONE_TO_XHIGH = ['none', 'low', 'medium', 'high', 'xhigh'] as const;
/** gpt-5.1 on: no reasoning unless asked, and sampling accepted while it stays that way. */
const OPT_IN: Partial<Row> = { defaultEffort: 'none', samplingWhenEffortNone: true };

export const MODEL_RULES: readonly Row[] = [
  // gpt-5-chat-latest is the non-reasoning ChatGPT model: sampling yes, reasoning.* no, verbosity medium only.
  plainRow('gpt-5-chat', /^gpt-5-chat/),
  reasoningRow('gpt-5.x-chat', /^gpt-5\.\d+-chat/, ['medium'], { phases: false }),
  // Codex models always reason, and take only medium verbosity (gpt-5.1-codex-max, openai/codex#9035).
  reasoningRow('gpt-5-codex', /^gpt-5-codex/, O_SERIES_EFFORTS, { verbosity: ['medium'] }),
  reasoningRow('gpt-5.x-codex', /^gpt-5\.[12]-codex/, ['low', 'medium', 'high', 'xhigh'], { verbosity: ['medium'] }),
  reasoningRow('gpt-5.3+-codex', /^gpt-5\.\d+-codex/, ['low', 'medium', 'high', 'xhigh'], { verbosity: ['medium'], phaseLabels: true }),
  reasoningRow('gpt-5-pro', /^gpt-5-pro/, ['high'], { defaultEffort: 'high' }),
  reasoningRow('gpt-5.x-pro', /^gpt-5\.\d+-pro/, ['medium', 'high', 'xhigh']),
  // gpt-5.1 drops 'minimal' and adds 'none', its default.
  reasoningRow('gpt-5.1', /^gpt-5\.1(?!\d)/, ['none', 'low', 'medium', 'high'], OPT_IN),
  reasoningRow('gpt-5.2', /^gpt-5\.2(?!\d)/, NONE_TO_XHIGH, OPT_IN),
  reasoningRow('gpt-5.3-5.4', /^gpt-5\.[34](?!\d)/, NONE_TO_XHIGH, { ...OPT_IN, phaseLabels: true }),
  // gpt-5.5 on reason by default again; 'max' was measured on gpt-5.6.
  reasoningRow('gpt-5.5+', /^gpt-5\.\d+/, [...NONE_TO_XHIGH, 'max'], { samplingWhenEffortNone: true, phaseLabels: true }),
  reasoningRow('gpt-5', /^gpt-5/, ['minimal', 'low', 'medium', 'high']),
  reasoningRow('o-series', /^o[134](-|$)/, O_SERIES_EFFORTS, { verbosity: ['medium'], phases: false }),
  reasoningRow('codex-mini', /^codex/, O_SERIES_EFFORTS, { verbosity: ['medium'], phases: false }),
  plainRow('gpt-4.1', /^gpt-4\.1/),
  plainRow('gpt-4o', /^(gpt-4o|chatgpt-4o)/),
  plainRow('gpt-4', /^gpt-4/),
  plainRow('gpt-3.5', /^gpt-3\.5/),
];

const UNKNOWN: ModelRules = {
  family: 'unknown', known: false, reasoning: false, sampling: true, samplingWhenEffortNone: false, efforts: [], defaultEffort: null,
  verbosity: ALL_VERBOSITY, phases: false, phaseLabels: false, webSearch: true,
};

export function rulesFor(model: string): ModelRules {
  const row = MODEL_RULES.find((r) => r.pattern.test(model));
  if (!row) return UNKNOWN;
  const { pattern: _pattern, ...rules } = row;
  return { ...rules, known: true, webSearch: !WITHOUT_WEB_SEARCH.test(model) };
}

/** The API's list style: 'a'; 'a' and 'b'; 'a', 'b', and 'c'. */
export function quotedList(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  if (quoted.length <= 2) return quoted.join(' and ');
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted.at(-1)}`;
}
