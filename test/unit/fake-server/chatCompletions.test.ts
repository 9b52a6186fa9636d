import * as assert from 'node:assert/strict';
import type { APIError } from 'openai';
import { useFakeServer } from './support';

/**
 * The fake's /v1/chat/completions is as strict as the real API, so a provider that passes against it sends what the
 * real server takes: the wire format, usage only on request, and the 400s a real server answers, word for word.
 */
describe('fake server: Chat Completions', () => {
  const fake = useFakeServer();

  async function raw(body: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await fetch(`${fake.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { response, text: await response.text() };
  }

  function frames(text: string): string[] {
    return text.split('\n\n').filter(Boolean).map((frame) => {
      assert.ok(frame.startsWith('data: '), `every frame is a data line: ${frame}`);
      return frame.slice('data: '.length);
    });
  }

  async function refusal(body: Record<string, unknown>): Promise<APIError> {
    try {
      await fake.client.chat.completions.create(body as never);
    } catch (error) {
      return error as APIError;
    }
    assert.fail('the request was accepted');
  }

  const hello = [{ role: 'user', content: 'hello' }];

  it('streams data lines ending in [DONE], with a usage chunk only when include_usage is set', async () => {
    const withUsage = frames((await raw({ model: 'gpt-4.1-mini', messages: hello, stream: true, stream_options: { include_usage: true } })).text);
    assert.equal(withUsage.at(-1), '[DONE]');
    const chunks = withUsage.slice(0, -1).map((f) => JSON.parse(f) as { object: string; choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null }>; usage?: unknown });
    assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk'));
    assert.deepEqual(chunks[0].choices[0].delta, { role: 'assistant', content: '', refusal: null });
    assert.equal(chunks.at(-2)?.choices[0].finish_reason, 'stop');
    assert.deepEqual(chunks.at(-1)?.choices, []);
    assert.ok((chunks.at(-1)?.usage as { total_tokens: number }).total_tokens > 0);
    assert.ok(chunks.slice(0, -1).every((c) => c.usage === null), 'earlier chunks carry usage: null');

    const without = frames((await raw({ model: 'gpt-4.1-mini', messages: hello, stream: true })).text);
    const plain = without.slice(0, -1).map((f) => JSON.parse(f) as { usage?: unknown; choices: unknown[] });
    assert.ok(plain.every((c) => !('usage' in c) && c.choices.length === 1), 'no usage anywhere without include_usage');
  });

  it('refuses stream_options without stream, as the API does', async () => {
    const error = await refusal({ model: 'gpt-4.1-mini', messages: hello, stream_options: { include_usage: true } });
    assert.equal(error.status, 400);
    assert.equal(error.param, 'stream_options');
  });

  it('refuses max_tokens for reasoning models with the API’s message, and takes max_completion_tokens', async () => {
    const error = await refusal({ model: 'o4-mini', messages: hello, max_tokens: 100 });
    assert.equal(error.status, 400);
    assert.equal(error.param, 'max_tokens');
    assert.equal(error.code, 'unsupported_parameter');
    assert.match(error.message, /Unsupported parameter: 'max_tokens' is not supported with this model\. Use 'max_completion_tokens' instead\./);
    const ok = await fake.client.chat.completions.create({ model: 'o4-mini', messages: [{ role: 'user', content: 'hello' }], max_completion_tokens: 100 });
    assert.ok(ok.choices[0].message.content);
  });

  it('refuses a temperature other than 1 for reasoning models, and reasoning_effort for models that do not reason', async () => {
    const temperature = await refusal({ model: 'gpt-5', messages: hello, temperature: 0.2 });
    assert.equal(temperature.param, 'temperature');
    assert.equal(temperature.code, 'unsupported_value');
    assert.match(temperature.message, /Only the default \(1\) value is supported/);
    const effort = await refusal({ model: 'gpt-4.1', messages: hello, reasoning_effort: 'low' });
    assert.equal(effort.param, 'reasoning_effort');
  });

  it('validates response_format: a name, a strict schema, and JSON mentioned for json_object', async () => {
    const open = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    const unnamed = await refusal({ model: 'gpt-4.1-mini', messages: hello, response_format: { type: 'json_schema', json_schema: { schema: open } } });
    assert.equal(unnamed.param, 'response_format.json_schema.name');
    const notStrict = await refusal({ model: 'gpt-4.1-mini', messages: hello, response_format: { type: 'json_schema', json_schema: { name: 'x', strict: true, schema: open } } });
    assert.match(notStrict.message, /'additionalProperties' is required to be supplied and to be false/);
    const optional = { ...open, properties: { a: { type: 'string' }, b: { type: 'string' } }, additionalProperties: false };
    const missing = await refusal({ model: 'gpt-4.1-mini', messages: hello, response_format: { type: 'json_schema', json_schema: { name: 'x', strict: true, schema: optional } } });
    assert.match(missing.message, /Missing 'b'/);
    const noJson = await refusal({ model: 'gpt-4.1-mini', messages: hello, response_format: { type: 'json_object' } });
    assert.match(noJson.message, /must contain the word 'json'/);
  });

  it('streams reasoning_content when playing a server that sends it', async () => {
    fake.server.chatReasoningField = 'reasoning_content';
    const chunks = frames((await raw({ model: 'deepseek-reasoner', messages: [{ role: 'user', content: 'why [[reasoning]]' }], stream: true })).text)
      .slice(0, -1).map((f) => JSON.parse(f) as { choices: Array<{ delta: Record<string, unknown> }> });
    const reasoning = chunks.map((c) => c.choices[0]?.delta.reasoning_content).filter((d) => typeof d === 'string').join('');
    assert.equal(reasoning, 'Considering the question step by step before answering.');
  });

  it('lists models, and plays Azure by wanting the key in an api-key header', async () => {
    const models = await fake.client.models.list();
    assert.ok(models.data.some((m) => m.id === 'gpt-4.1-mini'));
    fake.server.requiredApiKeyHeader = 'azure-key-123';
    const refused = await raw({ model: 'gpt-4.1-mini', messages: hello });
    assert.equal(refused.response.status, 401);
    assert.match(refused.text, /Access denied due to invalid subscription key/);
    const accepted = await raw({ model: 'gpt-4.1-mini', messages: hello }, { 'api-key': 'azure-key-123' });
    assert.equal(accepted.response.status, 200);
  });

  it('plays a server without /v1/responses while its /v1/chat/completions answers', async () => {
    fake.server.responsesRoute = '404-text';
    const response = await fetch(`${fake.baseURL}/responses`, { method: 'POST', body: '{}' });
    assert.equal(response.status, 404);
    assert.equal(await response.text(), '404 page not found');
    assert.equal((await raw({ model: 'gpt-4.1-mini', messages: hello })).response.status, 200);
  });
});
