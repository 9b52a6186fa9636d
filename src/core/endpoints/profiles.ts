import * as l10n from '@vscode/l10n';
import * as z from 'zod';
import { describeSettingIssue } from '../settingIssues';
import { DIALECT_SETTINGS, PRESET_IDS, presetOf } from './presets';

/**
 * Endpoint profiles: where requests go, in which dialect, with which headers and model. This folder is pure (no
 * `vscode`): profiles and presets, migration from 0.1.0's single base URL, the per-endpoint memory, and the
 * diagnosis of a connection test. Host code and the conversation may import it; it imports only core.
 */

export const PROFILE_ID_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** Headers a profile adds to every request; a few are Threadline's own and may not be overridden here. */
const RESERVED_HEADERS = /^(authorization|api-key|content-type|content-length|host)$/i;

export const endpointProfileSchema = z.object({
  id: z.string().min(1).regex(PROFILE_ID_PATTERN, { error: () => l10n.t('use letters, digits, ".", "_" or "-"') }),
  label: z.string().min(1),
  preset: z.enum(PRESET_IDS),
  baseUrl: z.string().min(1),
  dialect: z.enum(DIALECT_SETTINGS),
  /** The model turns use when the persona names none; for Azure, a deployment name. */
  defaultModel: z.string().min(1).optional(),
  headers: z.record(z.string().min(1), z.string())
    .refine((headers) => !Object.keys(headers).some((name) => RESERVED_HEADERS.test(name)), {
      error: () => l10n.t('Authorization and api-key carry the key and are set by Threadline; store the key with “Threadline: Set API Key”'),
    })
    .optional(),
  /** A local server that takes no key: Threadline never asks for one. */
  keyless: z.boolean().optional(),
});
export type EndpointProfile = z.infer<typeof endpointProfileSchema>;

export interface EndpointProblem {
  index: number;
  id?: string;
  field: string;
  message: string;
}

export interface EndpointParseResult {
  profiles: EndpointProfile[];
  problems: EndpointProblem[];
}

/**
 * Validates `threadline.endpoints` entry by entry: a bad entry is reported by index, id and field, and the valid
 * ones stay usable. Duplicate ids keep the first entry. An absent setting is no problem: 0.1.0's base URL is used.
 */
export function parseEndpoints(raw: unknown): EndpointParseResult {
  const problems: EndpointProblem[] = [];
  const profiles: EndpointProfile[] = [];
  if (raw === undefined || raw === null) return { profiles, problems };
  if (!Array.isArray(raw)) {
    problems.push({ index: -1, field: '', message: l10n.t('must be an array') });
    return { profiles, problems };
  }
  const seen = new Set<string>();
  raw.forEach((entry: unknown, index) => {
    const id = typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string'
      ? (entry as { id: string }).id
      : undefined;
    const parsed = endpointProfileSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ index, id, field: issue.path.join('.'), message: describeSettingIssue(issue, entry) });
      return;
    }
    if (seen.has(parsed.data.id)) {
      problems.push({ index, id, field: 'id', message: l10n.t('duplicate id "{0}"; the first entry is used', parsed.data.id) });
      return;
    }
    seen.add(parsed.data.id);
    profiles.push(parsed.data);
  });
  return { profiles, problems };
}

export function describeEndpointProblem(problem: EndpointProblem): string {
  const entry = problem.index < 0 ? 'threadline.endpoints' : `threadline.endpoints[${problem.index}]${problem.id ? ` ("${problem.id}")` : ''}`;
  return problem.field ? `${entry}.${problem.field}: ${problem.message}` : `${entry}: ${problem.message}`;
}

/** Whether requests to this profile go without a key: set on the profile, else the preset's default. */
export function isKeyless(profile: EndpointProfile): boolean {
  return profile.keyless ?? presetOf(profile.preset).keyless;
}

/** The active profile by id, or the first one when the id names none. */
export function resolveActiveEndpoint(profiles: readonly EndpointProfile[], activeId: string | undefined): EndpointProfile | undefined {
  return profiles.find((p) => p.id === activeId) ?? profiles[0];
}

/** A free id for a new profile, from its preset: `ollama`, then `ollama-2`, … */
export function uniqueProfileId(base: string, taken: readonly string[]): string {
  const stem = base.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'endpoint';
  if (!taken.includes(stem)) return stem;
  for (let n = 2; ; n += 1) if (!taken.includes(`${stem}-${n}`)) return `${stem}-${n}`;
}
