import * as l10n from '@vscode/l10n';
import * as z from 'zod';
import { isJsonObject, type JsonObject } from './jsonSchema';

/**
 * `threadline.extractJson` arguments, for keybindings, tasks and tests: they skip the schema picker.
 *   { schema: {...} | "path/to/file.schema.json", schemaName?: "person" }  use this schema
 *   { schemaName: "person" }                                                 the settings entry of that name
 *   { noSchema: true }                                                       infer JSON without a schema
 */
export const extractJsonArgsSchema = z
  .object({
    schema: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional(),
    schemaName: z.string().min(1).optional(),
    noSchema: z.boolean().optional(),
  })
  .strict()
  .refine((args) => !(args.noSchema === true && args.schema !== undefined), { error: () => l10n.t('give either "schema" or "noSchema", not both') });

export type ExtractJsonArgs = z.infer<typeof extractJsonArgsSchema>;

export type ReadArgs = { kind: 'interactive' } | { kind: 'args'; args: ExtractJsonArgs } | { kind: 'invalid'; message: string };

/**
 * Menus pass the document's URI as the first argument, and palette runs pass nothing: both mean "ask the user".
 * Only a plain object literal is taken as arguments, and then it must be well formed.
 */
export function readExtractJsonArgs(arg: unknown): ReadArgs {
  if (!isJsonObject(arg) || Object.getPrototypeOf(arg) !== Object.prototype || Object.keys(arg).length === 0) return { kind: 'interactive' };
  const parsed = extractJsonArgsSchema.safeParse(arg);
  if (parsed.success) return { kind: 'args', args: parsed.data };
  return { kind: 'invalid', message: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ') };
}

/** An entry of `threadline.extractJson.schemas`: a path to a schema file, or a named inline schema. */
export type SchemaSetting = { kind: 'file'; path: string } | { kind: 'inline'; name: string; schema: JsonObject };

const schemaSettingSchema = z.union([
  z.string().trim().min(1),
  z.object({ name: z.string().trim().min(1), schema: z.record(z.string(), z.unknown()) }),
]);

/** Entry by entry, so one bad entry is reported by its index and the others stay usable. */
export function parseSchemaSettings(raw: unknown): { entries: SchemaSetting[]; problems: string[] } {
  if (raw === undefined || raw === null) return { entries: [], problems: [] };
  if (!Array.isArray(raw)) return { entries: [], problems: [l10n.t('{0} must be an array', 'threadline.extractJson.schemas')] };
  const entries: SchemaSetting[] = [];
  const problems: string[] = [];
  raw.forEach((entry: unknown, index) => {
    const parsed = schemaSettingSchema.safeParse(entry);
    if (!parsed.success) {
      problems.push(l10n.t('{0} must be a path or {1}', `threadline.extractJson.schemas[${index}]`, '{ "name": string, "schema": object }'));
    } else if (typeof parsed.data === 'string') {
      entries.push({ kind: 'file', path: parsed.data });
    } else {
      entries.push({ kind: 'inline', name: parsed.data.name, schema: parsed.data.schema });
    }
  });
  return { entries, problems };
}
