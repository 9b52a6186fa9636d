import * as vscode from 'vscode';
import { isReasoningSummarySetting, type ReasoningSummarySetting } from '../core/models/parameters';
import { isWebSearchContextSize, type WebSearchContextSize } from '../core/models/webSearch';
import { SETTING_DEFAULTS as D } from '../core/settingDefaults';

/** Every `threadline.*` setting, read in one place with its type. React only to `affectsConfiguration('threadline')`. */
export interface ThreadlineConfig {
  /** 0.1.0's one endpoint: used as the only profile while `endpoints` holds none. */
  baseUrl: string;
  endpoints: unknown;
  activeEndpoint: string;
  model: string;
  organization: string;
  project: string;
  requestTimeoutSeconds: number;
  maxRetries: number;
  store: boolean;
  reasoningSummary: ReasoningSummarySetting;
  webSearchContextSize: WebSearchContextSize;
  personas: unknown;
  activePersona: string;
  pricing: unknown;
  /** The setting, or its default when left empty. */
  explainPrompt: string;
  summarizePrompt: string;
  extractSchemas: unknown;
  extractTemperature: number;
  maxInputTokens: number;
  /** Share of the context window at which a chain is compacted. */
  compactAt: number;
  /** Token confidence for conversations that have not chosen otherwise. */
  showTokenConfidence: boolean;
  /** Alternatives per token when token confidence is on (`top_logprobs`, 0–20). */
  topLogprobs: number;
}

export const CONFIG_SECTION = 'threadline';

export function readConfig(): ThreadlineConfig {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return {
    baseUrl: c.get<string>('baseUrl', D.baseUrl).trim(),
    endpoints: c.get<unknown>('endpoints'),
    activeEndpoint: c.get<string>('activeEndpoint', D.activeEndpoint).trim(),
    model: c.get<string>('model', D.model).trim(),
    organization: c.get<string>('organization', D.organization).trim(),
    project: c.get<string>('project', D.project).trim(),
    requestTimeoutSeconds: clampNumber(c.get<number>('requestTimeoutSeconds'), 5, 3600, D.requestTimeoutSeconds),
    maxRetries: Math.round(clampNumber(c.get<number>('maxRetries'), 0, 10, D.maxRetries)),
    store: c.get<boolean>('store', D.store),
    reasoningSummary: oneOf(c.get<unknown>('reasoningSummary'), isReasoningSummarySetting, D.reasoningSummary),
    webSearchContextSize: oneOf(c.get<unknown>('webSearch.contextSize'), isWebSearchContextSize, D['webSearch.contextSize']),
    personas: c.get<unknown>('personas'),
    activePersona: c.get<string>('activePersona', D.activePersona),
    pricing: c.get<unknown>('pricing'),
    explainPrompt: c.get<string>('prompts.explain', '').trim() || D['prompts.explain'],
    summarizePrompt: c.get<string>('prompts.summarize', '').trim() || D['prompts.summarize'],
    extractSchemas: c.get<unknown>('extractJson.schemas'),
    extractTemperature: clampNumber(c.get<number>('extractJson.temperature'), 0, 2, D['extractJson.temperature']),
    maxInputTokens: Math.round(clampNumber(c.get<number>('maxInputTokens'), 0, 100_000_000, D.maxInputTokens)),
    compactAt: clampNumber(c.get<number>('compactAt'), 0.1, 0.95, D.compactAt),
    showTokenConfidence: c.get<boolean>('showTokenConfidence', D.showTokenConfidence) === true,
    topLogprobs: Math.round(clampNumber(c.get<number>('topLogprobs'), 0, 20, D.topLogprobs)),
  };
}

/** A hand-edited value outside the setting's enum falls back to the default. */
function oneOf<T extends string>(value: unknown, isAllowed: (v: unknown) => v is T, fallback: T): T {
  return isAllowed(value) ? value : fallback;
}

/** Settings edited by hand can hold anything; out-of-range or non-numeric values fall back to the default. */
function clampNumber(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}
