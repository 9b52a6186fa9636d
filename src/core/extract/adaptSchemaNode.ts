import * as l10n from '@vscode/l10n';
import { childPointer, isJsonObject, jsonTypeOf, resolveLocalRef, type JsonObject } from './jsonSchema';
import {
  ANNOTATION_KEYWORDS, JSON_TYPES, LOCALLY_CHECKED_KEYWORDS, SENT_KEYWORDS, STRICT_FORMATS, UNSUPPORTED_KEYWORDS,
} from './strictKeywords';

/** Why a schema cannot be used in strict mode: which keyword, where (a JSON Pointer into the user's schema), and why. */
export interface SchemaProblem {
  pointer: string;
  keyword: string;
  message: string;
}

export type DropReason = 'annotation' | 'checkedLocally' | 'unknown' | 'format' | 'oneOf' | 'openObject' | 'inferredType';

/** What one adaptation pass collects: the problems that make the schema unusable, and what it changed quietly. */
export class AdaptWalk {
  readonly problems: SchemaProblem[] = [];
  readonly dropped = new Map<DropReason, Set<string>>();
  propertyCount = 0;
  enumValueCount = 0;
  deepest = 0;
  optionalMadeNullable = 0;

  constructor(readonly root: unknown) {}

  problem(pointer: string, keyword: string, message: string): void {
    this.problems.push({ pointer, keyword, message });
  }

  drop(reason: DropReason, what: string): void {
    let set = this.dropped.get(reason);
    if (!set) this.dropped.set(reason, (set = new Set()));
    set.add(what);
  }
}

const NUMBER_KEYWORDS = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']);

/**
 * Returns the strict-mode form of one schema node (and, recursively, of everything under it). Problems are
 * recorded on the walk rather than thrown, so the user sees every reason at once, not one per attempt.
 */
export function adaptSchemaNode(node: unknown, at: string, depth: number, walk: AdaptWalk): JsonObject {
  walk.deepest = Math.max(walk.deepest, depth);
  if (typeof node === 'boolean') {
    walk.problem(at, String(node), node ? l10n.t('a `true` schema allows any value; strict mode needs a type here') : l10n.t('a `false` schema allows no value at all'));
    return {};
  }
  if (!isJsonObject(node)) {
    walk.problem(at, 'schema', l10n.t('expected a schema object, found {0}', jsonTypeOf(node)));
    return {};
  }
  if (node.anyOf !== undefined && node.oneOf !== undefined) walk.problem(at, 'oneOf', l10n.t('anyOf and oneOf together cannot be expressed; keep one'));
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    const unsupported = UNSUPPORTED_KEYWORDS.get(key);
    if (unsupported) walk.problem(at, key, unsupported());
    else if (ANNOTATION_KEYWORDS.has(key)) walk.drop('annotation', key);
    else if (LOCALLY_CHECKED_KEYWORDS.has(key)) walk.drop('checkedLocally', key);
    else if (key === 'oneOf') adaptAlternatives(value, key, at, depth, walk, out);
    else if (!SENT_KEYWORDS.has(key)) walk.drop('unknown', key);
    else adaptKeyword(key, value, at, depth, walk, out);
  }
  inferMissingType(node, out, at, walk);
  const types = typesOf(out);
  if (types.includes('object')) finishObject(node, out, at, walk);
  if (types.includes('array') && out.items === undefined) {
    walk.problem(at, 'items', l10n.t('an array needs "items": strict mode must know the type of its elements'));
  }
  return out;
}

