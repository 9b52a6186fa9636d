import * as assert from 'node:assert/strict';
import { capabilitiesFor } from '../../../src/core/models/capabilities';
import { shapeRequest } from '../../../src/core/provider/requestShaper';
import type { ModelRequest } from '../../../src/core/provider/types';

/** A persona that sets everything, as a user might before switching the model to gpt-5. */
const EVERYTHING: Omit<ModelRequest, 'model'> = {
  instructions: 'Be brief.',
  input: 'hi',
  store: true,
  temperature: 0.2,
  topP: 0.9,
  maxOutputTokens: 500,
  reasoningEffort: 'low',
  reasoningSummary: 'auto',
  verbosity: 'low',
};

function shape(model: string, overrides: Partial<ModelRequest> = {}, rejected: string[] = []) {
  const request: ModelRequest = { ...EVERYTHING, model, ...overrides };
  return shapeRequest(request, capabilitiesFor(model), new Set(rejected));
}

/** The optional parameters of a body, without the fields every request has. */
function optional(params: ReturnType<typeof shape>['params']) {
  const { model: _m, instructions: _i, input: _in, store: _s, stream: _st, ...rest } = params;
  return rest;
}

describe('shapeRequest', () => {
  it('gpt-5: reasoning and verbosity go, temperature and top_p stay home and the footer says so', () => {
    const shaped = shape('gpt-5');
    assert.deepEqual(optional(shaped.params), { reasoning: { effort: 'low', summary: 'auto' }, max_output_tokens: 500, text: { verbosity: 'low' } });
    assert.deepEqual(shaped.notApplied, ['temperature not used by gpt-5', 'top_p not used by gpt-5']);
    assert.deepEqual(shaped.sent.map((s) => s.param), ['reasoning.effort', 'reasoning.summary', 'max_output_tokens', 'text.verbosity']);
  });

  it('gpt-5-chat-latest: sampling goes; no reasoning and no verbosity, and no word about a summary it never could give', () => {
    const shaped = shape('gpt-5-chat-latest');
    assert.deepEqual(optional(shaped.params), { temperature: 0.2, top_p: 0.9, max_output_tokens: 500 });
    assert.deepEqual(shaped.notApplied, ['reasoning effort not used by gpt-5-chat-latest', 'verbosity not used by gpt-5-chat-latest']);
  });

  it('o4-mini: effort and summary, no sampling, no verbosity', () => {
    const shaped = shape('o4-mini');
    assert.deepEqual(optional(shaped.params), { reasoning: { effort: 'low', summary: 'auto' }, max_output_tokens: 500 });
    assert.deepEqual(shaped.notApplied, ['temperature not used by o4-mini', 'top_p not used by o4-mini', 'verbosity not used by o4-mini']);
  });

  it('o3: an effort it lacks is left out; a concise summary falls back to auto', () => {
    const shaped = shape('o3', { reasoningEffort: 'minimal', reasoningSummary: 'concise', temperature: undefined, topP: undefined, verbosity: undefined });
    assert.deepEqual(optional(shaped.params), { reasoning: { summary: 'auto' }, max_output_tokens: 500 });
    assert.deepEqual(shaped.notApplied, ['reasoning effort minimal not used by o3', 'concise reasoning summary not used by o3 (auto instead)']);
  });

  it('gpt-4.1: sampling goes; reasoning never does; verbosity only at its default', () => {
    const shaped = shape('gpt-4.1');
    assert.deepEqual(optional(shaped.params), { temperature: 0.2, top_p: 0.9, max_output_tokens: 500 });
    assert.deepEqual(shaped.notApplied, ['reasoning effort not used by gpt-4.1', 'verbosity low not used by gpt-4.1']);
    assert.deepEqual(optional(shape('gpt-4.1', { verbosity: 'medium', reasoningEffort: undefined }).params).text, { verbosity: 'medium' });
  });

  it('gpt-4o-mini: the summary setting alone sends no reasoning and says nothing; text.format passes through', () => {
    const schema = { type: 'object', properties: {}, additionalProperties: false };
    const shaped = shape('gpt-4o-mini', {
      reasoningEffort: undefined, verbosity: undefined, textFormat: { type: 'json_schema', name: 'x', schema, strict: true },
    });
    assert.deepEqual(optional(shaped.params), { temperature: 0.2, top_p: 0.9, max_output_tokens: 500, text: { format: { type: 'json_schema', name: 'x', schema, strict: true } } });
    assert.deepEqual(shaped.notApplied, []);
    assert.equal(optional(shape('gpt-4o-mini', { textFormat: { type: 'text' }, verbosity: undefined }).params).text, undefined, 'plain text needs no text object');
  });

  it('an unknown name gets what the user configured; reasoning only when an effort was set', () => {
    const shaped = shape('llama3.1:8b');
    assert.deepEqual(optional(shaped.params), {
      reasoning: { effort: 'low', summary: 'auto' }, temperature: 0.2, top_p: 0.9, max_output_tokens: 500, text: { verbosity: 'low' },
    });
    assert.deepEqual(shaped.notApplied, []);
    assert.equal(optional(shape('llama3.1:8b', { reasoningEffort: undefined }).params).reasoning, undefined);
  });

  it('gpt-5.1 takes temperature and top_p only with reasoning off', () => {
    assert.deepEqual(optional(shape('gpt-5.1', { reasoningEffort: 'none', verbosity: undefined, reasoningSummary: 'off' }).params),
      { reasoning: { effort: 'none' }, temperature: 0.2, top_p: 0.9, max_output_tokens: 500 });
    const reasoning = shape('gpt-5.1', { verbosity: undefined });
    assert.equal(reasoning.params.temperature, undefined);
    assert.deepEqual(reasoning.notApplied, ['temperature not used by gpt-5.1 unless reasoning effort is none', 'top_p not used by gpt-5.1 unless reasoning effort is none']);
    assert.equal(shape('gpt-5.1', { reasoningEffort: 'minimal' }).params.reasoning?.effort, undefined, 'minimal is gpt-5 only');
  });

  it('a summary setting of off sends no summary and says nothing', () => {
    const shaped = shape('gpt-5', { reasoningSummary: 'off', reasoningEffort: undefined, temperature: undefined, topP: undefined });
    assert.equal(shaped.params.reasoning, undefined);
    assert.deepEqual(shaped.notApplied, []);
  });

  it('never sends what the server refused: a parameter, one value, or the whole reasoning object', () => {
    const noSummary = shape('gpt-5', { temperature: undefined, topP: undefined }, ['reasoning.summary']);
    assert.deepEqual(noSummary.params.reasoning, { effort: 'low' });
    assert.deepEqual(noSummary.notApplied, ['reasoning summary not used by gpt-5']);

    const oneEffort = shape('gpt-5', {}, ['reasoning.effort=low']);
    assert.deepEqual(oneEffort.params.reasoning, { summary: 'auto' });
    assert.ok(oneEffort.notApplied.includes('reasoning effort low not used by gpt-5'));
    assert.deepEqual(shape('gpt-5', { reasoningEffort: 'high' }, ['reasoning.effort=low']).params.reasoning, { effort: 'high', summary: 'auto' }, 'other efforts still go');

    assert.equal(shape('llama3.1:8b', {}, ['reasoning']).params.reasoning, undefined);
    const unknown = shape('my-deployment', {}, ['temperature', 'max_output_tokens', 'text.verbosity=low']);
    assert.equal(unknown.params.temperature, undefined);
    assert.equal(unknown.params.max_output_tokens, undefined);
    assert.equal(unknown.params.text, undefined);
    assert.equal(unknown.params.top_p, 0.9);
    assert.deepEqual(unknown.notApplied, ['temperature not used by my-deployment', 'max_output_tokens not used by my-deployment', 'verbosity low not used by my-deployment']);
  });

  it('keeps the fields every request has', () => {
    const { params } = shape('gpt-5', { previousResponseId: 'resp_1', store: false, input: [{ role: 'user', content: 'a' }] });
    assert.equal(params.model, 'gpt-5');
    assert.equal(params.instructions, 'Be brief.');
    assert.equal(params.previous_response_id, 'resp_1');
    assert.equal(params.store, false);
    assert.equal(params.stream, true);
    assert.deepEqual(params.input, [{ type: 'message', role: 'user', content: 'a' }]);
  });
});
