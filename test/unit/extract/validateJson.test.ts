import * as assert from 'node:assert/strict';
import { dropNullsForOptionalProperties } from '../../../src/core/extract/restoreOptional';
import { validateJson } from '../../../src/core/extract/validateJson';

const person = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    age: { type: 'integer', minimum: 0, maximum: 150 },
    email: { type: 'string', format: 'email' },
    role: { type: 'string', enum: ['admin', 'user'] },
    tags: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' }, maxItems: 3, uniqueItems: true },
    born: { type: 'string', format: 'date' },
  },
  required: ['name', 'age'],
  additionalProperties: false,
};

function messages(value: unknown, schema: unknown = person): string[] {
  return validateJson(value, schema).map((issue) => `${issue.rule} | ${issue.message}`);
}

describe('validateJson', () => {
  it('passes a value that follows the schema', () => {
    assert.deepEqual(messages({ name: 'Ada', age: 36, email: 'ada@example.com', role: 'admin', tags: ['math', 'code'], born: '1815-12-10' }), []);
  });

  it('names the path, the rule and the values for each kind of failure', () => {
    assert.deepEqual(messages({ name: '', age: 36.5, email: 'nope', role: 'root', tags: ['a', 'B', 'a', 'c'], born: '1815-02-30', extra: 1 }), [
      'minLength | $.name: must be at least 1 characters, got 0',
      'type | $.age: expected integer, got number 36.5',
      'format | $.email: "nope" is not a valid email',
      'enum | $.role: "root" is not one of "admin", "user"',
      'maxItems | $.tags: must have at most 3 items, got 4',
      'uniqueItems | $.tags: items must be unique, but item 2 repeats an earlier one ("a")',
      'pattern | $.tags[1]: "B" does not match the pattern /^[a-z]+$/',
      'format | $.born: "1815-02-30" is not a valid date',
      'additionalProperties | $.extra: unexpected property "extra"; the schema allows only "name", "age", "email", "role", "tags", "born"',
    ]);
    assert.deepEqual(messages({ age: -1 }), ['required | $: missing required property "name"', 'minimum | $.age: must be at least 0, got -1']);
    assert.deepEqual(messages([1]), ['type | $: expected object, got array [1]']);
  });

  it('follows local references, including recursive ones, and reports the deepest path', () => {
    const tree = {
      type: 'object',
      properties: { root: { $ref: '#/$defs/Node' } },
      required: ['root'],
      $defs: { Node: { type: 'object', properties: { label: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } }, required: ['label'] } },
    };
    assert.deepEqual(messages({ root: { label: 'a', children: [{ label: 'b', children: [{ label: 3 }] }] } }, tree), [
      'type | $.root.children[0].children[0].label: expected string, got integer 3',
    ]);
  });

  it('explains anyOf and oneOf failures by the closest alternative', () => {
    const schema = { anyOf: [{ type: 'string', maxLength: 2 }, { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] }] };
    assert.deepEqual(messages({ n: 'x' }, schema), ['anyOf | $: matches none of the 2 alternatives (anyOf); closest: $.n: expected number, got string "x"']);
    const one = { oneOf: [{ type: 'number' }, { type: 'integer' }] };
    assert.deepEqual(messages(1.5, one), []);
    assert.deepEqual(messages(2, one), ['oneOf | $: matches 2 of the alternatives, but oneOf allows exactly one']);
  });

  it('checks numeric bounds, multiples with decimal steps, const and properties counts', () => {
    assert.deepEqual(messages(0.3, { type: 'number', multipleOf: 0.1 }), []);
    assert.deepEqual(messages(0.35, { type: 'number', multipleOf: 0.1 }), ['multipleOf | $: must be a multiple of 0.1, got 0.35']);
    assert.deepEqual(messages(5, { exclusiveMaximum: 5 }), ['exclusiveMaximum | $: must be less than 5, got 5']);
    assert.deepEqual(messages({ k: 'b' }, { properties: { k: { const: 'a' } }, minProperties: 2 }), [
      'const | $.k: must be "a", got "b"',
      'minProperties | $: must have at least 2 properties, got 1',
    ]);
  });

  it('knows the string formats strict mode supports', () => {
    const valid: Record<string, string> = {
      'date-time': '2024-02-29T12:30:00Z', time: '23:59:60+02:00', duration: 'P1Y2M3DT4H', hostname: 'api.example.com',
      ipv4: '192.168.0.1', ipv6: '::1', uuid: '123e4567-e89b-12d3-a456-426614174000', uri: 'https://example.com/a?b',
    };
    const invalid: Record<string, string> = {
      'date-time': '2023-02-29T12:30:00Z', time: '24:00:00Z', duration: 'P', hostname: '-bad-.com', ipv4: '256.1.1.1',
      ipv6: '1:::2', uuid: '123e4567', uri: 'not a uri',
    };
    for (const [format, value] of Object.entries(valid)) assert.deepEqual(messages(value, { format }), [], `${format} ${value}`);
    for (const [format, value] of Object.entries(invalid)) assert.equal(messages(value, { format }).length, 1, `${format} ${value}`);
    assert.deepEqual(messages('anything', { format: 'x-unknown' }), []);
  });
});

describe('dropNullsForOptionalProperties', () => {
  it('removes nulls strict mode forced on optional properties, and keeps nulls the schema allows', () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        nick: { type: 'string' },
        note: { type: ['string', 'null'] },
        boss: { $ref: '#/$defs/Person' },
        staff: { type: 'array', items: { $ref: '#/$defs/Person' } },
      },
      required: ['name'],
      $defs: { Person: { type: 'object', properties: { name: { type: 'string' }, phone: { type: 'string' } }, required: ['name'] } },
    };
    const restored = dropNullsForOptionalProperties(
      { name: 'A', nick: null, note: null, boss: { name: 'B', phone: null }, staff: [{ name: 'C', phone: null }, { name: 'D', phone: '1' }] },
      schema,
    );
    assert.deepEqual(restored, { name: 'A', note: null, boss: { name: 'B' }, staff: [{ name: 'C' }, { name: 'D', phone: '1' }] });
    assert.deepEqual(validateJson(restored, schema), []);
  });

  it('leaves a null on a required property for validation to report', () => {
    const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
    const restored = dropNullsForOptionalProperties({ name: null }, schema);
    assert.deepEqual(restored, { name: null });
    assert.deepEqual(messages(restored, schema), ['type | $.name: expected string, got null null']);
  });

  it('restores inside the anyOf alternative the value matches', () => {
    const schema = {
      anyOf: [
        { type: 'object', properties: { kind: { const: 'a' }, x: { type: 'number' } }, required: ['kind'] },
        { type: 'object', properties: { kind: { const: 'b' }, y: { type: 'string' } }, required: ['kind'] },
      ],
    };
    assert.deepEqual(dropNullsForOptionalProperties({ kind: 'b', y: null }, schema), { kind: 'b' });
  });
});
