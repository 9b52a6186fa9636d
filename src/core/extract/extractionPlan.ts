import { isJsonObject, type JsonObject } from './jsonSchema';
import { adaptToStrictSchema, type SchemaProblem } from './strictSchema';

/**
 * What one extraction asks for. `infer`: any well-formed JSON object the model sees fit (json_object mode).
 * `schema`: the user's schema, adapted to strict mode for the request, and kept as written for validation.
 */
export type ExtractionPlan =
  | { mode: 'infer' }
  | {
      mode: 'schema';
      /** The name the user knows the schema by (settings name or file name). */
      name: string;
      /** The `text.format.name` sent: the API allows only letters, digits, "_" and "-", up to 64. */
      formatName: string;
      userSchema: JsonObject;
      strictSchema: JsonObject;
      wrapped: boolean;
      notes: string[];
    };

export type PlanResult = { ok: true; plan: ExtractionPlan } | { ok: false; name: string; problems: SchemaProblem[] };

export const INFER_PLAN: ExtractionPlan = { mode: 'infer' };

export function planWithSchema(name: string, schema: unknown): PlanResult {
  const adapted = adaptToStrictSchema(schema);
  if (!adapted.ok || !isJsonObject(schema)) return { ok: false, name, problems: adapted.ok ? [] : adapted.problems };
  return {
    ok: true,
    plan: {
      mode: 'schema',
      name,
      formatName: toFormatName(name),
      userSchema: schema,
      strictSchema: adapted.schema,
      wrapped: adapted.wrapped,
      notes: adapted.notes,
    },
  };
}

export function toFormatName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 64);
  return cleaned || 'extraction';
}

/** `schemas/person.schema.json` → `person`: how a schema file is named in pickers and messages. */
export function schemaNameFromPath(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.schema\.json$/i, '').replace(/\.json$/i, '') || base;
}
