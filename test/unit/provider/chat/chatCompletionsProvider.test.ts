import * as assert from 'node:assert/strict';
import { INFER_PLAN, planWithSchema } from '../../../../src/core/extract/extractionPlan';
import { buildExtractionRequest } from '../../../../src/core/extract/extractionRequest';
import { interpretExtraction } from '../../../../src/core/extract/interpretExtraction';
import { LearnedParameters } from '../../../../src/core/models/learnedParameters';
import { ChatCompletionsProvider } from '../../../../src/core/provider/chat/chatCompletionsProvider';
import type { LearnedRefusal, StreamingProviderOptions } from '../../../../src/core/provider/streamingProvider';
import type { ModelRequest, ProviderSettings } from '../../../../src/core/provider/types';
import { applyPartEventToTurn } from '../../../../src/core/turn/partList';
import type { PartEvent } from '../../../../src/core/turn/turnParts';
import { FakeResponsesServer } from '../../../fake-server/fakeResponsesServer';
import { DeltaRecorder, RecordingLogger, TEST_KEY, requestFor, settingsFor } from '../support';

/**
 * ChatCompletionsProvider through the real SDK against the fake server's /v1/chat/completions: what each request
 * carries, how the stream becomes parts, reasoning, refusal and usage, what is learned from a refusal, and Extract
 * JSON on this dialect with the same validation as on the Responses API.
 */
