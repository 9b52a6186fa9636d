import * as assert from 'node:assert/strict';
import { ResponsesProvider } from '../../../src/core/provider/responsesProvider';
import { FakeResponsesServer } from '../../fake-server/fakeResponsesServer';
import { DeltaRecorder, RecordingLogger, TEST_KEY, requestFor, settingsFor } from './support';

describe('ResponsesProvider against the fake Responses server', () => {
  const server = new FakeResponsesServer();
  let baseURL = '';
  before(async () => { baseURL = await server.start(); });
  after(() => server.stop());
  beforeEach(() => { server.clearRequests(); server.reply = undefined; server.deltaDelayMs = 0; });

  it('streams text deltas and reports id, status and usage', async () => {
    const logger = new RecordingLogger();
    const provider = new ResponsesProvider(settingsFor(baseURL), logger);
    const recorder = new DeltaRecorder();
    const result = await provider.stream(requestFor('What is a monad?'), recorder);
    assert.equal(result.status, 'completed');
    assert.ok(recorder.deltas.length > 3, 'several deltas arrive');
    assert.equal(result.text, recorder.joined('text'));
    assert.match(result.text, /^Answer to “What is a monad\?”/);
    assert.match(result.responseId ?? '', /^resp_/);
    assert.ok(server.hasResponse(result.responseId ?? ''));
    const usage = result.usage;
    assert.ok(usage && usage.inputTokens > 0 && usage.outputTokens > 0);
    assert.equal(usage?.totalTokens, (usage?.inputTokens ?? 0) + (usage?.outputTokens ?? 0));
    assert.equal(result.error, undefined);
  });

  it('sends model, instructions, sampling, store, previous_response_id and text.format as given', async () => {
    const provider = new ResponsesProvider(settingsFor(baseURL, { organization: 'org-1', project: 'proj-1' }), new RecordingLogger());
    const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false };
    const first = await provider.stream(requestFor('first'), new DeltaRecorder());
    const result = await provider.stream(
      requestFor('Extract the name', {
        model: 'gpt-other', instructions: 'Extract.', temperature: 0.2, topP: 0.9, maxOutputTokens: 256, store: false,
        previousResponseId: first.responseId, textFormat: { type: 'json_schema', name: 'person', schema, strict: true },
      }),
      new DeltaRecorder(),
    );
    assert.equal(result.status, 'completed');
    assert.deepEqual(JSON.parse(result.text), { name: 'example' });
    const sent = server.responseRequests[1];
    assert.equal(sent.body.model, 'gpt-other');
    assert.equal(sent.body.instructions, 'Extract.');
    assert.equal(sent.body.temperature, 0.2);
    assert.equal(sent.body.top_p, 0.9);
    assert.equal(sent.body.max_output_tokens, 256);
    assert.equal(sent.body.store, false);
    assert.equal(sent.body.stream, true);
    assert.equal(sent.body.previous_response_id, first.responseId);
    assert.deepEqual(sent.body.text, { format: { type: 'json_schema', name: 'person', schema, strict: true } });
    assert.equal(sent.headers.authorization, `Bearer ${TEST_KEY}`);
    assert.equal(sent.headers['openai-organization'], 'org-1');
    assert.equal(sent.headers['openai-project'], 'proj-1');
    assert.equal(server.responseRequests[0].body.temperature, undefined, 'unset sampling fields are left out');
  });

  it('sends a transcript as message input items', async () => {
    const provider = new ResponsesProvider(settingsFor(baseURL), new RecordingLogger());
    const input = [
      { role: 'user' as const, content: 'one' },
      { role: 'assistant' as const, content: 'uno' },
      { role: 'user' as const, content: 'two' },
    ];
    const result = await provider.stream(requestFor('', { input }), new DeltaRecorder());
    assert.equal(result.status, 'completed');
    assert.deepEqual(server.responseRequests[0].body.input, input.map((m) => ({ type: 'message', ...m })));
    assert.match(result.text, /“two”/);
  });

  it('streams refusal and reasoning summary deltas on their own channels', async () => {
    const provider = new ResponsesProvider(settingsFor(baseURL), new RecordingLogger());
    const recorder = new DeltaRecorder();
    // A reasoning model, asked for a summary: the API sends none unless `reasoning.summary` is requested.
    const result = await provider.stream(requestFor('Do something bad [[refusal]] [[reasoning]]', { model: 'o4-mini', reasoningSummary: 'auto' }), recorder);
    assert.equal(result.status, 'completed');
    assert.equal(result.refusal, 'I can’t help with that request.');
    assert.equal(result.reasoning, 'Considering the question step by step before answering.');
    assert.equal(recorder.joined('refusal'), result.refusal);
    assert.equal(recorder.joined('reasoning'), result.reasoning);
    assert.equal(result.text, '');
    assert.ok((result.usage?.reasoningTokens ?? 0) > 0);
    assert.equal(recorder.deltas[0].channel, 'reasoning', 'the reasoning summary streams before the answer');
    assert.deepEqual(server.responseRequests.at(-1)?.body.reasoning, { summary: 'auto' });
  });

  it('gets no reasoning summary when none is asked for, as from the real API', async () => {
    const provider = new ResponsesProvider(settingsFor(baseURL), new RecordingLogger());
    const result = await provider.stream(requestFor('Think quietly [[reasoning]]', { model: 'o4-mini', reasoningSummary: 'off' }), new DeltaRecorder());
    assert.equal(result.status, 'completed');
    assert.equal(result.reasoning, '');
    assert.ok((result.usage?.reasoningTokens ?? 0) > 0, 'the model still reasoned');
    assert.equal(server.responseRequests.at(-1)?.body.reasoning, undefined);
  });

  it('logs each request with model, chain presence and x-request-id, never the key or the prompt', async () => {
    const logger = new RecordingLogger();
    const provider = new ResponsesProvider(settingsFor(baseURL), logger);
    await provider.stream(requestFor('a secret prompt about payroll'), new DeltaRecorder());
    const requestId = server.responseRequests[0].requestId;
    assert.match(logger.text, /model=gpt-test previous_response_id=no/);
    assert.ok(logger.text.includes(`x-request-id=${requestId}`));
    assert.ok(!logger.text.includes(TEST_KEY));
    assert.ok(!logger.text.includes('payroll'));
  });

  it('logs the prompt only when debug logging is on, still without the key', async () => {
    const logger = new RecordingLogger(true);
    const provider = new ResponsesProvider(settingsFor(baseURL), logger);
    await provider.stream(requestFor('a prompt about payroll'), new DeltaRecorder());
    assert.ok(logger.text.includes('payroll'));
    assert.ok(!logger.text.includes(TEST_KEY));
  });

  it('stops on abort mid-stream, keeping the partial text', async () => {
    server.deltaDelayMs = 30;
    const provider = new ResponsesProvider(settingsFor(baseURL), new RecordingLogger());
    const controller = new AbortController();
    const recorder = new DeltaRecorder();
    const pending = provider.stream(requestFor('tell me a long story [[long:200]]'), {
      onDelta: (channel, text) => {
        recorder.onDelta(channel, text);
        if (recorder.deltas.length === 3) controller.abort();
      },
    }, controller.signal);
    const result = await pending;
    assert.equal(result.status, 'stopped');
    assert.equal(result.text, recorder.joined('text'));
    assert.ok(result.text.startsWith('alpha beta gamma'));
    assert.equal(result.error, undefined);
    assert.ok(!server.hasResponse(result.responseId ?? ''), 'the server never completed the stopped response');
  });

  it('returns stopped at once for an already aborted signal, without a request', async () => {
    const provider = new ResponsesProvider(settingsFor(baseURL), new RecordingLogger());
    const result = await provider.stream(requestFor('hi'), new DeltaRecorder(), AbortSignal.abort());
    assert.equal(result.status, 'stopped');
    assert.equal(server.responseRequests.length, 0);
  });

  it('stops promptly while the SDK waits out a long retry-after', async function () {
    // Without racing the signal, stream() would resolve only after the SDK's 4 s sleep: the short timeout catches that.
    this.timeout(2_500);
    server.queueFault({ kind: 'rate_limit', retryAfterSeconds: 4 });
    const provider = new ResponsesProvider(settingsFor(baseURL, { maxRetries: 2 }), new RecordingLogger());
    const controller = new AbortController();
    const pending = provider.stream(requestFor('hi'), new DeltaRecorder(), controller.signal);
    while (server.responseRequests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const result = await pending;
    assert.equal(result.status, 'stopped');
    assert.equal(server.responseRequests.length, 1, 'the retry never went out');
  });

  it('lets the SDK retry a rate limit when retries are on (the server sees both attempts)', async () => {
    server.queueFault({ kind: 'rate_limit', retryAfterSeconds: 1, retryAfterMs: 20 });
    const provider = new ResponsesProvider(settingsFor(baseURL, { maxRetries: 2 }), new RecordingLogger());
    const result = await provider.stream(requestFor('hi'), new DeltaRecorder());
    assert.equal(result.status, 'completed');
    assert.equal(server.responseRequests.length, 2);
    assert.equal(server.responseRequests[1].headers['x-stainless-retry-count'], '1');
  });

  it('uses the fetch given in the options', async () => {
    let calls = 0;
    const countingFetch: typeof fetch = (input, init) => { calls++; return fetch(input, init); };
    const provider = new ResponsesProvider(settingsFor(baseURL), new RecordingLogger(), { fetch: countingFetch });
    const result = await provider.stream(requestFor('hi'), new DeltaRecorder());
    assert.equal(result.status, 'completed');
    assert.equal(calls, 1);
  });

  it('reports a missing key without sending anything', async () => {
    const provider = new ResponsesProvider(settingsFor(baseURL, { apiKey: '' }), new RecordingLogger());
    const result = await provider.stream(requestFor('hi'), new DeltaRecorder());
    assert.equal(result.status, 'error');
    assert.equal(result.error?.kind, 'missing_key');
    assert.match(result.error?.action ?? '', /Threadline: Set API Key.*OPENAI_API_KEY/);
    assert.equal(server.responseRequests.length, 0);
  });
});
