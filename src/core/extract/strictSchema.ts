import * as l10n from '@vscode/l10n';
import { AdaptWalk, adaptSchemaNode, type DropReason, type SchemaProblem } from './adaptSchemaNode';
import { isJsonObject, type JsonObject } from './jsonSchema';
import { STRICT_LIMITS } from './strictKeywords';

export type { SchemaProblem } from './adaptSchemaNode';

/** The key a non-object root is wrapped under, because strict mode's root must be an object. */
export const WRAPPED_ROOT_KEY = 'result';

export type StrictAdaptation =
  | {
      ok: true;
      /** What is sent as `text.format.schema`. */
      schema: JsonObject;
      /** True when the user's root was not an object and was wrapped as `{ "result": … }`; the reply is unwrapped. */
      wrapped: boolean;
      /** What was changed on the way, in words for the log. */
      notes: string[];
    }
  | { ok: false; problems: SchemaProblem[] };

/**
 * Rewrites a user's JSON Schema into the subset strict Structured Outputs accepts (see strictKeywords.ts), or
 * says precisely why it cannot be: every problem names the keyword and where it is. The user's schema itself
 * is left untouched; the reply is later validated against it, not against this adapted copy.
 */
export function adaptToStrictSchema(schema: unknown): StrictAdaptation {
  const walk = new AdaptWalk(schema);
  if (!isJsonObject(schema)) {
    return { ok: false, problems: [{ pointer: '#', keyword: 'schema', message: l10n.t('a JSON Schema must be a JSON object') }] };
  }
  const adapted = adaptSchemaNode(schema, '#', 0, walk);
  checkLimits(walk);
  if (walk.problems.length > 0) return { ok: false, problems: walk.problems };
  const wrapped = !isPlainObjectRoot(adapted);
  return { ok: true, schema: wrapped ? wrapRoot(adapted) : adapted, wrapped, notes: describeChanges(walk, wrapped) };
}

export function describeSchemaProblem(problem: SchemaProblem): string {
  return l10n.t('{0} at {1}: {2}', problem.keyword, problem.pointer, problem.message);
}

function checkLimits(walk: AdaptWalk): void {
  if (walk.deepest > STRICT_LIMITS.nestingDepth) {
    walk.problem('#', 'nesting', l10n.t('the schema nests {0} levels deep; strict mode allows {1}', walk.deepest, STRICT_LIMITS.nestingDepth));
  }
  if (walk.propertyCount > STRICT_LIMITS.totalProperties) {
    walk.problem('#', 'properties', l10n.t('the schema has {0} properties in all; strict mode allows {1}', walk.propertyCount, STRICT_LIMITS.totalProperties));
  }
  if (walk.enumValueCount > STRICT_LIMITS.totalEnumValues) {
    walk.problem('#', 'enum', l10n.t('the schema has {0} enum values in all; strict mode allows {1}', walk.enumValueCount, STRICT_LIMITS.totalEnumValues));
  }
}

function isPlainObjectRoot(schema: JsonObject): boolean {
  const type = Array.isArray(schema.type) && schema.type.length === 1 ? schema.type[0] : schema.type;
  return type === 'object' && schema.anyOf === undefined && schema.$ref === undefined && schema.enum === undefined && schema.const === undefined;
}

/**
 * `{ "result": <the user's root> }`. Definitions stay at the root so `#/$defs/…` references keep working;
 * references into the old root itself (`#`, `#/items`) now live under `#/properties/result`.
 */
function wrapRoot(adapted: JsonObject): JsonObject {
  const { $defs, definitions, ...inner } = adapted;
  const definitionSets = { ...($defs === undefined ? {} : { $defs }), ...(definitions === undefined ? {} : { definitions }) };
  const wrapper: JsonObject = {
    type: 'object',
    properties: { [WRAPPED_ROOT_KEY]: inner },
    required: [WRAPPED_ROOT_KEY],
    additionalProperties: false,
    ...definitionSets,
  };
  rewriteRootRefs(wrapper);
  return wrapper;
}

function rewriteRootRefs(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(rewriteRootRefs);
  if (!isJsonObject(node)) return;
  const ref = node.$ref;
  if (typeof ref === 'string' && !/^#\/(\$defs|definitions)\//.test(ref)) {
    node.$ref = `#/properties/${WRAPPED_ROOT_KEY}${ref.slice(1)}`;
  }
  for (const [key, value] of Object.entries(node)) {
    // enum and const hold data, not schemas: a "$ref" inside them is a value and must not be touched.
    if (key !== 'enum' && key !== 'const') rewriteRootRefs(value);
  }
}

/** Written to the log when a schema is adapted (not shown in a message), so they stay English like the rest of it. */
const DROP_NOTES: Record<DropReason, (items: string) => string> = {
  annotation: (items) => `Left out annotations the API does not accept (${items}); they never affect which values are valid.`,
  checkedLocally: (items) => `${items}: not accepted by strict mode, so not sent; the reply is checked against them instead.`,
  unknown: (items) => `Ignored keywords that are not JSON Schema validation keywords: ${items}.`,
  format: (items) => `Formats strict mode does not know (${items}) are not sent; the reply is checked for them where Threadline knows the format.`,
  oneOf: (items) => `oneOf at ${items} is sent as anyOf; that exactly one alternative matches is checked on the reply.`,
  openObject: (items) => `Objects that allowed extra keys (${items}) now allow only their listed properties, as strict mode needs.`,
  inferredType: (items) => `Added the type implied by "properties" or "items" at ${items}.`,
};

function describeChanges(walk: AdaptWalk, wrapped: boolean): string[] {
  const notes = [...walk.dropped].map(([reason, items]) => DROP_NOTES[reason]([...items].join(', ')));
  if (walk.optionalMadeNullable > 0) {
    notes.push(
      `${walk.optionalMadeNullable} optional propert${walk.optionalMadeNullable === 1 ? 'y was' : 'ies were'} made required and nullable, as strict mode needs; a null the model gives for one is removed from the result.`,
    );
  }
  if (wrapped) notes.push(`The schema's root is not an object, so it is sent wrapped as {"${WRAPPED_ROOT_KEY}": …} and unwrapped from the reply.`);
  return notes;
}
