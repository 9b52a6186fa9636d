import * as l10n from '@vscode/l10n';
import * as z from 'zod';
import { REASONING_EFFORTS, VERBOSITIES } from './models/parameters';
import { FALLBACK_PERSONA } from './settingDefaults';
import { describeSettingIssue } from './settingIssues';

/**
 * A persona: the instructions and model parameters that answer a turn. Shape of `threadline.personas` entries.
 * A persona may set parameters its model does not take: they are left out per request (core/models), not refused here.
 */
export const personaSchema = z.object({
  id: z.string().min(1).regex(/^[A-Za-z0-9_.-]+$/, { error: () => l10n.t('use letters, digits, ".", "_" or "-"') }),
  label: z.string().min(1),
  instructions: z.string(),
  model: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  max_output_tokens: z.number().int().min(16).optional(),
  /** Sent as `reasoning.effort` to reasoning models that take the value; others leave it out and say so. */
  reasoningEffort: z.enum(REASONING_EFFORTS).optional(),
  /** Sent as `text.verbosity` to the gpt-5 family; others leave it out and say so. */
  verbosity: z.enum(VERBOSITIES).optional(),
  /** Turns on the hosted web_search tool for this persona's turns (the composer's globe can still turn it off). */
  webSearch: z.boolean().optional(),
  /** The id of an endpoint profile (threadline.endpoints) this persona's turns go to, whichever is active. */
  endpoint: z.string().min(1).regex(/^[A-Za-z0-9_.-]+$/, { error: () => l10n.t('an endpoint id: letters, digits, ".", "_" or "-"') }).optional(),
});
export type Persona = z.infer<typeof personaSchema>;

export interface PersonaProblem {
  /** Which entry: its index in the array and, when readable, its id. */
  index: number;
  id?: string;
  /** The field at fault, e.g. `temperature`; empty when the entry itself is not an object. */
  field: string;
  /** In the display language (core/settingIssues). */
  message: string;
}

export interface PersonaParseResult {
  personas: Persona[];
  problems: PersonaProblem[];
}

/**
 * Validates the raw setting entry by entry: a bad entry is reported by index, id and field, and the valid
 * ones stay usable. Duplicate ids keep the first entry.
 */
export function parsePersonas(raw: unknown): PersonaParseResult {
  const problems: PersonaProblem[] = [];
  const personas: Persona[] = [];
  if (!Array.isArray(raw)) {
    if (raw !== undefined) problems.push({ index: -1, field: '', message: l10n.t('must be an array') });
    return { personas: [FALLBACK_PERSONA], problems };
  }
  const seen = new Set<string>();
  raw.forEach((entry: unknown, index) => {
    const id = typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'string'
      ? (entry as { id: string }).id
      : undefined;
    const parsed = personaSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ index, id, field: issue.path.join('.'), message: describeSettingIssue(issue, entry) });
      }
      return;
    }
    if (seen.has(parsed.data.id)) {
      problems.push({ index, id, field: 'id', message: l10n.t('duplicate id "{0}"; the first entry is used', parsed.data.id) });
      return;
    }
    seen.add(parsed.data.id);
    personas.push(parsed.data);
  });
  return { personas: personas.length > 0 ? personas : [FALLBACK_PERSONA], problems };
}

/** One line per problem, naming the entry and the field, for a warning the user can act on. */
export function describePersonaProblem(problem: PersonaProblem): string {
  const entry = problem.index < 0 ? 'threadline.personas' : `threadline.personas[${problem.index}]${problem.id ? ` ("${problem.id}")` : ''}`;
  return problem.field ? `${entry}.${problem.field}: ${problem.message}` : `${entry}: ${problem.message}`;
}

/** The active persona by id, or the first valid one when the id names none. */
export function resolveActivePersona(personas: Persona[], activeId: string | undefined): Persona {
  return personas.find((p) => p.id === activeId) ?? personas[0] ?? FALLBACK_PERSONA;
}
