import * as assert from 'node:assert/strict';
import { adaptToStrictSchema, describeSchemaProblem, type StrictAdaptation } from '../../../src/core/extract/strictSchema';

function adapted(schema: unknown): Extract<StrictAdaptation, { ok: true }> {
  const result = adaptToStrictSchema(schema);
  if (!result.ok) assert.fail(`expected the schema to adapt, got: ${result.problems.map(describeSchemaProblem).join(' | ')}`);
  return result;
}

function problems(schema: unknown): string[] {
  const result = adaptToStrictSchema(schema);
  if (result.ok) assert.fail(`expected problems, got ${JSON.stringify(result.schema)}`);
  return result.problems.map(describeSchemaProblem);
}

describe('adaptToStrictSchema', () => {
  it('makes optional properties required and nullable, and closes the object', () => {
    const { schema, wrapped, notes } = adapted({
      type: 'object',
      properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 }, nick: { type: ['string', 'null'] } },
      required: ['name'],
    });
    assert.equal(wrapped, false);
    assert.deepEqual(schema, {
      type: 'object',
      properties: { name: { type: 'string' }, age: { type: ['integer', 'null'], minimum: 0 }, nick: { type: ['string', 'null'] } },
      required: ['name', 'age', 'nick'],
      additionalProperties: false,
    });
    assert.ok(notes.some((n) => n.startsWith('1 optional property was made required and nullable')), notes.join('\n'));
  });

  it('adapts nested objects and arrays of objects', () => {
    const { schema } = adapted({
      type: 'object',
      required: ['people'],
      properties: {
        people: {
          type: 'array',
          minItems: 1,
          items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
        },
      },
    });
    const item = (schema.properties as Record<string, { items: Record<string, unknown> }>).people.items;
    assert.deepEqual(item.required, ['name', 'address']);
    assert.equal(item.additionalProperties, false);
    assert.deepEqual((item.properties as Record<string, unknown>).address, {
      anyOf: [{ type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false }, { type: 'null' }],
    });
  });

  it('makes optional enums, consts and refs nullable in the form strict mode accepts', () => {
    const { schema } = adapted({
      type: 'object',
      $defs: { Tag: { type: 'string', enum: ['a', 'b'] } },
      properties: {
        level: { type: 'string', enum: ['low', 'high'], description: 'how bad' },
        kind: { const: 'person', description: 'fixed' },
        tag: { $ref: '#/$defs/Tag' },
        either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
      },
    });
    const props = schema.properties as Record<string, unknown>;
    assert.deepEqual(props.level, { type: ['string', 'null'], enum: ['low', 'high', null], description: 'how bad' });
    assert.deepEqual(props.kind, { anyOf: [{ const: 'person' }, { type: 'null' }], description: 'fixed' });
    assert.deepEqual(props.tag, { anyOf: [{ $ref: '#/$defs/Tag' }, { type: 'null' }] });
    assert.deepEqual(props.either, { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'null' }] });
    assert.deepEqual(schema.$defs, { Tag: { type: 'string', enum: ['a', 'b'] } });
  });

  it('keeps $defs with local refs, including recursion, and adapts the definitions too', () => {
    const { schema } = adapted({
      type: 'object',
      properties: { root: { $ref: '#/$defs/Node' } },
      required: ['root'],
      $defs: { Node: { type: 'object', properties: { label: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } }, required: ['label', 'children'] } },
    });
    assert.deepEqual((schema.$defs as Record<string, unknown>).Node, {
      type: 'object',
      properties: { label: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } },
      required: ['label', 'children'],
      additionalProperties: false,
    });
  });

  it('wraps a root array as {"result": …} and moves references into the old root under it', () => {
    const { schema, wrapped, notes } = adapted({
      type: 'array',
      items: { type: 'object', properties: { id: { type: 'integer' }, parent: { $ref: '#/items' } }, required: ['id'] },
      $defs: { Unused: { type: 'string' } },
    });
    assert.equal(wrapped, true);
    assert.deepEqual(schema.required, ['result']);
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.$defs, { Unused: { type: 'string' } });
    const result = (schema.properties as Record<string, Record<string, unknown>>).result;
    assert.equal(result.type, 'array');
    assert.equal(result.$defs, undefined);
    const parent = ((result.items as Record<string, unknown>).properties as Record<string, unknown>).parent;
    assert.deepEqual(parent, { anyOf: [{ $ref: '#/properties/result/items' }, { type: 'null' }] });
    assert.ok(notes.some((n) => n.includes('wrapped as {"result"')));
  });

  it('wraps a root anyOf and a root primitive', () => {
    assert.equal(adapted({ anyOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'string' }] }).wrapped, true);
    const { schema } = adapted({ type: 'string', format: 'date' });
    assert.deepEqual(schema.properties, { result: { type: 'string', format: 'date' } });
  });

  it('names the keyword and the place of every unsupported keyword, and all of them at once', () => {
    const found = problems({
      type: 'object',
      properties: {
        tags: { type: 'object', patternProperties: { '^x-': { type: 'string' } }, properties: { a: { type: 'string' } } },
        kind: { type: 'string', if: { const: 'a' }, then: { minLength: 2 } },
        'odd/key': { type: 'string', propertyNames: { pattern: 'x' } },
      },
      unevaluatedProperties: false,
      dependentSchemas: { a: {} },
    });
    assert.deepEqual(found, [
      'patternProperties at #/properties/tags: strict mode needs every property listed by name; keys matching a pattern cannot be required',
      'if at #/properties/kind: conditional schemas (if/then/else) are not supported by strict mode',
      'then at #/properties/kind: conditional schemas (if/then/else) are not supported by strict mode',
      'propertyNames at #/properties/odd~1key: strict mode needs every property listed by name, so rules on key names do not apply',
      'unevaluatedProperties at #: unevaluatedProperties is not supported by strict mode; use additionalProperties: false',
      'dependentSchemas at #: dependentSchemas is not supported by strict mode',
    ]);
  });

  it('rejects external and dangling references, maps, free-form objects and untyped values', () => {
    const found = problems({
      type: 'object',
      properties: {
        address: { $ref: 'https://example.com/address.json' },
        missing: { $ref: '#/$defs/Nope' },
        counts: { type: 'object', additionalProperties: { type: 'integer' } },
        anything: {},
        meta: { type: 'object' },
        list: { type: 'array' },
      },
    });
    assert.deepEqual(found, [
      '$ref at #/properties/address: external reference "https://example.com/address.json" is not supported; only references inside this schema ("#/$defs/Name") are',
      '$ref at #/properties/missing: reference "#/$defs/Nope" points to nothing in this schema',
      'properties at #/properties/counts: an object with no listed properties could only ever be {} in strict mode, which allows no unlisted keys. List its properties.',
      'additionalProperties at #/properties/counts: a map of arbitrary keys (additionalProperties as a schema) cannot be expressed in strict mode; list the properties by name',
      'type at #/properties/anything: no "type": strict mode needs every value to declare one (or anyOf, enum, const or $ref)',
      'properties at #/properties/meta: an object with no listed properties could only ever be {} in strict mode, which allows no unlisted keys. List its properties.',
      'items at #/properties/list: an array needs "items": strict mode must know the type of its elements',
    ]);
  });

  it('rejects tuples, bad patterns, required names that are not properties, and non-object schemas', () => {
    assert.deepEqual(problems({ type: 'object', properties: { p: { type: 'array', items: [{ type: 'string' }] } } }), [
      'items at #/properties/p: tuple arrays ("items" as an array) are not supported by strict mode; use an object with named fields',
      'items at #/properties/p: an array needs "items": strict mode must know the type of its elements',
    ]);
    const bad = problems({ type: 'object', properties: { p: { type: 'string', pattern: '(' } }, required: ['q'] });
    assert.equal(bad.length, 2);
    assert.match(bad[0], /^pattern at #\/properties\/p: invalid regular expression/);
    assert.equal(bad[1], 'required at #: "q" is required but not listed in "properties"');
    assert.deepEqual(problems([1, 2]), ['schema at #: a JSON Schema must be a JSON object']);
    assert.deepEqual(problems({ type: 'object', properties: { x: true } }), ['true at #/properties/x: a `true` schema allows any value; strict mode needs a type here']);
  });

  it('drops annotations and unknown keywords, and leaves checks strict mode lacks to local validation', () => {
    const { schema, notes } = adapted({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Person',
      type: 'object',
      properties: { name: { type: 'string', minLength: 1, default: 'x', 'x-ui': 'wide' }, site: { type: 'string', format: 'uri' } },
      required: ['name', 'site'],
      additionalProperties: true,
    });
    assert.deepEqual(schema, {
      type: 'object',
      properties: { name: { type: 'string' }, site: { type: 'string' } },
      required: ['name', 'site'],
      additionalProperties: false,
    });
    const text = notes.join('\n');
    for (const word of ['$schema, title, default', 'minLength', 'x-ui', '(uri)', 'Objects that allowed extra keys (#)']) assert.ok(text.includes(word), `${word} in\n${text}`);
  });

  it('sends oneOf as anyOf and infers types from properties and items', () => {
    const { schema } = adapted({ properties: { v: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, l: { items: { type: 'string' } } }, required: ['v', 'l'] });
    assert.deepEqual(schema, {
      type: 'object',
      properties: { v: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, l: { type: 'array', items: { type: 'string' } } },
      required: ['v', 'l'],
      additionalProperties: false,
    });
  });

  it('enforces the published limits on nesting depth and enum size', () => {
    let nested: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 12; i++) nested = { type: 'object', properties: { n: nested }, required: ['n'] };
    assert.deepEqual(problems(nested), ['nesting at #: the schema nests 12 levels deep; strict mode allows 10']);
    const many = { type: 'object', properties: { e: { type: 'integer', enum: Array.from({ length: 1001 }, (_, i) => i) } }, required: ['e'] };
    assert.deepEqual(problems(many), ['enum at #: the schema has 1001 enum values in all; strict mode allows 1000']);
  });

  it('does not modify the schema it was given', () => {
    const original = { type: 'object', properties: { a: { type: 'string' } } };
    const copy = structuredClone(original);
    adapted(original);
    assert.deepEqual(original, copy);
  });
});
