import * as assert from 'node:assert/strict';
import { ChatCompletionsProvider } from '../../../../src/core/provider/chat/chatCompletionsProvider';
import { FakeResponsesServer } from '../../../fake-server/fakeResponsesServer';
import { faultRunner } from '../support';

/**
 * Every fault of the Chat Completions path gets the kind the Responses path gives the same fault
 * (providerFaults.test.ts), through the real SDK against the fake server, plus the endings only this API has:
 * a body without `data: [DONE]` (whole after a finish_reason, broken before one), [DONE] before any finish_reason,
 * and the finish reasons that are not `stop`.
 */
describe('ChatCompletionsProvider fault modes', () => {
  const server = new FakeResponsesServer();
  let baseURL = '';
  let host = '';
  const answer = 'Answer to “Explain closures”: this reply comes from the fake Responses server, streamed in several parts.';
  before(async () => {
    baseURL = await server.start();
    host = new URL(baseURL).host;
  });
  after(() => server.stop());
  beforeEach(() => server.clearRequests());

  const run = faultRunner(server, ChatCompletionsProvider, () => baseURL);

  it('401: tells the user to set the key, and redacts the key the server echoed', async () => {
    const { result } = await run('auth');
    assert.equal(result.status, 'error');
    assert.equal(result.error?.kind, 'auth');
    assert.match(result.error?.detail ?? '', /401 Unauthorized: Incorrect API key provided: \[redacted/);
    assert.equal(result.error?.requestId, server.chatRequests[0].requestId);
  });

  it('403: access denied, naming the model', async () => {
    const { result } = await run('permission');
    assert.equal(result.error?.kind, 'permission');
    assert.match(result.error?.action ?? '', /“gpt-test”/);
  });

  it('404 model: says which model and to pick another', async () => {
    const { result } = await run('model_not_found');
    assert.equal(result.error?.kind, 'model_not_found');
    assert.equal(result.error?.title, 'Model “gpt-test” is not available');
  });

  it('404 without a model: no Chat Completions API at this address', async () => {
    const { result } = await run(undefined, 'hi', { baseURL: baseURL.replace(/\/v1$/, '/wrong') });
    assert.equal(result.error?.kind, 'not_found');
    assert.equal(result.error?.title, 'No Chat Completions API at this address');
    assert.match(result.error?.action ?? '', /\/v1\/chat\/completions/);
  });

  it('429 rate limit: says when to retry, from retry-after', async () => {
    const { result } = await run({ kind: 'rate_limit', retryAfterSeconds: 7 });
    assert.equal(result.error?.kind, 'rate_limit');
    assert.equal(result.error?.retryAfterSeconds, 7);
  });

  it('429 insufficient_quota: a billing problem, not a rate limit', async () => {
    const { result } = await run('insufficient_quota');
    assert.equal(result.error?.kind, 'insufficient_quota');
    assert.equal(result.error?.retryAfterSeconds, undefined);
  });

  it('5xx: a server error, retried by the SDK when retries are on', async () => {
    const { result } = await run('server_error');
    assert.equal(result.error?.kind, 'server');
    server.clearRequests();
    server.queueFault({ kind: 'server_error', status: 503 });
    const retried = await run({ kind: 'server_error', status: 503 }, 'hi', { maxRetries: 1 });
    assert.equal(retried.result.error?.title, 'The server had an error (503)');
    assert.equal(server.chatRequests.length, 2);
  });

  it('connection reset mid-stream: stream_broken, partial text kept', async () => {
    const { result } = await run({ kind: 'reset', afterDeltas: 3 });
    assert.equal(result.error?.kind, 'stream_broken');
    assert.match(result.error?.detail ?? '', new RegExp(`${host}.*The text received so far is kept`));
    assert.equal(result.text, 'Answer to “Explain closures”: this reply ');
  });

  it('stall before headers: the SDK timeout fires', async () => {
    const { result } = await run('stall', 'hi', { timeoutMs: 800 });
    assert.equal(result.error?.kind, 'timeout');
    assert.equal(result.error?.title, 'The server did not answer in time');
  });

  it('stall mid-stream: the idle watchdog ends it, partial text kept', async () => {
    const { result } = await run({ kind: 'stall_mid_stream', afterDeltas: 2 }, 'Explain closures', { timeoutMs: 800 });
    assert.equal(result.error?.kind, 'timeout');
    assert.equal(result.error?.title, 'The answer stalled');
    assert.equal(result.text, 'Answer to “Explain closures”: ');
  });

  it('malformed chunk: says the server does not speak the Chat Completions stream format', async () => {
    const { result } = await run({ kind: 'malformed', afterDeltas: 1 });
    assert.equal(result.error?.kind, 'malformed_stream');
    assert.match(result.error?.detail ?? '', /not the Chat Completions streaming format \(an event whose data is not valid JSON\)/);
    assert.match(result.error?.action ?? '', /\/v1\/chat\/completions/);
    assert.equal(result.text, 'Answer to ');
  });

  it('a reply that is not an event stream is a malformed stream, not an empty answer', async () => {
    const { result } = await run('not_sse');
    assert.equal(result.error?.kind, 'malformed_stream');
    assert.match(result.error?.detail ?? '', /not an event stream \(application\/json\)/);
  });

  it('an error chunk mid-stream: shows the message, partial text kept', async () => {
    const { result } = await run({ kind: 'error_event', afterDeltas: 2, message: 'Overloaded, try later.', code: 'server_is_overloaded' });
    assert.equal(result.error?.kind, 'stream_error');
    assert.equal(result.error?.detail, 'Overloaded, try later. (server_is_overloaded)');
    assert.equal(result.text, 'Answer to “Explain closures”: ');
  });

  it('[DONE] missing after the finish_reason (servers that never send it): the answer is whole', async () => {
    const { result } = await run('done_missing');
    assert.equal(result.status, 'completed');
    assert.equal(result.error, undefined);
    assert.equal(result.text, answer);
    assert.ok(result.usage, 'the usage that came is kept');
  });

  it('a body that ends mid-answer, without finish_reason or [DONE], broke off', async () => {
    const { result } = await run({ kind: 'close_early', afterDeltas: 2 });
    assert.equal(result.error?.kind, 'stream_broken');
    assert.equal(result.text, 'Answer to “Explain closures”: ');
  });

  it('[DONE] early, with no finish_reason: the server stopped mid-answer, and says so', async () => {
    const { result } = await run({ kind: 'done_early', afterDeltas: 2 });
    assert.equal(result.error?.kind, 'stream_broken');
    assert.match(result.error?.detail ?? '', /ended the stream before the response finished \(\[DONE\] came without a finish_reason\)\. The text received so far is kept/);
    assert.equal(result.text, 'Answer to “Explain closures”: ');
  });

  it('finish_reason length: incomplete at the token limit, partial text and usage kept', async () => {
    const { result } = await run({ kind: 'incomplete', afterDeltas: 4 });
    assert.equal(result.status, 'incomplete');
    assert.equal(result.incompleteReason, 'max_output_tokens');
    assert.equal(result.error?.kind, 'incomplete');
    assert.match(result.error?.action ?? '', /Raise max_output_tokens/);
    assert.equal(result.text, 'Answer to “Explain closures”: this reply comes from ');
    assert.ok(result.usage);
  });

  it('finish_reason content_filter: its own named error', async () => {
    const { result } = await run({ kind: 'content_filter', afterDeltas: 1 });
    assert.equal(result.status, 'incomplete');
    assert.equal(result.incompleteReason, 'content_filter');
    assert.equal(result.error?.kind, 'content_filter');
    assert.equal(result.error?.title, 'The content filter stopped the answer');
    assert.equal(result.text, 'Answer to ');
  });

  it('finish_reason error: the model failed to answer', async () => {
    const { result } = await run({ kind: 'failed', afterDeltas: 1 });
    assert.equal(result.status, 'failed');
    assert.equal(result.error?.kind, 'response_failed');
  });

  it('context_length_exceeded as a 400 is one named error with its actions', async () => {
    server.contextWindows.set('gpt-test', 5);
    try {
      const { result } = await run(undefined, 'a message longer than five tokens, surely');
      assert.equal(result.error?.kind, 'context_length_exceeded');
      assert.deepEqual(result.error?.actions, ['compactAndRetry', 'newConversation']);
    } finally {
      server.contextWindows.clear();
    }
  });

  it('a missing key never reaches the network', async () => {
    const { result } = await run(undefined, 'hi', { apiKey: '' });
    assert.equal(result.error?.kind, 'missing_key');
    assert.equal(server.chatRequests.length, 0);
  });
});
