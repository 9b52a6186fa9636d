import * as assert from 'node:assert/strict';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import { completedResponse, eventsOf, rawEvents, rejectionOf, streamEvents, useFakeServer } from './support';

/** The fake counts four characters a token; the figures below follow from that. */
const tokens = (text: string) => Math.ceil(text.length / 4);

const CONTEXT_LENGTH_EXCEEDED = {
  message: 'Your input exceeds the context window of this model. Please adjust your input and try again.',
  type: 'invalid_request_error',
  param: 'input',
  code: 'context_length_exceeded',
};

/** Chains grow; the fake must overflow, compact and report usage the way the real server does. */
describe('FakeResponsesServer context windows and compaction', () => {
  const fake = useFakeServer();
  const MODEL = 'gpt-4.1-mini';

  /** A first turn of a chain: its usage says exactly what the chain now carries (no instructions, no reasoning). */
  async function firstTurn(input: string) {
    const response = completedResponse(await streamEvents(fake.client, { model: MODEL, input }));
    const usage = response.usage;
    assert.ok(usage);
    return { id: response.id, chainTokens: usage.input_tokens + usage.output_tokens };
  }

  it('answers context_length_exceeded when instructions and input pass the configured window', async () => {
    fake.server.contextWindows.set(MODEL, 50);
    const rejection = await rejectionOf(streamEvents(fake.client, { model: MODEL, input: 'a'.repeat(400) }));
    assert.equal(rejection.status, 400);
    assert.deepEqual(rejection.error, CONTEXT_LENGTH_EXCEEDED);
    const byInstructions = await rejectionOf(fake.client.responses.create({ model: MODEL, instructions: 'i'.repeat(200), input: 'hi' }));
    assert.equal(byInstructions.code, 'context_length_exceeded');
    assert.equal((await fake.client.responses.create({ model: MODEL, input: 'a'.repeat(196) })).usage?.input_tokens, 49);
    assert.equal((await fake.client.responses.create({ model: 'gpt-4.1', input: 'a'.repeat(400) })).status, 'completed', 'windows are per model');
  });

  it('counts the chain a previous_response_id carries', async () => {
    const first = await firstTurn('a'.repeat(200));
    fake.server.contextWindows.set(MODEL, first.chainTokens + 5);
    const tooMuch = await rejectionOf(streamEvents(fake.client, { model: MODEL, input: 'b'.repeat(40), previous_response_id: first.id }));
    assert.deepEqual(tooMuch.error, CONTEXT_LENGTH_EXCEEDED);
    assert.equal((await fake.client.responses.create({ model: MODEL, input: 'b'.repeat(40) })).status, 'completed', 'the same input fits without the chain');
    const fits = completedResponse(await streamEvents(fake.client, { model: MODEL, input: 'ok', previous_response_id: first.id }));
    assert.equal(fits.usage?.input_tokens, first.chainTokens + 1);
    assert.equal(fits.usage?.input_tokens_details.cached_tokens, first.chainTokens);
  });

  it('can report a streaming overflow inside the stream instead, as the API has been seen to', async () => {
    fake.server.contextWindows.set(MODEL, 10);
    fake.server.contextOverflowInStream = true;
    const { response, events } = await rawEvents(fake.baseURL, { model: MODEL, input: 'a'.repeat(400), stream: true });
    assert.equal(response.status, 200);
    assert.deepEqual(events.map((e) => e.type), ['response.created', 'response.in_progress', 'error', 'response.failed']);
    assert.deepEqual((events[2] as unknown as { error: unknown }).error, CONTEXT_LENGTH_EXCEEDED);
    assert.deepEqual((events[3] as unknown as { response: { error: unknown } }).response.error, { code: 'context_length_exceeded', message: CONTEXT_LENGTH_EXCEEDED.message });
    // The SDK throws on the nested error event: status undefined, the body's fields on the error.
    const thrown = await rejectionOf(streamEvents(fake.client, { model: MODEL, input: 'a'.repeat(400) }));
    assert.equal(thrown.status, undefined);
    assert.equal(thrown.code, 'context_length_exceeded');
    assert.equal((await rejectionOf(fake.client.responses.create({ model: MODEL, input: 'a'.repeat(400) }))).status, 400, 'a plain request still gets the 400');
  });

  it('compacts when context_management sets a threshold the input passes: a compaction item after the answer, then a shorter chain', async () => {
    const first = await firstTurn('a'.repeat(800));
    const below = completedResponse(await streamEvents(fake.client, {
      model: MODEL, input: 'small', previous_response_id: first.id, context_management: [{ type: 'compaction', compact_threshold: 100_000 }],
    }));
    assert.deepEqual(below.output.map((item) => item.type), ['message'], 'below the threshold nothing is compacted');

    const events = await streamEvents(fake.client, {
      model: MODEL, input: 'next question', previous_response_id: first.id, context_management: [{ type: 'compaction', compact_threshold: 100 }],
    });
    // As in the recorded gpt-4.1 stream: the message first, the compaction item after it.
    const added = eventsOf(events, 'response.output_item.added');
    assert.deepEqual(added.map((e) => [e.output_index, e.item.type]), [[0, 'message'], [1, 'compaction']]);
    const response = completedResponse(events);
    assert.deepEqual(response.output.map((item) => item.type), ['message', 'compaction']);
    const compaction = response.output[1];
    assert.ok(compaction.type === 'compaction');
    assert.match(compaction.id, /^cmp_/);
    assert.equal(typeof compaction.encrypted_content, 'string');
    const rendered = first.chainTokens + tokens('next question');
    assert.equal(response.usage?.input_tokens, rendered, 'the compacting turn reports what it read');

    const after = completedResponse(await streamEvents(fake.client, { model: MODEL, input: 'and then?', previous_response_id: response.id }));
    const compacted = Math.max(16, Math.ceil(rendered / 10));
    assert.equal(after.usage?.input_tokens, compacted + (response.usage?.output_tokens ?? 0) + tokens('and then?'));
    assert.ok((after.usage?.input_tokens ?? 0) < first.chainTokens / 2);
  });

  it('compacts instead of overflowing when the request allows it', async () => {
    const first = await firstTurn('a'.repeat(800));
    fake.server.contextWindows.set(MODEL, first.chainTokens);
    const params = { model: MODEL, input: 'more', previous_response_id: first.id };
    assert.equal((await rejectionOf(fake.client.responses.create(params))).code, 'context_length_exceeded');
    const compacted = await fake.client.responses.create({ ...params, context_management: [{ type: 'compaction' }] });
    assert.deepEqual(compacted.output.map((item) => item.type), ['message', 'compaction'], 'with no threshold, the window is the threshold');
  });

  it('answers POST /responses/compact with the user messages and one compaction item', async () => {
    const first = await firstTurn(`first ${'a'.repeat(400)}`);
    const second = completedResponse(await streamEvents(fake.client, { model: MODEL, input: 'second', previous_response_id: first.id }));
    const compacted = await fake.client.responses.compact({ model: MODEL, previous_response_id: second.id, input: [{ role: 'user', content: 'third' }] });
    assert.equal(compacted.object, 'response.compaction');
    assert.equal(typeof compacted.created_at, 'number');
    assert.deepEqual(compacted.output.map((item) => item.type), ['message', 'message', 'message', 'compaction']);
    // The SDK types the output as output items; the user messages are input messages on the wire.
    const kept = compacted.output.slice(0, 3) as unknown as { role: string; content: { type: string; text: string }[] }[];
    assert.deepEqual(kept.map((m) => [m.role, m.content[0].type, m.content[0].text]), [['user', 'input_text', `first ${'a'.repeat(400)}`], ['user', 'input_text', 'second'], ['user', 'input_text', 'third']]);
    const rendered = (second.usage?.input_tokens ?? 0) + (second.usage?.output_tokens ?? 0) + tokens('third');
    assert.equal(compacted.usage.input_tokens, rendered);
    assert.equal(fake.server.compactRequests.length, 1);

    // The compacted window is the next request's input: a fraction of the chain it replaces.
    const input = [...compacted.output, { role: 'user', content: 'fourth' }] as ResponseInputItem[];
    const next = await fake.client.responses.create({ model: MODEL, input });
    const compaction = Math.max(16, Math.ceil(rendered / 10));
    assert.equal(next.usage?.input_tokens, tokens(`first ${'a'.repeat(400)}`) + tokens('second') + tokens('third') + compaction + tokens('fourth'));
  });

  it('refuses a compaction without a model or with a chain it does not know', async () => {
    const noModel = await rejectionOf(fake.client.responses.compact({ model: null, input: 'x' }));
    assert.deepEqual(noModel.error, { message: "Missing required parameter: 'model'.", type: 'invalid_request_error', param: 'model', code: 'missing_required_parameter' });
    const unknown = await rejectionOf(fake.client.responses.compact({ model: MODEL, previous_response_id: 'resp_missing' }));
    assert.equal(unknown.code, 'previous_response_not_found');
  });
});
