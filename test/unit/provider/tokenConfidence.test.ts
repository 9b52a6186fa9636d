import * as assert from 'node:assert/strict';
import { LearnedParameters } from '../../../src/core/models/learnedParameters';
import { ResponsesProvider } from '../../../src/core/provider/responsesProvider';
import type { LearnedRefusal } from '../../../src/core/provider/streamingProvider';
import { StreamAccumulator } from '../../../src/core/provider/streamAccumulator';
import type { ModelRequest } from '../../../src/core/provider/types';
import { tokensText } from '../../../src/core/turn/logprobs';
import type { TextPart } from '../../../src/core/turn/turnParts';
import { FakeResponsesServer } from '../../fake-server/fakeResponsesServer';
import { DeltaRecorder, RecordingLogger, requestFor, settingsFor } from './support';

describe('Token confidence on the Responses API', () => {
  const server = new FakeResponsesServer();
  let baseURL = '';
  before(async () => { baseURL = await server.start(); });
  after(() => server.stop());
  beforeEach(() => { server.clearRequests(); server.reply = undefined; });

  function provider(learned = new LearnedParameters()) {
    const told: LearnedRefusal[] = [];
    return { instance: new ResponsesProvider(settingsFor(baseURL), new RecordingLogger(), { learned, onLearned: (l) => told.push(l) }), told };
  }
  const send = (p: ResponsesProvider, overrides: Partial<ModelRequest>) => p.stream(requestFor('hello', overrides), new DeltaRecorder());
  const answerPart = (parts: unknown[] | undefined) => (parts ?? []).find((p) => (p as TextPart).kind === 'text') as TextPart;

  it('asks with include and top_logprobs, and keeps one entry per token on the answer', async () => {
    server.reply = () => 'The quick brown fox jumps over the lazy dog again and again.';
    const result = await send(provider().instance, { model: 'gpt-4.1-mini', topLogprobs: 3 });
    assert.equal(result.status, 'completed');
    const body = server.responseRequests[0].body;
    assert.deepEqual(body.include, ['message.output_text.logprobs']);
    assert.equal(body.top_logprobs, 3);
    const tokens = answerPart(result.parts).logprobs ?? [];
    assert.equal(tokensText(tokens), result.text, 'the tokens spell the answer');
    assert.ok(tokens.every((t) => t[1] <= 0 && (t[2]?.length ?? 0) <= 3), 'logprobs are log-probabilities, at most 3 alternatives');
    assert.ok(tokens.some((t) => Math.exp(t[1]) < 0.5 && (t[2]?.[0]?.[1] ?? -Infinity) > t[1]), 'an unsure token has a likelier alternative');
  });

  it('never asks a reasoning model, and the footer is not told (the toggle says why)', async () => {
    const result = await send(provider().instance, { model: 'o3', topLogprobs: 5 });
    assert.equal(result.status, 'completed');
    const body = server.responseRequests[0].body;
    assert.equal('top_logprobs' in body, false);
    assert.equal('include' in body, false);
    assert.equal(result.notApplied, undefined);
    assert.equal(answerPart(result.parts)?.logprobs, undefined);
  });

  it('without the toggle nothing is asked and nothing is stored', async () => {
    const result = await send(provider().instance, { model: 'gpt-4.1-mini' });
    assert.equal('top_logprobs' in server.responseRequests[0].body, false);
    assert.equal(answerPart(result.parts)?.logprobs, undefined);
  });

  it('a server refusing top_logprobs (a deployment under its own name) is learned: re-sent without, and never asked again', async () => {
    const { instance, told } = provider();
    // The real API's wording for a reasoning model, here from a deployment whose name the table cannot know.
    server.queueFault({ kind: 'unsupported_parameter', param: 'top_logprobs', code: 'unsupported_parameter' });
    const first = await send(instance, { model: 'my-reasoner', topLogprobs: 5 });
    assert.equal(first.status, 'completed');
    assert.deepEqual(told.map((t) => t.refusal.rejection), ['top_logprobs']);
    assert.equal(server.responseRequests.length, 2);
    assert.equal('include' in server.responseRequests[1].body, false, 'the include goes with it');
    server.clearRequests();
    await send(instance, { model: 'my-reasoner', topLogprobs: 5 });
    assert.equal('top_logprobs' in server.responseRequests[0].body, false);
    assert.equal(server.responseRequests.length, 1);
  });

  it('a stopped answer keeps the tokens its deltas carried', () => {
    const accumulator = new StreamAccumulator({ onDelta: () => undefined });
    const where = { item_id: 'msg_1', output_index: 0, content_index: 0, sequence_number: 0 };
    accumulator.handle({ type: 'response.output_item.added', output_index: 0, item: { id: 'msg_1', type: 'message', role: 'assistant', status: 'in_progress', content: [] }, sequence_number: 0 } as never);
    accumulator.handle({ ...where, type: 'response.output_text.delta', delta: 'Hi', logprobs: [{ token: 'Hi', logprob: -0.2, top_logprobs: [{ token: 'Hello', logprob: -1.9 }] }] } as never);
    accumulator.handle({ ...where, type: 'response.output_text.delta', delta: ' there', logprobs: [{ token: ' there', logprob: -0.7 }] } as never);
    const parts = accumulator.finishParts();
    assert.deepEqual((parts[0] as TextPart).logprobs, [['Hi', -0.2, [['Hello', -1.9]]], [' there', -0.7]]);
  });
});