function adaptKeyword(key: string, value: unknown, at: string, depth: number, walk: AdaptWalk, out: JsonObject): void {
  switch (key) {
    case 'type':
      if (validType(value)) out.type = value;
      else walk.problem(at, key, l10n.t('"type" must be one of {0}, or an array of them; found {1}', [...JSON_TYPES].join(', '), JSON.stringify(value)));
      return;
    case 'properties':
      if (!isJsonObject(value)) return walk.problem(at, key, l10n.t('"{0}" must be an object of schemas', key));
      walk.propertyCount += Object.keys(value).length;
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, adaptSchemaNode(child, childPointer(at, key, name), depth + 1, walk)]),
      );
      return;
    case 'items':
      if (Array.isArray(value)) return walk.problem(at, key, l10n.t('tuple arrays ("items" as an array) are not supported by strict mode; use an object with named fields'));
      out.items = adaptSchemaNode(value, childPointer(at, key), depth + 1, walk);
      return;
    case 'anyOf':
      adaptAlternatives(value, key, at, depth, walk, out);
      return;
    case '$defs':
    case 'definitions':
      if (at !== '#') return walk.problem(at, key, l10n.t('{0} is only supported at the root of the schema; move these definitions there', key));
      if (!isJsonObject(value)) return walk.problem(at, key, l10n.t('"{0}" must be an object of schemas', key));
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, child]) => [name, adaptSchemaNode(child, childPointer(at, key, name), 1, walk)]),
      );
      return;
    case '$ref':
      adaptRef(value, at, walk, out);
      return;
    case 'enum':
      if (!Array.isArray(value) || value.length === 0) return walk.problem(at, key, l10n.t('"{0}" must be a non-empty array', key));
      walk.enumValueCount += value.length;
      out.enum = value;
      return;
    case 'format':
      if (typeof value === 'string' && STRICT_FORMATS.has(value)) out.format = value;
      else walk.drop('format', String(value));
      return;
    case 'pattern':
      adaptPattern(value, at, walk, out);
      return;
    case 'minItems':
    case 'maxItems':
      if (Number.isInteger(value) && (value as number) >= 0) out[key] = value;
      else walk.problem(at, key, l10n.t('"{0}" must be a non-negative integer; found {1}', key, JSON.stringify(value)));
      return;
    case 'description':
      if (typeof value === 'string') out.description = value;
      return;
    case 'required':
    case 'additionalProperties':
      return; // decided in finishObject, where the properties are known
    default:
      if (NUMBER_KEYWORDS.has(key) && (typeof value !== 'number' || !Number.isFinite(value))) {
        return walk.problem(at, key, typeof value === 'boolean'
          ? l10n.t('"{0}" must be a number (the draft-4 boolean form is not supported; give the bound itself); found {1}', key, JSON.stringify(value))
          : l10n.t('"{0}" must be a number; found {1}', key, JSON.stringify(value)));
      }
      out[key] = value; // const and the numeric bounds pass through unchanged
  }
}

function adaptAlternatives(value: unknown, key: string, at: string, depth: number, walk: AdaptWalk, out: JsonObject): void {
  if (!Array.isArray(value) || value.length === 0) return walk.problem(at, key, l10n.t('"{0}" must be a non-empty array of schemas', key));
  // Strict mode knows only anyOf; "exactly one" is checked on the reply against the user's own schema.
  if (key === 'oneOf') walk.drop('oneOf', at);
  out.anyOf = value.map((branch, i) => adaptSchemaNode(branch, childPointer(at, key, i), depth, walk));
}

function adaptRef(value: unknown, at: string, walk: AdaptWalk, out: JsonObject): void {
  if (typeof value !== 'string') return walk.problem(at, '$ref', l10n.t('"{0}" must be a string', '$ref'));
  if (!value.startsWith('#')) {
    return walk.problem(at, '$ref', l10n.t('external reference {0} is not supported; only references inside this schema ("#/$defs/Name") are', JSON.stringify(value)));
  }
  if (resolveLocalRef(walk.root, value) === undefined) return walk.problem(at, '$ref', l10n.t('reference {0} points to nothing in this schema', JSON.stringify(value)));
  out.$ref = value;
}

function adaptPattern(value: unknown, at: string, walk: AdaptWalk, out: JsonObject): void {
  if (typeof value !== 'string') return walk.problem(at, 'pattern', l10n.t('"{0}" must be a string', 'pattern'));
  try {
    new RegExp(value, 'u');
    out.pattern = value;
  } catch (error) {
    walk.problem(at, 'pattern', l10n.t('invalid regular expression: {0}', error instanceof Error ? error.message : String(error)));
  }
}

