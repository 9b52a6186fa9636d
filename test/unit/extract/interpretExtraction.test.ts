import * as assert from 'node:assert/strict';
import { INFER_PLAN, planWithSchema, type ExtractionPlan } from '../../../src/core/extract/extractionPlan';
import { interpretExtraction } from '../../../src/core/extract/interpretExtraction';
import type { StreamResult } from '../../../src/core/provider/types';

function completed(text: string, extra: Partial<StreamResult> = {}): StreamResult {
  return { status: 'completed', text, refusal: '', reasoning: '', ...extra };
}

function plan(schema: unknown): ExtractionPlan {
  const planned = planWithSchema('person', schema);
  assert.ok(planned.ok);
  return planned.plan;
}

const person = plan({ type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 }, nick: { type: 'string' } }, required: ['name', 'age'] });

describe('interpretExtraction', () => {
  it('returns the value formatted with two spaces, without the nulls strict mode forced on optional fields', () => {
    const outcome = interpretExtraction(completed('{"name":"Ada","age":36,"nick":null}'), person);
    assert.deepEqual(outcome, { status: 'ok', value: { name: 'Ada', age: 36 }, json: '{\n  "name": "Ada",\n  "age": 36\n}\n' });
  });

  it('unwraps a wrapped root and validates what is inside', () => {
    const list = plan({ type: 'array', items: { type: 'string' } });
    assert.deepEqual(interpretExtraction(completed('{"result":["a","b"]}'), list), { status: 'ok', value: ['a', 'b'], json: '[\n  "a",\n  "b"\n]\n' });
    const bad = interpretExtraction(completed('["a"]'), list);
    assert.equal(bad.status, 'error');
    assert.equal(bad.status === 'error' && bad.kind, 'schema_mismatch');
    assert.match(bad.status === 'error' ? bad.message : '', /not wrapped as \{"result": …\}/);
  });

  it('reports a schema mismatch with the field and the rule, keeping the raw text', () => {
    const raw = '{"name":"Ada","age":-4,"nick":7}';
    const outcome = interpretExtraction(completed(raw), person);
    assert.deepEqual(outcome, {
      status: 'error',
      kind: 'schema_mismatch',
      message: 'The JSON does not match the schema "person": $.age: must be at least 0, got -4 (rule: minimum); $.nick: expected string, got integer 7 (rule: type).',
      raw,
      issues: [
        { path: '$.age', rule: 'minimum', message: '$.age: must be at least 0, got -4' },
        { path: '$.nick', rule: 'type', message: '$.nick: expected string, got integer 7' },
      ],
    });
  });

  it('reports invalid JSON with line and column', () => {
    const raw = '{\n  "name": "Ada",\n  "age": 36,\n}';
    const outcome = interpretExtraction(completed(raw), INFER_PLAN);
    assert.equal(outcome.status, 'error');
    if (outcome.status !== 'error') return;
    assert.equal(outcome.kind, 'invalid_json');
    assert.equal(outcome.raw, raw);
    assert.match(outcome.message, /^The reply is not valid JSON: .* at line 4, column 1 \(near /);
    const truncated = interpretExtraction(completed('{"name": "Ad'), INFER_PLAN);
    assert.equal(truncated.status === 'error' && truncated.message, 'The reply is not valid JSON: it ends before the JSON is complete.');
  });

  it('accepts JSON in one Markdown fence from servers without strict mode', () => {
    assert.deepEqual(interpretExtraction(completed('```json\n{"a": 1}\n```'), INFER_PLAN), { status: 'ok', value: { a: 1 }, json: '{\n  "a": 1\n}\n' });
  });

  it('tells refusals, incomplete replies, empty replies, provider errors and cancels apart', () => {
    const refusal = interpretExtraction(completed('', { refusal: 'I can’t help with\nthat.' }), person);
    assert.deepEqual(refusal, { status: 'error', kind: 'refusal', message: 'The model declined to extract this: I can’t help with that.', raw: 'I can’t help with\nthat.' });
    const cut = interpretExtraction(completed('{"name":', { status: 'incomplete', incompleteReason: 'max_output_tokens' }), person);
    assert.deepEqual(cut, { status: 'error', kind: 'incomplete', message: 'The reply stopped before the JSON was complete (max_output_tokens).', raw: '{"name":' });
    assert.equal(interpretExtraction(completed('  '), INFER_PLAN).status === 'error' && 'empty', 'empty');
    const error = { kind: 'rate_limit', title: 'Rate limited', detail: 'Too many requests.', action: 'Wait 2 s.' };
    assert.deepEqual(interpretExtraction(completed('', { status: 'error', error }), person), {
      status: 'error', kind: 'rate_limit', message: 'Rate limited. Too many requests. Wait 2 s.', raw: '', error,
    });
    assert.deepEqual(interpretExtraction(completed('{"na', { status: 'stopped' }), person), { status: 'cancelled' });
  });
});
