import * as assert from 'node:assert/strict';
import type { ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';
import { eventsOf, rejectionOf, streamEvents, useFakeServer } from './support';

/** The fake's logprobs must have the real wire shape, or the product's reading of them proves nothing. */
describe('FakeResponsesServer token logprobs', () => {
  const fake = useFakeServer();
  const asked = { include: ['message.output_text.logprobs' as const], top_logprobs: 2 };

  it('one token per delta, the whole list on done, with bytes on the content part and the final output', async () => {
    fake.server.reply = () => 'Berlin is the capital of Germany.';
    const events = await streamEvents(fake.client, { model: 'gpt-4.1-mini', input: 'Capital?', ...asked });
    const deltas = eventsOf(events, 'response.output_text.delta');
    assert.ok(deltas.length > 3);
    for (const delta of deltas) {
      assert.equal(delta.logprobs.length, 1);
      assert.equal(delta.logprobs[0].token, delta.delta);
      assert.ok((delta.logprobs[0].top_logprobs?.length ?? 0) <= 2);
    }
    const done = eventsOf(events, 'response.output_text.done')[0];
    assert.deepEqual(done.logprobs, deltas.map((d) => d.logprobs[0]));
    const part = eventsOf(events, 'response.content_part.done')[0].part;
    assert.equal(part.type, 'output_text');
    const withBytes = part.type === 'output_text' ? part.logprobs ?? [] : [];
    assert.deepEqual(withBytes[0].bytes, [...Buffer.from(withBytes[0].token)]);
    assert.ok(withBytes[0].top_logprobs.every((alt) => Array.isArray(alt.bytes)));
    const final = eventsOf(events, 'response.completed')[0].response;
    assert.equal(final.top_logprobs, 2);
    const content = final.output[0].type === 'message' ? final.output[0].content[0] : undefined;
    assert.deepEqual(content?.type === 'output_text' && content.logprobs, withBytes);
  });

  it('is deterministic, and without the include the lists stay empty', async () => {
    fake.server.reply = () => 'Same answer twice, same numbers twice.';
    const first = eventsOf(await streamEvents(fake.client, { model: 'gpt-4.1-mini', input: 'a', ...asked }), 'response.output_text.done')[0];
    const second = eventsOf(await streamEvents(fake.client, { model: 'gpt-4.1-mini', input: 'a', ...asked }), 'response.output_text.done')[0];
    assert.deepEqual(first.logprobs, second.logprobs);
    const plain = await streamEvents(fake.client, { model: 'gpt-4.1-mini', input: 'a' });
    assert.ok(eventsOf(plain, 'response.output_text.delta').every((d) => d.logprobs.length === 0));
  });

  it('reasoning models refuse top_logprobs as the API does; out-of-range values are refused for every model', async () => {
    const create = (params: Record<string, unknown>) => fake.client.responses.create({ input: 'Hi', ...params } as unknown as ResponseCreateParamsNonStreaming);
    for (const model of ['o3', 'gpt-5', 'gpt-5-mini']) {
      const rejection = await rejectionOf(create({ model, ...asked }));
      assert.equal(rejection.status, 400);
      assert.deepEqual(rejection.error, { message: "Unsupported parameter: 'top_logprobs' is not supported with this model.", type: 'invalid_request_error', param: 'top_logprobs', code: 'unsupported_parameter' });
    }
    const tooMany = await rejectionOf(create({ model: 'gpt-4.1', top_logprobs: 21 }));
    assert.equal((tooMany.error as { code?: string }).code, 'integer_above_max_value');
    await create({ model: 'gpt-5.1', top_logprobs: 3 });
  });
});
