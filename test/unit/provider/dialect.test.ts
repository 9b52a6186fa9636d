import * as assert from 'node:assert/strict';
import { AutoDialectProvider, type DialectMemory, type DialectSwitch, providerFor } from '../../../src/core/provider/dialect';
import { classifyReply, namesModel } from '../../../src/core/provider/dialectProbe';
import { endpointKey } from '../../../src/core/endpoints/endpointKey';
import type { Dialect } from '../../../src/core/provider/types';
import { FakeResponsesServer, type ResponsesRoute } from '../../fake-server/fakeResponsesServer';
import { DeltaRecorder, RecordingLogger, requestFor, settingsFor } from './support';

/** A DialectMemory in a Map, as the host's globalState-backed one behaves within a session. */
class MapMemory implements DialectMemory {
  readonly saved = new Map<string, Dialect>();
  get(key: string): Dialect | undefined {
    return this.saved.get(key);
  }
  set(key: string, dialect: Dialect): void {
    this.saved.set(key, dialect);
  }
}

describe('dialect auto-detect', () => {
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

  function auto(memory = new MapMemory(), switches: DialectSwitch[] = [], maxRetries = 0, url = baseURL) {
    return new AutoDialectProvider(settingsFor(url, { maxRetries }), new RecordingLogger(), { memory, onSwitched: (s) => switches.push(s) });
  }

  const paths = () => server.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

  const missing: Array<[ResponsesRoute, RegExp]> = [
    ['404-text', /answered 404 \(text\/plain\)/],
    ['404-html', /answered 404 \(text\/html\)/],
    ['404-json', /answered 404 \(application\/json\)/],
    ['405', /answered 405/],
    ['501', /answered 501/],
    ['200-json', /answered 200 with application\/json, not an event stream/],
  ];
  for (const [route, reason] of missing) {
    it(`a server whose /responses ${route === '200-json' ? 'answers 200 without an event stream' : `answers ${route}`} is switched to Chat Completions, remembered and told once`, async () => {
      server.responsesRoute = route;
      const memory = new MapMemory();
      const switches: DialectSwitch[] = [];
      // Retries on: a 501 must still be asked once, not retried as a passing fault.
      const provider = auto(memory, switches, 2);
      assert.equal(provider.dialect, 'responses');
      const recorder = new DeltaRecorder();
      const result = await provider.stream(requestFor('Explain closures'), recorder);
      assert.equal(result.status, 'completed', JSON.stringify(result.error));
      assert.match(result.text, /^Answer to “Explain closures”/);
      assert.equal(recorder.joined('text'), result.text, 'nothing from the failed probe reached the listener');
      assert.deepEqual(paths(), [`POST /v1/responses ${route.slice(0, 3)}`, 'POST /v1/chat/completions 200']);
      assert.deepEqual([...memory.saved], [[endpointKey(baseURL), 'chat']]);
      assert.equal(switches.length, 1);
      assert.match(switches[0].reason, reason);
      assert.equal(provider.dialect, 'chat');
      assert.equal(provider.keepsState, false);
      assert.equal(provider.compact, undefined);
      assert.equal(provider.deleteResponse, undefined);

      server.clearRequests();
      await provider.stream(requestFor('again'), new DeltaRecorder());
      assert.deepEqual(paths(), ['POST /v1/chat/completions 200'], 'later turns go straight to Chat Completions');
      assert.equal(switches.length, 1, 'told once');
    });
  }

  it('a server with the Responses API stays on it: no switch, and later turns are not probed again', async () => {
    const memory = new MapMemory();
    const switches: DialectSwitch[] = [];
    const provider = auto(memory, switches);
    const result = await provider.stream(requestFor('hi'), new DeltaRecorder());
    assert.equal(result.status, 'completed');
    assert.match(result.responseId ?? '', /^resp_/);
    await provider.stream(requestFor('again'), new DeltaRecorder());
    assert.deepEqual(paths(), ['POST /v1/responses 200', 'POST /v1/responses 200']);
    assert.equal(memory.saved.size, 0);
    assert.equal(switches.length, 0);
    assert.equal(provider.keepsState, true);
    assert.equal(typeof provider.compact, 'function');
  });

  it('a 404 for an unknown model from a real /responses is that error, never a switch', async () => {
    const memory = new MapMemory();
    server.queueFault('model_not_found');
    const result = await auto(memory).stream(requestFor('hi'), new DeltaRecorder());
    assert.equal(result.error?.kind, 'model_not_found');
    assert.deepEqual(paths(), ['POST /v1/responses 404']);
    assert.equal(memory.saved.size, 0);
  });

  it('a rejected key, a rate limit or a server error on /responses say nothing about the route', async () => {
    for (const fault of ['auth', 'rate_limit', 'server_error'] as const) {
      server.clearRequests();
      server.queueFault(fault);
      const memory = new MapMemory();
      const result = await auto(memory).stream(requestFor('hi'), new DeltaRecorder());
      assert.equal(result.status, 'error');
      assert.deepEqual(paths().map((p) => p.split(' ')[1]), ['/v1/responses'], fault);
      assert.equal(memory.saved.size, 0, fault);
    }
  });

  it('an address with neither API is a wrong base URL: said as such, and nothing is remembered', async () => {
    const memory = new MapMemory();
    const result = await auto(memory, [], 0, baseURL.replace(/\/v1$/, '/nothing')).stream(requestFor('hi'), new DeltaRecorder());
    assert.equal(result.error?.kind, 'not_found');
    assert.equal(result.error?.title, 'No OpenAI-compatible API at this address');
    assert.match(result.error?.detail ?? '', /neither \/v1\/responses \(it answered 404 \(application\/json\)\) nor \/v1\/chat\/completions/);
    assert.equal(memory.saved.size, 0);
  });

  it('a remembered switch holds for a new provider on the same endpoint (after a reload): no probe, no second notice', async () => {
    const memory = new MapMemory();
    memory.set(endpointKey(`${baseURL}/`), 'chat');
    const switches: DialectSwitch[] = [];
    const result = await auto(memory, switches).stream(requestFor('hi'), new DeltaRecorder());
    assert.equal(result.status, 'completed');
    assert.deepEqual(paths(), ['POST /v1/chat/completions 200']);
    assert.equal(switches.length, 0);
  });

  it('providerFor builds the dialect a profile names', () => {
    const options = { memory: new MapMemory() };
    const logger = new RecordingLogger();
    assert.equal(providerFor('responses', settingsFor(baseURL), logger, options).dialect, 'responses');
    assert.equal(providerFor('chat', settingsFor(baseURL), logger, options).dialect, 'chat');
    assert.ok(providerFor('auto', settingsFor(baseURL), logger, options) instanceof AutoDialectProvider);
  });

  describe('the route rule, on real servers’ bodies', () => {
    const reply = (status: number, body: string, type = 'application/json') => new Response(body, { status, headers: { 'content-type': type } });
    const cases: Array<[string, Response, 'missing' | 'other' | 'event-stream']> = [
      ['OpenAI, unknown route', reply(404, '{"error":{"message":"Invalid URL (POST /v1/responses)","type":"invalid_request_error","param":null,"code":null}}'), 'missing'],
      ['OpenAI, unknown model', reply(404, '{"error":{"message":"The model `gpt-9` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}'), 'other'],
      ['vLLM, unknown model (flat error)', reply(404, '{"object":"error","message":"The model `llama` does not exist.","type":"NotFoundError","param":null,"code":404}'), 'other'],
      ['vLLM, unknown model (error object)', reply(404, '{"error":{"message":"The model `llama` does not exist.","type":"NotFoundError","param":null,"code":404}}'), 'other'],
      ['Ollama, model not pulled', reply(404, '{"error":{"message":"model \\"llama3\\" not found, try pulling it first","type":"api_error","param":null,"code":null}}'), 'other'],
      ['Azure, no such deployment', reply(404, '{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist."}}'), 'other'],
      ['FastAPI, unknown route', reply(404, '{"detail":"Not Found"}'), 'missing'],
      ['Go router, unknown route', reply(404, '404 page not found', 'text/plain'), 'missing'],
      ['405', reply(405, 'Method Not Allowed', 'text/plain'), 'missing'],
      ['a stream', reply(200, 'data: {}\n\n', 'text/event-stream'), 'event-stream'],
      ['401', reply(401, '{"error":{"message":"Incorrect API key provided"}}'), 'other'],
    ];
    for (const [name, response, kind] of cases) {
      it(`${name}: ${kind}`, async () => {
        assert.equal((await classifyReply(response)).kind, kind);
      });
    }

    it('an error string naming a model counts as about the model', () => {
      assert.equal(namesModel('{"error":"model \'x\' not found"}'), true);
      assert.equal(namesModel('{"error":"Unexpected endpoint or method. (POST /v1/responses)"}'), false);
      assert.equal(namesModel('<html>model</html>'), false);
    });
  });
});