describe('ChatCompletionsProvider', () => {
  const server = new FakeResponsesServer();
  let baseURL = '';
  before(async () => {
    baseURL = await server.start();
  });
  after(() => server.stop());
  afterEach(() => {
    server.restoreDefaults();
    server.clearRequests();
  });

  function provider(options: StreamingProviderOptions = {}, settings: Partial<ProviderSettings> = {}) {
    return new ChatCompletionsProvider(settingsFor(baseURL, settings), new RecordingLogger(), options);
  }

  async function run(request: ModelRequest, chat = provider()) {
    const recorder = new DeltaRecorder();
    const events: PartEvent[] = [];
    const result = await chat.stream(request, { onDelta: recorder.onDelta, onPart: (event) => events.push(event) });
    return { result, recorder, events, body: server.chatRequests.at(-1)?.body as Record<string, unknown> };
  }

  it('is the stateless chat dialect for its base URL', () => {
    const chat = provider();
    assert.equal(chat.dialect, 'chat');
    assert.equal(chat.keepsState, false);
    assert.equal(chat.endpoint, baseURL);
    assert.equal('compact' in chat, false);
    assert.equal('deleteResponse' in chat, false);
  });

  it('posts instructions as the system message, asks for usage, and sends nothing of a chain', async () => {
    const { result, recorder, body } = await run(requestFor('Explain closures', { previousResponseId: 'resp_1', leadingItems: [{ type: 'compaction' }], compactThreshold: 1000 }));
    const [recorded] = server.chatRequests;
    assert.equal(recorded.path, '/v1/chat/completions');
    assert.equal(recorded.headers.authorization, `Bearer ${TEST_KEY}`);
    assert.deepEqual(body.messages, [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Explain closures' }]);
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    for (const key of ['store', 'previous_response_id', 'input', 'instructions', 'context_management', 'reasoning', 'text']) assert.equal(key in body, false, key);
    assert.equal(result.status, 'completed');
    assert.equal(result.text, 'Answer to “Explain closures”: this reply comes from the fake Responses server, streamed in several parts.');
    assert.equal(result.text, recorder.joined('text'));
    assert.equal(result.responseId, undefined, 'a completion id is nothing to chain from');
    assert.deepEqual(result.parts?.map((p) => p.kind), ['text']);
    assert.ok(result.usage && result.usage.inputTokens > 0 && result.usage.outputTokens > 0);
    assert.equal(result.usage.totalTokens, result.usage.inputTokens + result.usage.outputTokens);
  });

  it('re-sends a transcript as messages in order, after the instructions', async () => {
    const input = [
      { role: 'user' as const, content: 'first question' },
      { role: 'assistant' as const, content: 'first answer' },
      { role: 'user' as const, content: 'second question' },
    ];
    const { body, result } = await run(requestFor('', { input }));
    assert.deepEqual(body.messages, [{ role: 'system', content: 'Be brief.' }, ...input]);
    assert.match(result.text, /second question/);
  });

  it('sends a reasoning model its instructions as developer, its effort as reasoning_effort, and leaves sampling out', async () => {
    const { body, result } = await run(requestFor('hi', { model: 'gpt-5', temperature: 0.2, topP: 0.5, reasoningEffort: 'low', reasoningSummary: 'auto', verbosity: 'low', maxOutputTokens: 500 }));
    assert.deepEqual((body.messages as unknown[])[0], { role: 'developer', content: 'Be brief.' });
    assert.equal(body.reasoning_effort, 'low');
    assert.equal(body.verbosity, 'low');
    assert.equal(body.max_completion_tokens, 500);
    for (const key of ['temperature', 'top_p', 'max_tokens', 'reasoning']) assert.equal(key in body, false, key);
    assert.deepEqual(result.notApplied, ['temperature not used by gpt-5', 'top_p not used by gpt-5']);
    assert.equal(result.status, 'completed');
    assert.ok((result.usage?.reasoningTokens ?? 0) > 0, 'hidden reasoning tokens are counted');
  });

  it('sends sampling to a model that takes it, and no reasoning_effort to one that does not reason', async () => {
    const { body, result } = await run(requestFor('hi', { model: 'gpt-4.1-mini', temperature: 0.3, topP: 0.9, reasoningEffort: 'high' }));
    assert.equal(body.temperature, 0.3);
    assert.equal(body.top_p, 0.9);
    assert.equal('reasoning_effort' in body, false);
    assert.deepEqual(result.notApplied, ['reasoning effort not used by gpt-4.1-mini']);
  });

  it('learns that a server takes max_tokens only: one refused request, re-sent, and never sent again', async () => {
    server.legacyTokenLimit = true;
    const told: LearnedRefusal[] = [];
    const chat = provider({ learned: new LearnedParameters(), onLearned: (l) => told.push(l) });
    const first = await run(requestFor('hi', { model: 'local-model', maxOutputTokens: 300 }), chat);
    assert.equal(first.result.status, 'completed');
    assert.deepEqual(server.chatRequests.map((r) => [r.status, r.body.max_completion_tokens, r.body.max_tokens]), [[400, 300, undefined], [200, undefined, 300]]);
    assert.equal(told.length, 1);
    assert.equal(told[0].refusal.param, 'max_completion_tokens');
    server.clearRequests();
    await run(requestFor('again', { model: 'local-model', maxOutputTokens: 300 }), chat);
    assert.deepEqual(server.chatRequests.map((r) => [r.status, r.body.max_tokens]), [[200, 300]]);
    assert.equal(told.length, 1, 'told once');
  });

  it('learns a refused temperature from the API’s chat wording and leaves it out from then on', async () => {
    const learned = new LearnedParameters();
    server.queueFault({ kind: 'unsupported_parameter', param: 'temperature', code: 'unsupported_value', message: "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported." });
    const { result } = await run(requestFor('hi', { model: 'my-deployment', temperature: 0.2 }), provider({ learned }));
    assert.equal(result.status, 'completed');
    assert.deepEqual(server.chatRequests.map((r) => r.body.temperature), [0.2, undefined]);
    assert.deepEqual([...learned.rejected(baseURL, 'my-deployment')], ['temperature']);
  });

  it('streams reasoning_content into a Thinking part before the answer', async () => {
    server.chatReasoningField = 'reasoning_content';
    const { result, recorder, events } = await run(requestFor('Why? [[reasoning:2]]', { model: 'deepseek-reasoner' }));
    assert.deepEqual(result.parts?.map((p) => p.kind), ['reasoning', 'text']);
    const expected = 'Considering the question step by step before answering.\n\nChecking the answer against what was asked.';
    assert.equal(result.reasoning, expected);
    assert.equal(recorder.joined('reasoning'), expected);
    const reasoning = result.parts?.[0];
    assert.ok(reasoning?.kind === 'reasoning' && reasoning.durationMs !== undefined, 'the thinking time is set when the answer starts');
    const turn = { assistantText: '', reasoningSummary: '' };
    for (const event of events) assert.ok(applyPartEventToTurn(turn, event), `event applies: ${JSON.stringify(event)}`);
    assert.equal(turn.assistantText, result.text);
    assert.equal(turn.reasoningSummary, result.reasoning);
  });

  it('reads the `reasoning` field that Ollama and newer vLLM send', async () => {
    server.chatReasoningField = 'reasoning';
    const { result } = await run(requestFor('Why? [[reasoning]]', { model: 'qwen3:8b' }));
    assert.equal(result.reasoning, 'Considering the question step by step before answering.');
    assert.deepEqual(result.parts?.map((p) => p.kind), ['reasoning', 'text']);
  });

  it('keeps a refusal apart from the answer', async () => {
    const { result, recorder } = await run(requestFor('Do something bad [[refusal]]'));
    assert.equal(result.status, 'completed');
    assert.equal(result.refusal, 'I can’t help with that request.');
    assert.equal(recorder.joined('refusal'), result.refusal);
    assert.equal(result.text, '');
  });

  it('stops at once when the signal aborts mid-stream, keeping the text so far', async () => {
    const controller = new AbortController();
    let deltas = 0;
    const result = await provider().stream(requestFor('[[long:200]] [[slow:5]]'), {
      onDelta: () => {
        if (++deltas === 3) controller.abort();
      },
    }, controller.signal);
    assert.equal(result.status, 'stopped');
    assert.ok(result.text.length > 0);
    assert.equal(deltas, 3, 'nothing is added after Stop');
  });

  it('puts the key in the api-key header too when the profile says so (Azure)', async () => {
    server.requiredApiKeyHeader = TEST_KEY;
    const without = await run(requestFor('hi'));
    assert.equal(without.result.error?.kind, 'auth');
    const withHeader = await run(requestFor('hi'), provider({}, { headers: { 'api-key': TEST_KEY } }));
    assert.equal(withHeader.result.status, 'completed');
    assert.equal(server.chatRequests.at(-1)?.headers['api-key'], TEST_KEY);
    assert.ok(!JSON.stringify(without.result).includes(TEST_KEY));
  });

  describe('Extract JSON on this dialect', () => {
    const contexts = [{ path: 'crm.txt', languageId: 'plaintext', startLine: 1, endLine: 1, text: 'Grace Hopper <grace@navy.mil>' }];
    const contact = { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string' }, phone: { type: 'string' } }, required: ['name', 'email'] };

    it('sends the strict schema as response_format and validates the reply against the user’s schema', async () => {
      const planned = planWithSchema('contact', contact);
      assert.ok(planned.ok);
      server.reply = () => '{"name":"Grace Hopper","email":"grace@navy.mil","phone":null}';
      const request = buildExtractionRequest({ model: 'gpt-4.1-mini', temperature: 0, contexts, plan: planned.plan });
      const outcome = interpretExtraction(await provider().stream(request, { onDelta() {} }), planned.plan);
      assert.deepEqual(outcome, { status: 'ok', value: { name: 'Grace Hopper', email: 'grace@navy.mil' }, json: '{\n  "name": "Grace Hopper",\n  "email": "grace@navy.mil"\n}\n' });
      const body = server.chatRequests[0].body as Record<string, unknown>;
      assert.equal(server.chatRequests[0].status, 200, 'the fake accepted the strict schema');
      assert.ok(planned.plan.mode === 'schema');
      assert.deepEqual(body.response_format, { type: 'json_schema', json_schema: { name: planned.plan.formatName, strict: true, schema: planned.plan.strictSchema } });
      assert.equal('store' in body, false);
    });

    it('a reply that breaks the user’s schema is refused with the path, as on the Responses API', async () => {
      const planned = planWithSchema('contact', contact);
      assert.ok(planned.ok);
      server.reply = () => '{"name":"Grace Hopper","email":null,"phone":null}';
      const request = buildExtractionRequest({ model: 'gpt-4.1-mini', temperature: 0, contexts, plan: planned.plan });
      const outcome = interpretExtraction(await provider().stream(request, { onDelta() {} }), planned.plan);
      assert.equal(outcome.status, 'error');
      assert.match(outcome.status === 'error' ? outcome.message : '', /\$\.email/);
    });

    it('JSON mode sends json_object, which the server takes because the request says JSON', async () => {
      const request = buildExtractionRequest({ model: 'gpt-4.1-mini', temperature: 0, contexts, plan: INFER_PLAN });
      const outcome = interpretExtraction(await provider().stream(request, { onDelta() {} }), INFER_PLAN);
      assert.equal(outcome.status, 'ok');
      assert.deepEqual((server.chatRequests[0].body as Record<string, unknown>).response_format, { type: 'json_object' });
    });
  });
});
