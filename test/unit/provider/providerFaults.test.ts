import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { ResponsesProvider } from '../../../src/core/provider/responsesProvider';
import { FakeResponsesServer } from '../../fake-server/fakeResponsesServer';
import { DeltaRecorder, RecordingLogger, faultRunner, requestFor, settingsFor } from './support';

/**
 * Every fault mode of the fake server, through the real SDK: what the user reads (title, detail, action),
 * the status, and the partial text. Retries are off (settingsFor) so each fault reaches the provider once.
 */
describe('ResponsesProvider fault modes', () => {
  const server = new FakeResponsesServer();
  let baseURL = '';
  let host = '';
  before(async () => {
    baseURL = await server.start();
    host = new URL(baseURL).host;
  });
  after(() => server.stop());
  beforeEach(() => server.clearRequests());

  const run = faultRunner(server, ResponsesProvider, () => baseURL);

  it('401: tells the user to set the key, and redacts the key the server echoed', async () => {
    const { result } = await run('auth');
    assert.equal(result.status, 'error');
    assert.equal(result.error?.kind, 'auth');
    assert.equal(result.error?.title, 'The API key was rejected');
    assert.match(result.error?.detail ?? '', /401 Unauthorized: Incorrect API key provided: \[redacted/);
    assert.ok(!(result.error?.detail ?? '').includes('sk-test'));
    assert.match(result.error?.action ?? '', /Threadline: Set API Key/);
    assert.equal(result.error?.requestId, server.responseRequests[0].requestId);
  });

  it('403: access denied, naming the model and the organization/project settings', async () => {
    const { result } = await run('permission');
    assert.equal(result.error?.kind, 'permission');
    assert.equal(result.error?.title, 'Access denied');
    assert.match(result.error?.detail ?? '', /refused the request \(403\)/);
    assert.match(result.error?.action ?? '', /threadline\.organization.*“gpt-test”/);
  });

  it('404 model: says which model and to pick another', async () => {
    const { result } = await run('model_not_found');
    assert.equal(result.error?.kind, 'model_not_found');
    assert.equal(result.error?.title, 'Model “gpt-test” is not available');
    assert.match(result.error?.detail ?? '', /does not exist/);
    assert.match(result.error?.action ?? '', /Pick another model in threadline\.model/);
  });

  it('404 without a model: the base URL has no Responses API', async () => {
    const { result } = await run(undefined, 'hi', { baseURL: baseURL.replace(/\/v1$/, '/wrong') });
    assert.equal(result.error?.kind, 'not_found');
    assert.match(result.error?.action ?? '', /threadline\.baseUrl: it should end in \/v1/);
  });

  it('429 rate limit: says when to retry, from retry-after', async () => {
    const { result } = await run({ kind: 'rate_limit', retryAfterSeconds: 7 });
    assert.equal(result.error?.kind, 'rate_limit');
    assert.equal(result.error?.title, 'Rate limited');
    assert.equal(result.error?.retryAfterSeconds, 7);
    assert.equal(result.error?.action, 'Retry in 7 seconds.');
  });

  it('429 rate limit: retry-after-ms wins over retry-after', async () => {
    const { result } = await run({ kind: 'rate_limit', retryAfterSeconds: 30, retryAfterMs: 1500 });
    assert.equal(result.error?.retryAfterSeconds, 1.5);
    assert.equal(result.error?.action, 'Retry in 2 seconds.');
  });

  it('429 insufficient_quota: a billing problem, not a rate limit', async () => {
    const { result } = await run('insufficient_quota');
    assert.equal(result.error?.kind, 'insufficient_quota');
    assert.match(result.error?.title ?? '', /billing/);
    assert.match(result.error?.action ?? '', /billing.*Waiting will not help/);
    assert.equal(result.error?.retryAfterSeconds, undefined);
  });

  it('500: a server error with a retry hint', async () => {
    const { result } = await run('server_error');
    assert.equal(result.error?.kind, 'server');
    assert.equal(result.error?.title, 'The server had an error (500)');
    assert.match(result.error?.action ?? '', /Retry/);
  });

  it('503 after the SDK retried once (retries on: the server records both attempts)', async () => {
    server.queueFault({ kind: 'server_error', status: 503 });
    const { result } = await run({ kind: 'server_error', status: 503 }, 'hi', { maxRetries: 1 });
    assert.equal(result.error?.title, 'The server had an error (503)');
    assert.equal(server.responseRequests.length, 2);
  });

  it('connection reset mid-stream: stream_broken, partial text kept', async () => {
    const { result } = await run({ kind: 'reset', afterDeltas: 3 });
    assert.equal(result.status, 'error');
    assert.equal(result.error?.kind, 'stream_broken');
    assert.equal(result.error?.title, 'The answer broke off');
    assert.match(result.error?.detail ?? '', new RegExp(`${host}.*The text received so far is kept`));
    assert.equal(result.text, 'Answer to “Explain closures”: this reply ');
    assert.match(result.responseId ?? '', /^resp_/);
  });

  it('a body that ends without a terminal event is a broken stream too', async () => {
    const { result } = await run({ kind: 'close_early', afterDeltas: 2 });
    assert.equal(result.error?.kind, 'stream_broken');
    assert.equal(result.text, 'Answer to “Explain closures”: ');
  });

  it('stall before headers: the SDK timeout fires; check the base URL or proxy', async () => {
    const { result } = await run('stall', 'hi', { timeoutMs: 800 });
    assert.equal(result.error?.kind, 'timeout');
    assert.equal(result.error?.title, 'The server did not answer in time');
    assert.match(result.error?.detail ?? '', new RegExp(host));
    assert.match(result.error?.action ?? '', /threadline\.baseUrl.*proxy.*threadline\.requestTimeoutSeconds/);
  });

  it('stall mid-stream: the idle watchdog ends it, partial text kept', async () => {
    const { result } = await run({ kind: 'stall_mid_stream', afterDeltas: 2 }, 'Explain closures', { timeoutMs: 800 });
    assert.equal(result.error?.kind, 'timeout');
    assert.equal(result.error?.title, 'The answer stalled');
    assert.match(result.error?.detail ?? '', /The text received so far is kept/);
    assert.equal(result.text, 'Answer to “Explain closures”: ');
  });

  it('malformed SSE: says the server does not speak the Responses stream format', async () => {
    const { result } = await run({ kind: 'malformed', afterDeltas: 1 });
    assert.equal(result.error?.kind, 'malformed_stream');
    assert.match(result.error?.detail ?? '', /not the Responses streaming format \(an event whose data is not valid JSON\)/);
    assert.match(result.error?.action ?? '', /\/v1\/responses/);
    assert.equal(result.text, 'Answer to ');
  });

  it('response.failed: shows the server’s message', async () => {
    const { result } = await run({ kind: 'failed', message: 'The model ran out of memory.', code: 'server_error' });
    assert.equal(result.status, 'failed');
    assert.equal(result.error?.kind, 'response_failed');
    assert.equal(result.error?.detail, 'The model ran out of memory. (server_error)');
  });

  it('response.incomplete (max_output_tokens): says why and to raise the limit; partial text kept', async () => {
    const { result } = await run({ kind: 'incomplete', afterDeltas: 4 });
    assert.equal(result.status, 'incomplete');
    assert.equal(result.incompleteReason, 'max_output_tokens');
    assert.equal(result.error?.kind, 'incomplete');
    assert.match(result.error?.detail ?? '', /max_output_tokens/);
    assert.match(result.error?.action ?? '', /Raise max_output_tokens/);
    assert.equal(result.text, 'Answer to “Explain closures”: this reply comes from ');
    assert.ok(result.usage, 'usage is reported for an incomplete response');
  });

  it('an error SSE event mid-stream: shows the message, partial text kept', async () => {
    const { result } = await run({ kind: 'error_event', afterDeltas: 2, message: 'Overloaded, try later.', code: 'server_is_overloaded' });
    assert.equal(result.status, 'error');
    assert.equal(result.error?.kind, 'stream_error');
    assert.equal(result.error?.detail, 'Overloaded, try later. (server_is_overloaded)');
    assert.equal(result.text, 'Answer to “Explain closures”: ');
  });

  it('context_length_exceeded, as a 400 and as an error event inside a 200 stream, is one named error with its actions', async () => {
    const provider = new ResponsesProvider(settingsFor(baseURL), new RecordingLogger());
    server.contextWindows.set('gpt-test', 5);
    try {
      const rejected = await provider.stream(requestFor('a message longer than five tokens, surely'), new DeltaRecorder());
      server.contextOverflowInStream = true;
      const inStream = await provider.stream(requestFor('a message longer than five tokens, surely'), new DeltaRecorder());
      assert.equal(server.responseRequests.at(-1)?.status, 200, 'the second came as a stream that failed');
      for (const result of [rejected, inStream]) {
        assert.equal(result.status, 'error');
        assert.equal(result.error?.kind, 'context_length_exceeded');
        assert.deepEqual(result.error?.actions, ['compactAndRetry', 'newConversation']);
        assert.match(result.error?.detail ?? '', /exceeds the context window/);
      }
    } finally {
      server.contextWindows.clear();
      server.contextOverflowInStream = false;
    }
  });

  it('previous_response_not_found: recognised by kind', async () => {
    const provider = new ResponsesProvider(settingsFor(baseURL), new RecordingLogger());
    const result = await provider.stream(requestFor('hi', { previousResponseId: 'resp_unknown' }), new DeltaRecorder());
    assert.equal(result.error?.kind, 'previous_response_not_found');
    const { result: queued } = await run('previous_not_found');
    assert.equal(queued.error?.kind, 'previous_response_not_found');
  });

  it('a slow stream still completes, delta by delta', async () => {
    const { result } = await run(undefined, 'Slowly please [[slow:20]]');
    assert.equal(result.status, 'completed');
    assert.equal(result.text, 'Answer to “Slowly please”: this reply comes from the fake Responses server, streamed in several parts.');
  });

  it('fault markers in the user text select the fault', async () => {
    const { result } = await run(undefined, 'Why? [[fault:insufficient_quota]]');
    assert.equal(result.error?.kind, 'insufficient_quota');
    assert.equal(server.responseRequests[0].fault, 'insufficient_quota');
  });

  it('connection refused: names the host and points at threadline.baseUrl', async () => {
    const closedPort = await freePort();
    const { result } = await run(undefined, 'hi', { baseURL: `http://127.0.0.1:${closedPort}/v1` });
    assert.equal(result.error?.kind, 'connection');
    assert.equal(result.error?.title, 'Connection refused');
    assert.equal(result.error?.detail, `Nothing is listening at 127.0.0.1:${closedPort}.`);
    assert.match(result.error?.action ?? '', /threadline\.baseUrl.*proxy/);
  });

  it('DNS failure: names the host that did not resolve', async () => {
    const { result } = await run(undefined, 'hi', { baseURL: 'http://no-such-host.invalid/v1' });
    assert.equal(result.error?.kind, 'dns');
    assert.equal(result.error?.detail, 'The host name no-such-host.invalid could not be resolved.');
    assert.match(result.error?.action ?? '', /threadline\.baseUrl/);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
