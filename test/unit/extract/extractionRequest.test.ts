import * as assert from 'node:assert/strict';
import type { CodeContext } from '../../../src/core/conversation/turn';
import { readExtractJsonArgs, parseSchemaSettings } from '../../../src/core/extract/extractArgs';
import { INFER_PLAN, planWithSchema, schemaNameFromPath, toFormatName } from '../../../src/core/extract/extractionPlan';
import { acceptsTemperature, buildExtractionRequest, INFER_INSTRUCTIONS } from '../../../src/core/extract/extractionRequest';

const context: CodeContext = { path: 'notes/people.txt', uri: 'file:///w/notes/people.txt', languageId: 'plaintext', startLine: 3, endLine: 4, text: 'Ada Lovelace, 36\n```tricky```' };

function schemaPlan(schema: unknown, name = 'person file') {
  const planned = planWithSchema(name, schema);
  assert.ok(planned.ok, 'schema should plan');
  return planned.plan;
}

describe('buildExtractionRequest', () => {
  it('with a schema: strict json_schema format, the adapted schema, temperature, store false and no chain', () => {
    const plan = schemaPlan({ type: 'object', properties: { name: { type: 'string' } } });
    const request = buildExtractionRequest({ model: 'gpt-4.1-mini', temperature: 0, contexts: [context], plan });
    assert.deepEqual(request.textFormat, {
      type: 'json_schema',
      name: 'person_file',
      strict: true,
      schema: { type: 'object', properties: { name: { type: ['string', 'null'] } }, required: ['name'], additionalProperties: false },
    });
    assert.equal(request.temperature, 0);
    assert.equal(request.store, false);
    assert.equal(request.previousResponseId, undefined);
    assert.equal(request.model, 'gpt-4.1-mini');
    assert.match(request.instructions, /only with JSON that follows the given schema/);
    assert.equal(
      request.input,
      'Extract the data in the text below as JSON following the schema "person file".\n\n' +
        'Source: notes/people.txt, lines 3-4 (plaintext)\n````plaintext\nAda Lovelace, 36\n```tricky```\n````',
    );
  });

  it('without a schema: json_object, with "JSON" in both the instructions and the input', () => {
    const request = buildExtractionRequest({ model: 'gpt-4o', temperature: 0.4, contexts: [context, { ...context, startLine: 9, endLine: 9, text: 'x' }], plan: INFER_PLAN });
    assert.deepEqual(request.textFormat, { type: 'json_object' });
    assert.equal(request.instructions, INFER_INSTRUCTIONS);
    assert.match(request.instructions, /JSON/);
    assert.match(request.input as string, /JSON/);
    assert.match(request.input as string, /Source: notes\/people\.txt, line 9 \(plaintext\)\n```plaintext\nx\n```$/);
    assert.equal(request.temperature, 0.4);
    assert.equal(request.store, false);
  });

  it('leaves temperature out for reasoning models that reject it', () => {
    for (const model of ['o3-mini', 'o1', 'gpt-5', 'gpt-5-mini', 'openai/gpt-5.1']) assert.equal(acceptsTemperature(model), false, model);
    for (const model of ['gpt-4.1-mini', 'gpt-4o', 'gpt-5-chat-latest', 'llama3.1', 'ft:gpt-4o-mini:org::id']) assert.equal(acceptsTemperature(model), true, model);
    const request = buildExtractionRequest({ model: 'o4-mini', temperature: 0, contexts: [context], plan: INFER_PLAN });
    assert.equal('temperature' in request, false);
  });
});

describe('extraction plans and names', () => {
  it('makes API-safe format names and names schema files by their stem', () => {
    assert.equal(toFormatName('Person (v2)!'), 'Person_v2');
    assert.equal(toFormatName('☃'), 'extraction');
    assert.equal(toFormatName('x'.repeat(80)).length, 64);
    assert.equal(schemaNameFromPath('schemas/person.schema.json'), 'person');
    assert.equal(schemaNameFromPath('C:\\w\\invoice.json'), 'invoice');
  });

  it('reports the problems of a schema that cannot be planned', () => {
    const planned = planWithSchema('bad', { type: 'object', properties: { a: { type: 'string' } }, allOf: [] });
    assert.deepEqual(planned, { ok: false, name: 'bad', problems: [{ pointer: '#', keyword: 'allOf', message: 'strict mode has no allOf; merge the subschemas into one' }] });
  });
});

describe('readExtractJsonArgs and parseSchemaSettings', () => {
  it('treats no argument, a URI-like object from a menu, and {} as interactive', () => {
    class FakeUri { scheme = 'file'; path = '/a.txt'; }
    for (const arg of [undefined, new FakeUri(), {}, 'text']) assert.deepEqual(readExtractJsonArgs(arg), { kind: 'interactive' });
  });

  it('accepts the documented shapes and rejects malformed ones precisely', () => {
    assert.deepEqual(readExtractJsonArgs({ noSchema: true }), { kind: 'args', args: { noSchema: true } });
    assert.deepEqual(readExtractJsonArgs({ schema: 'a.schema.json', schemaName: 'a' }), { kind: 'args', args: { schema: 'a.schema.json', schemaName: 'a' } });
    assert.deepEqual(readExtractJsonArgs({ schema: { type: 'object' } }), { kind: 'args', args: { schema: { type: 'object' } } });
    assert.deepEqual(readExtractJsonArgs({ noSchema: true, schema: 'x' }), { kind: 'invalid', message: 'give either "schema" or "noSchema", not both' });
    const wrong = readExtractJsonArgs({ schema: 3, colour: 'red' });
    assert.equal(wrong.kind, 'invalid');
    assert.match((wrong as { message: string }).message, /schema: /);
    assert.match((wrong as { message: string }).message, /colour/);
  });

  it('keeps the valid settings entries and names the bad ones by index', () => {
    const { entries, problems } = parseSchemaSettings(['schemas/a.schema.json', { name: 'inline', schema: { type: 'object' } }, { name: 'x' }, 4, '  ']);
    assert.deepEqual(entries, [{ kind: 'file', path: 'schemas/a.schema.json' }, { kind: 'inline', name: 'inline', schema: { type: 'object' } }]);
    assert.deepEqual(problems, [2, 3, 4].map((i) => `threadline.extractJson.schemas[${i}] must be a path or { "name": string, "schema": object }`));
    assert.deepEqual(parseSchemaSettings(undefined), { entries: [], problems: [] });
    assert.deepEqual(parseSchemaSettings({}).problems, ['threadline.extractJson.schemas must be an array']);
  });
});
