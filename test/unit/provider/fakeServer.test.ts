import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import { FakeResponsesServer } from '../../fake-server/fakeResponsesServer';
import { TEST_KEY } from './support';

/** The fake server must be faithful to the wire format, or every other test proves nothing. */
describe('FakeResponsesServer wire format', () => {
  const server = new FakeResponsesServer();
  let baseURL = '';
  let client: OpenAI;
  before(async () => {
    baseURL = await server.start();
    client = new OpenAI({ apiKey: TEST_KEY, baseURL, maxRetries: 0 });
  });
  after(() => server.stop());

  async function rawEvents(body: Record<string, unknown>) {
    const response = await fetch(`${baseURL}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await response.text();
    const events = text.split('\n\n').filter(Boolean).map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      const data = JSON.parse(dataLine.slice('data: '.length)) as { type: string; sequence_number: number };
      assert.equal(eventLine, `event: ${data.type}`, 'the event line names the data type');
      return data;
    });
    return { response, events };
  }

  it('streams the documented event sequence with contiguous sequence numbers and an x-request-id', async () => {
    const { response, events } = await rawEvents({ model: 'm', input: 'Hello', stream: true });
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
    const stream = client.responses.stream({ model: 'm', input: 'Hello [[reasoning]]' });
    const final = await stream.finalResponse();
    assert.match(final.output_text, /^Answer to “Hello”/);
    assert.equal(final.output[0].type, 'reasoning');
  });

  it('answers non-streaming requests, stores responses, and forgets them on request', async () => {
    const created = await client.responses.create({ model: 'm', input: 'Hi' });
    assert.match(created.output_text, /^Answer to “Hi”/);
    assert.match(created._request_id ?? '', /^req_/);
    const retrieved = await client.responses.retrieve(created.id);
    assert.equal(retrieved.id, created.id);
    server.forgetResponses();
    await assert.rejects(client.responses.create({ model: 'm', input: 'again', previous_response_id: created.id }), (error: Error & { status?: number; code?: string; param?: string }) => {
      assert.equal(error.status, 400);
      assert.equal(error.code, 'previous_response_not_found');
      assert.equal(error.param, 'previous_response_id');
      assert.equal(error.message, `400 Previous response with id '${created.id}' not found.`);
      return true;
    });
  });

  it('scripts replies, and answers json_schema requests with an instance of the schema by default', async () => {
    server.reply = (request) => (request.userText.includes('script') ? { text: 'scripted', deltas: ['scr', 'ipted'] } : undefined);
    const scripted = await client.responses.create({ model: 'm', input: 'script me' });
    assert.equal(scripted.output_text, 'scripted');
    server.reply = undefined;
    const schema = { type: 'object', properties: { n: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } }, kind: { enum: ['a', 'b'] } }, required: ['n', 'tags', 'kind'], additionalProperties: false };
    const json = await client.responses.create({ model: 'm', input: 'x', text: { format: { type: 'json_schema', name: 's', schema, strict: true } } });
    assert.deepEqual(JSON.parse(json.output_text), { n: 1, tags: ['example'], kind: 'a' });
  });
});
