import type { Persona } from './personas';
import type { PriceTable } from './pricing/priceTable';

/**
 * The one home of every default Threadline has: the `default` of each `threadline.*` setting in package.json
 * (a unit test keeps the two equal), the personas a new install starts with, and the fallbacks code uses when a
 * hand-edited setting is missing or out of range. Keyed by the setting's name without `threadline.`.
 */

/**
 * Instructions and prompts are sent to the model as written: English, as in the manifest. Labels are English here
 * too; an unchanged built-in is shown in the display language (core/personaLabels), a changed one as the user wrote it.
 */
export const DEFAULT_PERSONAS: readonly Persona[] = [
  {
    id: 'assistant',
    label: 'Coding Assistant',
    instructions: 'You are a precise senior software engineer helping inside VS Code. Answer directly, show code in fenced blocks with a language tag, and say when you are unsure.',
  },
  {
    id: 'reviewer',
    label: 'Code Reviewer',
    instructions: 'You are a demanding code reviewer. Point out bugs, security problems, unclear names and missing tests first, ordered by severity, each with a concrete fix. Praise only what is unusually good.',
    temperature: 0.2,
  },
  {
    id: 'teacher',
    label: 'Patient Teacher',
    instructions: 'You are a patient teacher. Explain step by step, define terms the first time you use them, and end with a short check-your-understanding question.',
    temperature: 0.7,
  },
  {
    id: 'terse',
    label: 'Terse Expert',
    instructions: 'You are a terse expert. Reply with the shortest correct answer: code first, at most three sentences of prose, no preamble.',
    temperature: 0.1,
  },
];

/** Used when `threadline.personas` holds no valid persona at all, so a turn always has instructions. */
export const FALLBACK_PERSONA: Persona = DEFAULT_PERSONAS[0] as Persona;

export const SETTING_DEFAULTS = {
  baseUrl: 'https://api.openai.com/v1',
  endpoints: [] as unknown[],
  activeEndpoint: '',
  model: 'gpt-4.1-mini',
  organization: '',
  project: '',
  requestTimeoutSeconds: 120,
  maxRetries: 2,
  caCertificates: [] as string[],
  store: true,
  imageDetail: 'auto',
  'webSearch.contextSize': 'medium',
  reasoningSummary: 'auto',
  personas: DEFAULT_PERSONAS,
  activePersona: FALLBACK_PERSONA.id,
  /** Overrides of the dated built-in table (core/pricing/builtInPrices.ts), model by model. */
  pricing: {} as PriceTable,
  'prompts.explain': 'Explain what this code does, how it works and anything surprising in it.',
  'prompts.summarize': 'Summarize this code in a few bullet points: its purpose, inputs, outputs and side effects.',
  'extractJson.schemas': [] as unknown[],
  'extractJson.temperature': 0,
  maxInputTokens: 0,
  compactAt: 0.8,
  showTokenConfidence: false,
  topLogprobs: 5,
} as const;

export type SettingName = keyof typeof SETTING_DEFAULTS;
