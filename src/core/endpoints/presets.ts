import * as l10n from '@vscode/l10n';
import { SETTING_DEFAULTS } from '../settingDefaults';

/**
 * The kinds of server Threadline knows how to talk to, with the defaults a new endpoint profile starts from:
 * where it usually listens, which wire protocol it speaks, where the key goes and whether it needs one. The
 * README's table of presets says the same things in prose; keep the two in step.
 */

export const PRESET_IDS = ['openai', 'azure', 'ollama', 'lmstudio', 'vllm', 'gemini', 'openrouter', 'custom'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

export const DIALECT_SETTINGS = ['responses', 'chat', 'auto'] as const;
/** What a profile asks for: a dialect, or `auto` (try Responses first, fall back to Chat Completions). */
export type DialectSetting = (typeof DIALECT_SETTINGS)[number];

export interface EndpointPreset {
  id: PresetId;
  label: string;
  /** Prefilled in the guided add command; may hold a placeholder (RESOURCE) the user replaces. */
  baseUrl: string;
  /** True when `baseUrl` must be edited before it can work (a resource name, a host). */
  urlNeedsEditing: boolean;
  dialect: DialectSetting;
  /** `bearer`: `Authorization: Bearer KEY`. `api-key`: Azure's own `api-key: KEY` header. */
  keyHeader: 'bearer' | 'api-key';
  /** A local server that takes no key: Threadline never asks for one. */
  keyless: boolean;
  /** The environment variable read when no key is stored for the profile. */
  envKey?: string;
  /** A model to start from when the profile names none. */
  suggestedModel?: string;
  /** One line for the quick pick: what the preset needs. */
  readonly needs: string;
}

/**
 * `needs` (and the custom preset's label) are getters so they are translated when read: this table is built when the
 * module loads, before the host hands `@vscode/l10n` its bundle. Product names stay as they are in every language.
 */
export const PRESETS: Readonly<Record<PresetId, EndpointPreset>> = {
  openai: {
    id: 'openai', label: 'OpenAI', baseUrl: SETTING_DEFAULTS.baseUrl, urlNeedsEditing: false, dialect: 'responses',
    keyHeader: 'bearer', keyless: false, envKey: 'OPENAI_API_KEY', suggestedModel: SETTING_DEFAULTS.model,
    get needs() { return l10n.t('an OpenAI API key (or OPENAI_API_KEY)'); },
  },
  azure: {
    id: 'azure', label: 'Azure OpenAI', baseUrl: 'https://RESOURCE.openai.azure.com/openai/v1/', urlNeedsEditing: true,
    dialect: 'responses', keyHeader: 'api-key', keyless: false, envKey: 'AZURE_OPENAI_API_KEY',
    get needs() { return l10n.t('your resource name in the URL, the resource key (or AZURE_OPENAI_API_KEY), and a deployment name as the model'); },
  },
  ollama: {
    id: 'ollama', label: 'Ollama', baseUrl: 'http://localhost:11434/v1', urlNeedsEditing: false, dialect: 'auto',
    keyHeader: 'bearer', keyless: true, get needs() { return l10n.t('Ollama running (ollama serve); no key'); },
  },
  lmstudio: {
    id: 'lmstudio', label: 'LM Studio', baseUrl: 'http://localhost:1234/v1', urlNeedsEditing: false, dialect: 'auto',
    keyHeader: 'bearer', keyless: true, get needs() { return l10n.t('LM Studio’s server started (Developer → Start Server); no key'); },
  },
  vllm: {
    id: 'vllm', label: 'vLLM', baseUrl: 'http://localhost:8000/v1', urlNeedsEditing: true, dialect: 'auto',
    keyHeader: 'bearer', keyless: false, get needs() { return l10n.t('the server’s URL, and the key given to vllm serve --api-key (any text if it has none)'); },
  },
  gemini: {
    id: 'gemini', label: 'Gemini', baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai/', urlNeedsEditing: false,
    dialect: 'chat', keyHeader: 'bearer', keyless: false, envKey: 'GEMINI_API_KEY', suggestedModel: 'gemini-2.5-flash',
    get needs() { return l10n.t('a Gemini API key from Google AI Studio (or GEMINI_API_KEY)'); },
  },
  openrouter: {
    id: 'openrouter', label: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', urlNeedsEditing: false, dialect: 'chat',
    keyHeader: 'bearer', keyless: false, suggestedModel: 'openai/gpt-4.1-mini', get needs() { return l10n.t('an OpenRouter key'); },
  },
  custom: {
    id: 'custom', get label() { return l10n.t('Custom'); }, baseUrl: 'https://', urlNeedsEditing: true, dialect: 'auto',
    keyHeader: 'bearer', keyless: false, get needs() { return l10n.t('the base URL (ending in /v1 for most servers) and its key'); },
  },
};

export function presetOf(id: string): EndpointPreset {
  return (PRESETS as Record<string, EndpointPreset | undefined>)[id] ?? PRESETS.custom;
}

/** The environment variable that may hold a profile's key: only the preset's own, never another service's. */
export function envKeyFor(presetId: string): string | undefined {
  return presetOf(presetId).envKey;
}

/**
 * The headers that carry the key. Azure takes it in `api-key`; a `null` Authorization tells the SDK not to add its
 * bearer header as well, so the key is sent once, where the service reads it.
 */
export function keyHeaders(presetId: string, key: string): Record<string, string | null> {
  return presetOf(presetId).keyHeader === 'api-key' ? { 'api-key': key, Authorization: null } : {};
}
