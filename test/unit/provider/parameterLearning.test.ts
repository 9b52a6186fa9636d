import * as assert from 'node:assert/strict';
import { LearnedParameters, type LearnedParametersData, type LearnedParametersPersistence } from '../../../src/core/models/learnedParameters';
import { ResponsesProvider } from '../../../src/core/provider/responsesProvider';
import type { LearnedRefusal } from '../../../src/core/provider/streamingProvider';
import type { ModelRequest } from '../../../src/core/provider/types';
import { FakeResponsesServer } from '../../fake-server/fakeResponsesServer';
import { DeltaRecorder, RecordingLogger, requestFor, settingsFor } from './support';

const ORG_NOT_VERIFIED =
  'Your organization must be verified to generate reasoning summaries. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization.';

class MemoryPersistence implements LearnedParametersPersistence {
  saved: unknown;
  load(): unknown { return this.saved; }
  save(data: LearnedParametersData): void { this.saved = JSON.parse(JSON.stringify(data)); }
}

describe('ResponsesProvider learns the parameters a server refuses', () => {
  const server = new FakeResponsesServer();
  let baseURL = '';
  before(async () => { baseURL = await server.start(); });
  after(() => server.stop());
  beforeEach(() => { server.clearRequests(); server.reply = undefined; });

  function provider(learned = new LearnedParameters(), url = baseURL) {
    const told: LearnedRefusal[] = [];
    const logger = new RecordingLogger();
    const instance = new ResponsesProvider(settingsFor(url), logger, { learned, onLearned: (l) => told.push(l) });
    return { instance, told, logger, learned };
  }

  const send = (p: ResponsesProvider, overrides: Partial<ModelRequest> = {}) =>
    p.stream(requestFor('hello', { model: 'my-deployment', temperature: 0.3, ...overrides }), new DeltaRecorder());

  it('a 400 naming temperature: re-sent once without it, remembered, and the next turn never sends it', async () => {
    const { instance, told, logger } = provider();
    server.queueFault({ kind: 'unsupported_parameter', param: 'temperature' });
    const result = await send(instance);
    assert.equal(result.status, 'completed');
    assert.deepEqual(result.notApplied, ['temperature not used by my-deployment']);
    const bodies = server.responseRequests.map((r) => r.body);
    assert.equal(bodies.length, 2, 'exactly one re-send');
    assert.equal(bodies[0].temperature, 0.3);
    assert.equal('temperature' in bodies[1], false);
    assert.equal(bodies[1].input, 'hello', 'the same turn, minus the parameter');
    assert.deepEqual(told.map((t) => [t.model, t.refusal.param, t.refusal.rejection]), [['my-deployment', 'temperature', 'temperature']]);
    assert.match(logger.text, /refused temperature for model my-deployment; sending the request again without it/);

    server.clearRequests();
    const next = await send(instance);
    assert.equal(next.status, 'completed');
    assert.equal(server.responseRequests.length, 1);
    assert.equal('temperature' in server.responseRequests[0].body, false);
    assert.deepEqual(next.notApplied, ['temperature not used by my-deployment']);
    assert.equal(told.length, 1, 'the user is told once');
  });

  it('a 400 refusing reasoning.summary (organisation not verified) drops the summary and keeps the effort', async () => {
    const { instance, told } = provider();
    server.queueFault({ kind: 'unsupported_parameter', param: 'reasoning.summary', code: 'unsupported_value', message: ORG_NOT_VERIFIED });
    const request = { model: 'gpt-5', temperature: undefined, reasoningEffort: 'low', reasoningSummary: 'auto' } as const;
    const result = await send(instance, request);
    assert.equal(result.status, 'completed');
    const bodies = server.responseRequests.map((r) => r.body);
    assert.deepEqual(bodies.map((b) => b.reasoning), [{ effort: 'low', summary: 'auto' }, { effort: 'low' }]);
    assert.deepEqual(result.notApplied, ['reasoning summary not used by gpt-5']);
    assert.equal(told[0]?.refusal.rejection, 'reasoning.summary', 'not tied to one value: no summary style would do');
    assert.match(told[0]?.refusal.serverMessage ?? '', /must be verified/);

    server.clearRequests();
    await send(instance, { ...request, reasoningSummary: 'detailed' });
    assert.deepEqual(server.responseRequests[0].body.reasoning, { effort: 'low' });
  });

  it('an unsupported effort value is learned for that value only', async () => {
    const { instance } = provider();
    server.queueFault({
      kind: 'unsupported_parameter', param: 'reasoning.effort', code: 'unsupported_value',
      message: "Unsupported value: 'minimal' is not supported with the 'my-deployment' model. Supported values are: 'none', 'low', 'medium', and 'high'.",
    });
    const result = await send(instance, { temperature: undefined, reasoningEffort: 'minimal' });
    assert.equal(result.status, 'completed');
    assert.deepEqual(server.responseRequests.map((r) => r.body.reasoning), [{ effort: 'minimal' }, undefined]);
    assert.deepEqual(result.notApplied, ['reasoning effort minimal not used by my-deployment']);
    server.clearRequests();
    await send(instance, { temperature: undefined, reasoningEffort: 'low' });
    assert.deepEqual(server.responseRequests[0].body.reasoning, { effort: 'low' }, 'another effort is still sent');
  });

  it('reads the other real bodies: a refused temperature value, and verbosity named the Chat Completions way', async () => {
    const { instance, told } = provider();
    server.queueFault({
      kind: 'unsupported_parameter', param: 'temperature', code: 'unsupported_value',
      message: "Unsupported value: 'temperature' does not support 0.3 with this model. Only the default (1) value is supported.",
    });
    await send(instance);
    server.queueFault({
      kind: 'unsupported_parameter', param: 'verbosity', code: 'unsupported_value',
      message: "Unsupported value: 'verbosity' does not support 'low' with this model. Supported values are: 'medium'.",
    });
    await send(instance, { temperature: undefined, verbosity: 'low' });
    assert.deepEqual(told.map((t) => t.refusal.rejection), ['temperature', 'text.verbosity=low'], 'a number is refused as a whole, a word per value');
    server.clearRequests();
    await send(instance, { temperature: 0.9, verbosity: 'medium' });
    const body = server.responseRequests[0].body;
    assert.equal('temperature' in body, false);
    assert.deepEqual(body.text, { verbosity: 'medium' });
  });

  it('does not retry a 400 that is not about an unsupported parameter', async () => {
    const { instance, told } = provider();
    server.queueFault({ kind: 'unsupported_parameter', param: 'max_output_tokens', code: 'integer_below_min_value', message: "Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 1 instead." });
    const invalid = await send(instance, { maxOutputTokens: 1 });
    assert.equal(invalid.status, 'error');
    assert.equal(invalid.error?.kind, 'bad_request');
    assert.equal(server.responseRequests.length, 1);

    server.clearRequests();
    server.queueFault('previous_not_found');
    const chainLost = await send(instance, { previousResponseId: 'resp_gone' });
    assert.equal(chainLost.error?.kind, 'previous_response_not_found');
    assert.equal(server.responseRequests.length, 1);

    server.clearRequests();
    server.queueFault({ kind: 'unsupported_parameter', param: 'top_logprobs' });
    const notOurs = await send(instance);
    assert.equal(notOurs.error?.kind, 'bad_request', 'a parameter this request did not carry cannot be left out');
    assert.equal(server.responseRequests.length, 1);
    assert.equal(told.length, 0);
  });

  it('re-sends only once: a second refusal is learned and reported, and the next turn sends neither', async () => {
    const { instance, told } = provider();
    server.queueFault({ kind: 'unsupported_parameter', param: 'temperature' });
    server.queueFault({ kind: 'unsupported_parameter', param: 'top_p', code: 'unsupported_parameter' });
    const result = await send(instance, { topP: 0.5 });
    assert.equal(result.status, 'error');
    assert.equal(result.error?.kind, 'bad_request');
    assert.equal(server.responseRequests.length, 2);
    assert.deepEqual(told.map((t) => t.refusal.param), ['temperature', 'top_p']);
    server.clearRequests();
    const next = await send(instance, { topP: 0.5 });
    assert.equal(next.status, 'completed');
    const body = server.responseRequests[0].body;
    assert.equal('temperature' in body || 'top_p' in body, false);
  });

  it('never sends a parameter the capability table rules out, so there is nothing to refuse', async () => {
    const { instance } = provider();
    const result = await send(instance, { model: 'gpt-5', topP: 0.9 });
    assert.equal(result.status, 'completed');
    assert.equal(server.responseRequests.length, 1);
    assert.equal('temperature' in server.responseRequests[0].body || 'top_p' in server.responseRequests[0].body, false);
    assert.deepEqual(result.notApplied, ['temperature not used by gpt-5', 'top_p not used by gpt-5']);
  });

  it('keeps what it learned per endpoint', async () => {
    const other = new FakeResponsesServer();
    const otherURL = await other.start();
    try {
      const learned = new LearnedParameters();
      const first = provider(learned);
      server.queueFault({ kind: 'unsupported_parameter', param: 'temperature' });
      await send(first.instance);
      const second = provider(learned, otherURL);
      const result = await send(second.instance);
      assert.equal(result.status, 'completed');
      assert.equal(other.responseRequests[0].body.temperature, 0.3, 'another endpoint is asked for itself');
      assert.equal(result.notApplied, undefined);
    } finally {
      await other.stop();
    }
  });

  it('survives a reload through the persistence port, without telling the user again', async () => {
    const persistence = new MemoryPersistence();
    const before = provider(new LearnedParameters(persistence));
    server.queueFault({ kind: 'unsupported_parameter', param: 'temperature' });
    await send(before.instance);
    assert.equal(before.told.length, 1);

    server.clearRequests();
    const after = provider(new LearnedParameters(persistence));
    const result = await send(after.instance);
    assert.equal(result.status, 'completed');
    assert.equal(server.responseRequests.length, 1);
    assert.equal('temperature' in server.responseRequests[0].body, false);
    assert.equal(after.told.length, 0);
  });
});