function inferMissingType(original: JsonObject, out: JsonObject, at: string, walk: AdaptWalk): void {
  // A $ref or anyOf that failed to adapt has been reported already; "no type" on top would only add noise.
  const typed = ['type', 'anyOf', 'oneOf', '$ref', 'enum', 'const'].some((key) => original[key] !== undefined);
  if (typed) return;
  if (out.properties !== undefined) {
    out.type = 'object';
    walk.drop('inferredType', at);
  } else if (out.items !== undefined) {
    out.type = 'array';
    walk.drop('inferredType', at);
  } else {
    walk.problem(at, 'type', l10n.t('no "type": strict mode needs every value to declare one (or anyOf, enum, const or $ref)'));
  }
}

/** Strict mode's object rules: no keys beyond those listed, every listed key required, optional ones nullable. */
function finishObject(original: JsonObject, out: JsonObject, at: string, walk: AdaptWalk): void {
  const properties = isJsonObject(out.properties) ? (out.properties as Record<string, JsonObject>) : {};
  const names = Object.keys(properties);
  if (names.length === 0) {
    const hint = out.anyOf !== undefined ? l10n.t('With anyOf, put "type": "object" and the properties inside each alternative.') : l10n.t('List its properties.');
    walk.problem(at, 'properties', `${l10n.t('an object with no listed properties could only ever be {} in strict mode, which allows no unlisted keys.')} ${hint}`);
  }
  const extra = original.additionalProperties;
  if (isJsonObject(extra) && Object.keys(extra).length > 0) {
    walk.problem(at, 'additionalProperties', l10n.t('a map of arbitrary keys (additionalProperties as a schema) cannot be expressed in strict mode; list the properties by name'));
  } else if (extra === true || isJsonObject(extra)) {
    walk.drop('openObject', at);
  }
  const required = original.required ?? [];
  if (!Array.isArray(required) || required.some((name) => typeof name !== 'string')) {
    walk.problem(at, 'required', l10n.t('"{0}" must be an array of property names', 'required'));
    return;
  }
  for (const name of required as string[]) {
    if (!Object.hasOwn(properties, name)) walk.problem(at, 'required', l10n.t('"{0}" is required but not listed in "properties"', name));
  }
  for (const name of names) {
    if (required.includes(name)) continue;
    const nullable = makeNullable(properties[name]);
    if (nullable !== properties[name]) walk.optionalMadeNullable++;
    properties[name] = nullable;
  }
  out.required = names;
  out.additionalProperties = false;
}

/**
 * Strict mode has no optional properties; "may be absent" becomes "required, and may be null". Scalars get
 * "null" added to their type; objects and arrays become `anyOf: [schema, {type: "null"}]`, the form OpenAI's
 * own examples use for nullable structures.
 */
export function makeNullable(schema: JsonObject): JsonObject {
  if (acceptsNull(schema)) return schema;
  const { description, ...rest } = schema;
  const described = description === undefined ? {} : { description };
  const types = typesOf(rest);
  const scalar = types.length > 0 && !types.includes('object') && !types.includes('array');
  if (scalar && rest.anyOf === undefined && rest.$ref === undefined && rest.const === undefined) {
    const widened: JsonObject = { ...schema, type: [...new Set([...typesOf(rest), 'null'])] };
    if (Array.isArray(rest.enum)) widened.enum = [...rest.enum, null];
    return widened;
  }
  if (Array.isArray(rest.anyOf) && Object.keys(rest).length === 1) return { anyOf: [...rest.anyOf, { type: 'null' }], ...described };
  return { anyOf: [rest, { type: 'null' }], ...described };
}

function acceptsNull(schema: JsonObject): boolean {
  if (schema.$ref !== undefined) return false;
  if (schema.const !== undefined) return schema.const === null;
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) return false;
  if (Array.isArray(schema.anyOf)) return schema.anyOf.some((branch) => isJsonObject(branch) && acceptsNull(branch));
  return typesOf(schema).includes('null');
}

export function typesOf(schema: JsonObject): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  return Array.isArray(schema.type) ? schema.type.filter((t): t is string => typeof t === 'string') : [];
}

function validType(value: unknown): boolean {
  if (typeof value === 'string') return JSON_TYPES.has(value);
  return Array.isArray(value) && value.length > 0 && value.every((t) => typeof t === 'string' && JSON_TYPES.has(t)) && new Set(value).size === value.length;
}
