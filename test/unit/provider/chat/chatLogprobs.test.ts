import * as assert from 'node:assert/strict';
import { LearnedParameters } from '../../../../src/core/models/learnedParameters';
import { ChatCompletionsProvider } from '../../../../src/core/provider/chat/chatCompletionsProvider';
import type { LearnedRefusal } from '../../../../src/core/provider/streamingProvider';
import type { ModelRequest } from '../../../../src/core/provider/types';
import { tokensText } from '../../../../src/core/turn/logprobs';
import type { TextPart } from '../../../../src/core/turn/turnParts';
import { FakeResponsesServer } from '../../../fake-server/fakeResponsesServer';
import { DeltaRecorder, RecordingLogger, requestFor, settingsFor } from '../support';

/**
 * Token confidence and web search on Chat Completions: logprobs asked as `logprobs: true, top_logprobs` and kept on
 * the answer part in the same compact form as on the Responses API; web search, which this API has no tool for,
 * is named among what the request left out.
 */
describe('Chat Completions: token confidence and web search', () => {
  const server = new FakeResponsesServer();
  let baseURL = '';
  before(async () => { baseURL = await server.start(); });
  after(() => server.stop());
  afterEach(() => { server.restoreDefaults(); server.clearRequests(); });

  function provider(learned = new LearnedParameters()) {
    const told: LearnedRefusal[] = [];
    return { instance: new ChatCompletionsProvider(settingsFor(baseURL), new RecordingLogger(), { learned, onLearned: (l) => told.push(l) }), told };
  }
  const send = (p: ChatCompletionsProvider, overrides: Partial<ModelRequest>) => p.stream(requestFor('hello', overrides), new DeltaRecorder());
  const answerPart = (parts: unknown[] | undefined) => (parts ?? []).find((p) => (p as TextPart).kind === 'text') as TextPart | undefined;
  const lastBody = () => server.chatRequests.at(-1)?.body ?? {};

  it('asks with logprobs and top_logprobs, and keeps one entry per token on the answer', async () => {
    const result = await send(provider().instance, { model: 'gpt-4.1-mini', topLogprobs: 3 });
    assert.equal(result.status, 'completed', result.error?.detail);
    assert.equal(lastBody().logprobs, true);
    assert.equal(lastBody().top_logprobs, 3);
    const tokens = answerPart(result.parts)?.logprobs ?? [];
    assert.ok(tokens.length > 1);
    assert.equal(tokensText(tokens), result.text, 'the tokens spell the answer');
    assert.ok(tokens.every((t) => t[1] <= 0 && (t[2]?.length ?? 0) <= 3), 'log-probabilities, at most 3 alternatives');
    assert.ok(tokens.some((t) => (t[2]?.length ?? 0) > 0), 'alternatives are kept');
  });

  it('asks nothing of a reasoning model, and nothing when the turn does not ask', async () => {
    const reasoning = await send(provider().instance, { model: 'o3', topLogprobs: 5 });
    assert.equal(reasoning.status, 'completed', reasoning.error?.detail);
    assert.equal('logprobs' in lastBody() || 'top_logprobs' in lastBody(), false);
    const plain = await send(provider().instance, { model: 'gpt-4.1-mini' });
    assert.equal('logprobs' in lastBody(), false);
    assert.equal(answerPart(plain.parts)?.logprobs, undefined);
  });

  it('a server refusing top_logprobs is learned: re-sent without, and never asked again', async () => {
    const { instance, told } = provider();
    server.queueFault({ kind: 'unsupported_parameter', param: 'top_logprobs', code: 'unsupported_parameter' });
    const first = await send(instance, { model: 'my-deployment', topLogprobs: 5 });
    assert.equal(first.status, 'completed', first.error?.detail);
    assert.deepEqual(told.map((t) => t.refusal.rejection), ['top_logprobs']);
    assert.equal(server.chatRequests.length, 2);
    assert.equal('top_logprobs' in lastBody(), false);
    await send(instance, { model: 'my-deployment', topLogprobs: 5 });
    assert.equal(server.chatRequests.length, 3, 'no refused request the second time');
    assert.equal('logprobs' in lastBody(), false);
  });

  it('web search is not sent and is named among what the request left out', async () => {
    const result = await send(provider().instance, { model: 'gpt-4.1-mini', webSearch: { contextSize: 'low' } });
    assert.equal(result.status, 'completed', result.error?.detail);
    assert.deepEqual(result.notApplied, ['web search not available on Chat Completions']);
    assert.equal('tools' in lastBody() || 'web_search_options' in lastBody(), false);
  });
});
