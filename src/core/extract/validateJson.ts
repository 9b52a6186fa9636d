import { matchesFormat } from './jsonFormats';
import { childPath, deepEqual, isJsonObject, jsonTypeOf, resolveLocalRef, ROOT_PATH, type JsonObject } from './jsonSchema';

/** One way a value breaks a schema: where in the value, which keyword, and a sentence that says both. */
export interface JsonIssue {
  path: string;
  rule: string;
  message: string;
}

const MAX_ISSUES = 50;
const MAX_REF_HOPS = 64;

/**
 * Checks a parsed JSON value against a JSON Schema: the keywords strict mode knows, the ones Threadline checks
 * on its behalf (minLength, uniqueItems…), oneOf and allOf, and local $refs. Unknown keywords are ignored,
 * as JSON Schema says they should be.
 */
export function validateJson(value: unknown, schema: unknown): JsonIssue[] {
  return validateJsonAt(value, schema, schema);
}

/** Validates against `node`, resolving `$ref`s in `root` (the whole schema `node` is part of). */
export function validateJsonAt(value: unknown, node: unknown, root: unknown, path: string = ROOT_PATH): JsonIssue[] {
  const issues: JsonIssue[] = [];
  check(value, node, { root, issues, refHops: 0 }, path);
  return issues;
}

interface Run {
  root: unknown;
  issues: JsonIssue[];
  refHops: number;
}

