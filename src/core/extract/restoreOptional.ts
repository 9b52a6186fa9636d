import { validateJsonAt } from './validateJson';
import { isJsonObject, resolveLocalRef, type JsonObject } from './jsonSchema';

const MAX_REF_HOPS = 64;

/**
 * Strict mode made the user's optional properties required-but-nullable, so the model writes `null` for
 * "not in the text". This removes those nulls where the user's own schema has the property optional and
 * does not allow null, so the result matches the schema the user wrote rather than the adapted copy.
 */
export function dropNullsForOptionalProperties(value: unknown, schema: unknown): unknown {
  return restore(value, schema, schema, 0);
}

function restore(value: unknown, node: unknown, root: unknown, hops: number): unknown {
  if (!isJsonObject(node) || hops > MAX_REF_HOPS) return value;
  if (typeof node.$ref === 'string') {
    const target = resolveLocalRef(root, node.$ref);
    if (target !== undefined) value = restore(value, target, root, hops + 1);
  }
  if (Array.isArray(value) && isJsonObject(node.items)) return value.map((item) => restore(item, node.items, root, hops));
  if (isJsonObject(value) && isJsonObject(node.properties)) value = restoreObject(value, node, node.properties, root, hops);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = node[key];
    if (!Array.isArray(branches)) continue;
    // Only the alternative the value really matches decides which nulls go.
    for (const branch of branches) {
      const candidate = restore(value, branch, root, hops);
      if (validateJsonAt(candidate, branch, root).length === 0) return candidate;
    }
  }
  return value;
}

function restoreObject(value: JsonObject, node: JsonObject, properties: JsonObject, root: unknown, hops: number): JsonObject {
  const required = Array.isArray(node.required) ? node.required : [];
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const propertySchema = properties[key];
    if (propertySchema === undefined) {
      out[key] = item;
    } else if (item === null && !required.includes(key) && validateJsonAt(null, propertySchema, root).length > 0) {
      continue;
    } else {
      out[key] = restore(item, propertySchema, root, hops);
    }
  }
  return out;
}
