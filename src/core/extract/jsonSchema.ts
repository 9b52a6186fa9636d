/**
 * The small vocabulary shared by the strict-mode adapter and the validator: what a schema node is, and how a
 * place in a schema (a JSON Pointer fragment, `#/properties/name`) and a place in a value (`$.people[0].name`)
 * are written in messages the user reads.
 */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `#/properties/a~1b`: RFC 6901 escaping, so a key holding `/` or `~` still names one step. */
export function childPointer(pointer: string, ...steps: (string | number)[]): string {
  return steps.reduce<string>((at, step) => `${at}/${String(step).replace(/~/g, '~0').replace(/\//g, '~1')}`, pointer);
}

/** Resolves a local reference (`#`, `#/$defs/Person`) inside `root`; undefined when it names nothing. */
export function resolveLocalRef(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const step = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = /^\d+$/.test(step) ? node[Number(step)] : undefined;
    else if (isJsonObject(node) && Object.hasOwn(node, step)) node = node[step];
    else return undefined;
  }
  return node;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.people[0].name`, `$["odd key"]`: the notation most JSON tools print, so a path can be found by eye. */
export function childPath(path: string, step: string | number): string {
  if (typeof step === 'number') return `${path}[${step}]`;
  return IDENTIFIER.test(step) ? `${path}.${step}` : `${path}[${JSON.stringify(step)}]`;
}

export const ROOT_PATH = '$';

/** Names the JSON type of a parsed value the way JSON Schema's `type` keyword does. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
