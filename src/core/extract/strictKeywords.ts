import * as l10n from '@vscode/l10n';

/**
 * How each JSON Schema keyword fares under strict Structured Outputs. The API accepts a subset of JSON Schema
 * and answers anything else with a 400, so the adapter sorts every keyword it meets into one of these groups
 * instead of sending the user's schema and hoping.
 */

/** Keywords the API enforces while generating; they are sent, and checked again on the reply. */
export const SENT_KEYWORDS = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf', '$defs', 'definitions',
  '$ref', 'description', 'format', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minItems', 'maxItems',
]);

/**
 * Constraints strict mode does not accept but that are easy to check on the reply. They are left out of the
 * request (so it is not rejected) and enforced locally: a reply that breaks one is reported as a mismatch.
 */
export const LOCALLY_CHECKED_KEYWORDS = new Set(['minLength', 'maxLength', 'uniqueItems', 'minProperties', 'maxProperties']);

/** Pure annotations: they never change which values are valid, so dropping them loses nothing. */
export const ANNOTATION_KEYWORDS = new Set([
  '$schema', '$id', '$comment', 'title', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly',
  'contentMediaType', 'contentEncoding', '$vocabulary',
]);

/** String formats strict mode understands; any other format is dropped from the request and not checked. */
export const STRICT_FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);

/**
 * Keywords that change which values are valid in ways strict mode cannot express. Using the schema without
 * them would silently accept replies the user's schema rejects, so each one makes the schema unusable, with
 * the reason shown to the user (in the display language, so each reason is looked up when it is said).
 */
const conditional = (): string => l10n.t('conditional schemas (if/then/else) are not supported by strict mode');
const contains = (): string => l10n.t('contains / minContains / maxContains are not supported by strict mode');
const dynamicRef = (): string => l10n.t('dynamic references are not supported; use a local $ref such as "#/$defs/Name"');
const recursiveRef = (): string => l10n.t('recursive references are not supported; use "$ref": "#" or "#/$defs/Name"');
const notInStrictMode = (keyword: string) => (): string => l10n.t('{0} is not supported by strict mode', keyword);

export const UNSUPPORTED_KEYWORDS: ReadonlyMap<string, () => string> = new Map([
  ['allOf', () => l10n.t('strict mode has no allOf; merge the subschemas into one')],
  ['not', () => l10n.t('strict mode cannot express "not"')],
  ['if', conditional],
  ['then', conditional],
  ['else', conditional],
  ['patternProperties', () => l10n.t('strict mode needs every property listed by name; keys matching a pattern cannot be required')],
  ['propertyNames', () => l10n.t('strict mode needs every property listed by name, so rules on key names do not apply')],
  ['unevaluatedProperties', () => l10n.t('unevaluatedProperties is not supported by strict mode; use additionalProperties: false')],
  ['unevaluatedItems', notInStrictMode('unevaluatedItems')],
  ['dependentSchemas', notInStrictMode('dependentSchemas')],
  ['dependentRequired', () => l10n.t('strict mode makes every property required, so dependentRequired cannot be honoured')],
  ['dependencies', notInStrictMode('dependencies')],
  ['contains', contains],
  ['minContains', contains],
  ['maxContains', contains],
  ['prefixItems', () => l10n.t('tuple arrays (prefixItems) are not supported by strict mode; use an object with named fields')],
  ['additionalItems', () => l10n.t('tuple arrays (additionalItems) are not supported by strict mode')],
  ['$dynamicRef', dynamicRef],
  ['$dynamicAnchor', dynamicRef],
  ['$recursiveRef', recursiveRef],
  ['$recursiveAnchor', recursiveRef],
  ['$anchor', () => l10n.t('anchors are not supported; refer to definitions by pointer, e.g. "#/$defs/Name"')],
  ['contentSchema', notInStrictMode('contentSchema')],
]);

export const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** Published limits of strict mode; a schema over them is rejected by the API, so it is caught here first. */
export const STRICT_LIMITS = {
  nestingDepth: 10,
  totalProperties: 5000,
  totalEnumValues: 1000,
} as const;
