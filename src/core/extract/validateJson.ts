import * as l10n from '@vscode/l10n';
import { matchesFormat } from './jsonFormats';
import { childPath, deepEqual, isJsonObject, jsonTypeOf, resolveLocalRef, ROOT_PATH, type JsonObject } from './jsonSchema';

/**
 * One way a value breaks a schema: where in the value, which keyword, and a sentence that says both, in the display
 * language. Keywords, type names and the value itself are quoted as JSON Schema and the reply spell them.
 */
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
  if (node === false) return report(run, path, 'false', l10n.t('no value is allowed here'));
  if (!isJsonObject(node)) return;
  if (typeof node.$ref === 'string') {
    const target = resolveLocalRef(run.root, node.$ref);
    if (target === undefined) report(run, path, '$ref', l10n.t("the schema's reference {0} points to nothing", node.$ref));
    else if (run.refHops >= MAX_REF_HOPS) report(run, path, '$ref', l10n.t('reference {0} loops without reaching a type', node.$ref));
    else check(value, target, { ...run, refHops: run.refHops + 1 }, path);
  }
  if (!checkType(value, node, run, path)) return;
  if (Array.isArray(node.enum) && !node.enum.some((option) => deepEqual(option, value))) {
    report(run, path, 'enum', l10n.t('{0} is not one of {1}', preview(value), node.enum.map(preview).join(', ')));
  }
  if (node.const !== undefined && !deepEqual(node.const, value)) report(run, path, 'const', l10n.t('must be {0}, got {1}', preview(node.const), preview(value)));
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
  report(run, path, 'type', l10n.t('expected {0}, got {1} {2}', allowed.join(' | '), actual, preview(value)));
  return false;
}

function checkString(value: string, node: JsonObject, run: Run, path: string): void {
  const length = [...value].length; // code points, as JSON Schema counts them
  if (typeof node.minLength === 'number' && length < node.minLength) report(run, path, 'minLength', l10n.t('must be at least {0} characters, got {1}', node.minLength, length));
  if (typeof node.maxLength === 'number' && length > node.maxLength) report(run, path, 'maxLength', l10n.t('must be at most {0} characters, got {1}', node.maxLength, length));
  if (typeof node.pattern === 'string') {
    let matched = true;
    try {
      matched = new RegExp(node.pattern, 'u').test(value);
    } catch {
      // An invalid pattern is reported when the schema is adapted; it cannot judge a value.
    }
    if (!matched) report(run, path, 'pattern', l10n.t('{0} does not match the pattern {1}', preview(value), `/${node.pattern}/`));
  }
  if (typeof node.format === 'string' && matchesFormat(node.format, value) === false) {
    report(run, path, 'format', l10n.t('{0} is not a valid {1}', preview(value), node.format));
  }
}

function checkNumber(value: number, node: JsonObject, run: Run, path: string): void {
  const bound = (key: string, broken: (limit: number) => boolean, say: (limit: number) => string): void => {
    const limit = node[key];
    if (typeof limit === 'number' && broken(limit)) report(run, path, key, say(limit));
  };
  bound('minimum', (limit) => value < limit, (limit) => l10n.t('must be at least {0}, got {1}', limit, value));
  bound('maximum', (limit) => value > limit, (limit) => l10n.t('must be at most {0}, got {1}', limit, value));
  bound('exclusiveMinimum', (limit) => value <= limit, (limit) => l10n.t('must be greater than {0}, got {1}', limit, value));
  bound('exclusiveMaximum', (limit) => value >= limit, (limit) => l10n.t('must be less than {0}, got {1}', limit, value));
  if (typeof node.multipleOf === 'number' && node.multipleOf > 0) {
    const quotient = value / node.multipleOf;
    // Decimal steps such as 0.01 are not exact in binary; a quotient within rounding error of a whole number passes.
    if (Math.abs(quotient - Math.round(quotient)) > 1e-9 * Math.max(1, Math.abs(quotient))) {
      report(run, path, 'multipleOf', l10n.t('must be a multiple of {0}, got {1}', node.multipleOf, value));
    }
  }
}

function checkArray(value: unknown[], node: JsonObject, run: Run, path: string): void {
  if (typeof node.minItems === 'number' && value.length < node.minItems) report(run, path, 'minItems', l10n.t('must have at least {0} items, got {1}', node.minItems, value.length));
  if (typeof node.maxItems === 'number' && value.length > node.maxItems) report(run, path, 'maxItems', l10n.t('must have at most {0} items, got {1}', node.maxItems, value.length));
  if (node.uniqueItems === true) {
    const duplicate = value.findIndex((item, i) => value.findIndex((other) => deepEqual(other, item)) !== i);
    if (duplicate >= 0) report(run, path, 'uniqueItems', l10n.t('items must be unique, but item {0} repeats an earlier one ({1})', duplicate, preview(value[duplicate])));
  }
  if (node.items !== undefined && !Array.isArray(node.items)) value.forEach((item, i) => check(item, node.items, run, childPath(path, i)));
}

function checkObject(value: JsonObject, node: JsonObject, run: Run, path: string): void {
  const properties = isJsonObject(node.properties) ? node.properties : {};
  if (Array.isArray(node.required)) {
    for (const name of node.required) {
      if (typeof name === 'string' && !Object.hasOwn(value, name)) report(run, path, 'required', l10n.t('missing required property "{0}"', name));
    }
  }
  const keys = Object.keys(value);
  for (const key of keys) {
    if (Object.hasOwn(properties, key)) check(value[key], properties[key], run, childPath(path, key));
    else if (node.additionalProperties === false) report(run, childPath(path, key), 'additionalProperties', Object.keys(properties).length > 0
      ? l10n.t('unexpected property "{0}"; the schema allows only {1}', key, Object.keys(properties).map((k) => `"${k}"`).join(', '))
      : l10n.t('unexpected property "{0}"; the schema allows no properties', key));
    else if (node.additionalProperties !== undefined) check(value[key], node.additionalProperties, run, childPath(path, key));
  }
  if (typeof node.minProperties === 'number' && keys.length < node.minProperties) report(run, path, 'minProperties', l10n.t('must have at least {0} properties, got {1}', node.minProperties, keys.length));
  if (typeof node.maxProperties === 'number' && keys.length > node.maxProperties) report(run, path, 'maxProperties', l10n.t('must have at most {0} properties, got {1}', node.maxProperties, keys.length));
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
      report(run, path, key, l10n.t('matches none of the {0} alternatives ({1}); closest: {2}', branches.length, key, closest[0]?.message ?? '?'));
    } else if (key === 'oneOf' && matching > 1) {
      report(run, path, key, l10n.t('matches {0} of the alternatives, but oneOf allows exactly one', matching));
    }
  }
}
