import * as assert from 'node:assert/strict';
import { rawEvents, useFakeServer } from './support';

/** The fake server must be faithful to the wire format, or every other test proves nothing. */
describe('FakeResponsesServer wire format', () => {
  const fake = useFakeServer();

  it('streams the documented event sequence with contiguous sequence numbers and an x-request-id', async () => {
    const { response, events } = await rawEvents(fake.baseURL, { model: 'm', input: 'Hello', stream: true });
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.match(response.headers.get('x-request-id') ?? '', /^req_/);
    const types = events.map((e) => e.type);
    const deltas = types.filter((t) => t === 'response.output_text.delta').length;
    assert.ok(deltas > 1);
    assert.deepEqual(types, [
      'response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added',
      ...Array<string>(deltas).fill('response.output_text.delta'),
      'response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.completed',
    ]);
    assert.deepEqual(events.map((e) => e.sequence_number), events.map((_, i) => i));
    const completed = events.at(-1) as unknown as { response: { usage: Record<string, unknown> } };
    assert.deepEqual(Object.keys(completed.response.usage).sort(), ['input_tokens', 'input_tokens_details', 'output_tokens', 'output_tokens_details', 'total_tokens']);
  });

  it('satisfies the SDK stream helper, which rejects deltas for parts it never saw', async () => {
    const stream = fake.client.responses.stream({ model: 'm', input: 'Hello [[reasoning:2]] [[cite]]', reasoning: { summary: 'auto' } });
    const final = await stream.finalResponse();
    assert.match(final.output_text, /^Answer to “Hello”/);
    assert.equal(final.output[0].type, 'reasoning');
    assert.equal(final.output[0].type === 'reasoning' && final.output[0].summary.length, 2);
  });

  it('satisfies the stream helper with a gpt-5 answer in phases, a web search and citations', async () => {
    const final = await fake.client.responses.stream({ model: 'gpt-5', input: 'News [[tool:web_search]] [[cite:2]] [[reasoning]]', reasoning: { summary: 'auto' } }).finalResponse();
    assert.deepEqual(final.output.map((item) => item.type), ['reasoning', 'message', 'web_search_call', 'message']);
    const answer = final.output[3];
    assert.ok(answer.type === 'message' && answer.content[0].type === 'output_text');
    assert.equal(answer.content[0].annotations.length, 2);
  });

  it('answers non-streaming requests, stores responses, and forgets them on request', async () => {
    const created = await fake.client.responses.create({ model: 'm', input: 'Hi' });
    assert.match(created.output_text, /^Answer to “Hi”/);
    assert.match(created._request_id ?? '', /^req_/);
    const retrieved = await fake.client.responses.retrieve(created.id);
    assert.equal(retrieved.id, created.id);
    fake.server.forgetResponses();
    await assert.rejects(fake.client.responses.create({ model: 'm', input: 'again', previous_response_id: created.id }), (error: Error & { status?: number; code?: string; param?: string }) => {
      assert.equal(error.status, 400);
      assert.equal(error.code, 'previous_response_not_found');
      assert.equal(error.param, 'previous_response_id');
      assert.equal(error.message, `400 Previous response with id '${created.id}' not found.`);
      return true;
    });
  });

  it('scripts replies, and answers json_schema requests with an instance of the schema by default', async () => {
    fake.server.reply = (request) => (request.userText.includes('script') ? { text: 'scripted', deltas: ['scr', 'ipted'] } : undefined);
    const scripted = await fake.client.responses.create({ model: 'm', input: 'script me' });
    assert.equal(scripted.output_text, 'scripted');
    fake.server.reply = undefined;
    const schema = { type: 'object', properties: { n: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } }, kind: { enum: ['a', 'b'] } }, required: ['n', 'tags', 'kind'], additionalProperties: false };
    const json = await fake.client.responses.create({ model: 'm', input: 'x', text: { format: { type: 'json_schema', name: 's', schema, strict: true } } });
    assert.deepEqual(JSON.parse(json.output_text), { n: 1, tags: ['example'], kind: 'a' });
  });
});

describe('FakeResponsesServer stream errors', () => {
  const fake = useFakeServer();

  it('nests an error event’s fields under `error`, as the API does, and follows it with response.failed', async () => {
    const { response, events } = await rawEvents(fake.baseURL, { model: 'm', input: 'Hi [[fault:error_event:1]]', stream: true });
    assert.equal(response.status, 200);
    const [error, failed] = events.slice(-2) as unknown as [Record<string, unknown>, { type: string; response: Record<string, unknown> }];
    assert.deepEqual(error, {
      type: 'error', sequence_number: events.length - 2,
      error: { type: 'server_error', code: 'server_error', message: 'The server had an error while processing your request.', param: null },
    });
    assert.equal(failed.type, 'response.failed');
    assert.deepEqual(failed.response.error, { code: 'server_error', message: 'The server had an error while processing your request.' });
    assert.equal(fake.server.responseRequests[0].outcome, 'faulted');
  });
});