function report(run: Run, path: string, rule: string, message: string): void {
  if (run.issues.length < MAX_ISSUES) run.issues.push({ path, rule, message: `${path}: ${message}` });
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function check(value: unknown, node: unknown, run: Run, path: string): void {
  if (node === false) return report(run, path, 'false', 'no value is allowed here');
  if (!isJsonObject(node)) return;
  if (typeof node.$ref === 'string') {
    const target = resolveLocalRef(run.root, node.$ref);
    if (target === undefined) report(run, path, '$ref', `the schema's reference ${node.$ref} points to nothing`);
    else if (run.refHops >= MAX_REF_HOPS) report(run, path, '$ref', `reference ${node.$ref} loops without reaching a type`);
    else check(value, target, { ...run, refHops: run.refHops + 1 }, path);
  }
  if (!checkType(value, node, run, path)) return;
  if (Array.isArray(node.enum) && !node.enum.some((option) => deepEqual(option, value))) {
    report(run, path, 'enum', `${preview(value)} is not one of ${node.enum.map(preview).join(', ')}`);
  }
  if (node.const !== undefined && !deepEqual(node.const, value)) report(run, path, 'const', `must be ${preview(node.const)}, got ${preview(value)}`);
  if (typeof value === 'string') checkString(value, node, run, path);
  else if (typeof value === 'number') checkNumber(value, node, run, path);
  else if (Array.isArray(value)) checkArray(value, node, run, path);
  else if (isJsonObject(value)) checkObject(value, node, run, path);
  checkCombinations(value, node, run, path);
}

/** False when the type is wrong, so the checks that assume the type stay quiet instead of piling on. */
function checkType(value: unknown, node: JsonObject, run: Run, path: string): boolean {
  if (node.type === undefined) return true;
  const allowed = Array.isArray(node.type) ? node.type : [node.type];
  const actual = jsonTypeOf(value);
  if (allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'))) return true;
  report(run, path, 'type', `expected ${allowed.join(' or ')}, got ${actual} ${preview(value)}`);
  return false;
}

function checkString(value: string, node: JsonObject, run: Run, path: string): void {
  const length = [...value].length; // code points, as JSON Schema counts them
  if (typeof node.minLength === 'number' && length < node.minLength) report(run, path, 'minLength', `must be at least ${node.minLength} characters, got ${length}`);
  if (typeof node.maxLength === 'number' && length > node.maxLength) report(run, path, 'maxLength', `must be at most ${node.maxLength} characters, got ${length}`);
  if (typeof node.pattern === 'string') {
    let matched = true;
    try {
      matched = new RegExp(node.pattern, 'u').test(value);
    } catch {
      // An invalid pattern is reported when the schema is adapted; it cannot judge a value.
    }
    if (!matched) report(run, path, 'pattern', `${preview(value)} does not match the pattern /${node.pattern}/`);
  }
  if (typeof node.format === 'string' && matchesFormat(node.format, value) === false) {
    report(run, path, 'format', `${preview(value)} is not a valid ${node.format}`);
  }
}

function checkNumber(value: number, node: JsonObject, run: Run, path: string): void {
  const bound = (key: string, broken: (limit: number) => boolean, words: string): void => {
    const limit = node[key];
    if (typeof limit === 'number' && broken(limit)) report(run, path, key, `must be ${words} ${limit}, got ${value}`);
  };
  bound('minimum', (limit) => value < limit, 'at least');
  bound('maximum', (limit) => value > limit, 'at most');
  bound('exclusiveMinimum', (limit) => value <= limit, 'greater than');
  bound('exclusiveMaximum', (limit) => value >= limit, 'less than');
  if (typeof node.multipleOf === 'number' && node.multipleOf > 0) {
    const quotient = value / node.multipleOf;
    // Decimal steps such as 0.01 are not exact in binary; a quotient within rounding error of a whole number passes.
    if (Math.abs(quotient - Math.round(quotient)) > 1e-9 * Math.max(1, Math.abs(quotient))) {
      report(run, path, 'multipleOf', `must be a multiple of ${node.multipleOf}, got ${value}`);
    }
  }
}

function checkArray(value: unknown[], node: JsonObject, run: Run, path: string): void {
  if (typeof node.minItems === 'number' && value.length < node.minItems) report(run, path, 'minItems', `must have at least ${node.minItems} items, got ${value.length}`);
  if (typeof node.maxItems === 'number' && value.length > node.maxItems) report(run, path, 'maxItems', `must have at most ${node.maxItems} items, got ${value.length}`);
  if (node.uniqueItems === true) {
    const duplicate = value.findIndex((item, i) => value.findIndex((other) => deepEqual(other, item)) !== i);
    if (duplicate >= 0) report(run, path, 'uniqueItems', `items must be unique, but item ${duplicate} repeats an earlier one (${preview(value[duplicate])})`);
  }
  if (node.items !== undefined && !Array.isArray(node.items)) value.forEach((item, i) => check(item, node.items, run, childPath(path, i)));
}

function checkObject(value: JsonObject, node: JsonObject, run: Run, path: string): void {
  const properties = isJsonObject(node.properties) ? node.properties : {};
  if (Array.isArray(node.required)) {
    for (const name of node.required) {
      if (typeof name === 'string' && !Object.hasOwn(value, name)) report(run, path, 'required', `missing required property "${name}"`);
    }
  }
  const keys = Object.keys(value);
  for (const key of keys) {
    if (Object.hasOwn(properties, key)) check(value[key], properties[key], run, childPath(path, key));
    else if (node.additionalProperties === false) report(run, childPath(path, key), 'additionalProperties', `unexpected property "${key}"; the schema allows only ${Object.keys(properties).map((k) => `"${k}"`).join(', ') || 'no properties'}`);
    else if (node.additionalProperties !== undefined) check(value[key], node.additionalProperties, run, childPath(path, key));
  }
  if (typeof node.minProperties === 'number' && keys.length < node.minProperties) report(run, path, 'minProperties', `must have at least ${node.minProperties} properties, got ${keys.length}`);
  if (typeof node.maxProperties === 'number' && keys.length > node.maxProperties) report(run, path, 'maxProperties', `must have at most ${node.maxProperties} properties, got ${keys.length}`);
}

function checkCombinations(value: unknown, node: JsonObject, run: Run, path: string): void {
  if (Array.isArray(node.allOf)) node.allOf.forEach((branch) => check(value, branch, run, path));
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = node[key];
    if (!Array.isArray(branches) || branches.length === 0) continue;
    const results = branches.map((branch) => {
      const alone: Run = { root: run.root, issues: [], refHops: run.refHops };
      check(value, branch, alone, path);
      return alone.issues;
    });
    const matching = results.filter((issues) => issues.length === 0).length;
    if (matching === 0) {
      // The alternative meant is most likely one whose type fits, then the one with fewest complaints.
      const score = (issues: JsonIssue[]) => issues.length + (issues.some((i) => i.rule === 'type' && i.path === path) ? 1_000 : 0);
      const closest = results.reduce((best, issues) => (score(issues) < score(best) ? issues : best));
      report(run, path, key, `matches none of the ${branches.length} alternatives (${key}); closest: ${closest[0]?.message ?? 'unknown'}`);
    } else if (key === 'oneOf' && matching > 1) {
      report(run, path, key, `matches ${matching} of the alternatives, but oneOf allows exactly one`);
    }
  }
}
