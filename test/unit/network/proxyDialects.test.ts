import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readExtraCertificates } from '../../../src/core/network/caCertificates';
import { createHttpTransport } from '../../../src/core/network/httpTransport';
import { TransportPool } from '../../../src/core/network/transportPool';
import { ChatCompletionsProvider } from '../../../src/core/provider/chat/chatCompletionsProvider';
import { AutoDialectProvider, type DialectMemory } from '../../../src/core/provider/dialect';
import type { Dialect, ModelProvider, ProviderSettings } from '../../../src/core/provider/types';
import { ConnectProxy } from '../../fake-server/connectProxy';
import { FakeResponsesServer } from '../../fake-server/fakeResponsesServer';
import { DeltaRecorder, RecordingLogger, requestFor, settingsFor } from '../provider/support';

/**
 * Chat Completions and the dialect auto-detect (whose route probe wraps the SDK's fetch) must still go through the
 * transport, or a request behind a corporate proxy would go direct and fail.
 * The fake server speaks TLS with a test CA only the transport trusts, so a request that skipped it cannot pass.
 */
const TLS_DIR = join(process.cwd(), 'test', 'fixtures', 'tls');

describe('Chat Completions and auto-detect through a proxy', () => {
  const server = new FakeResponsesServer();
  const proxy = new ConnectProxy();
  const pools: TransportPool[] = [];
  let baseURL = '';

  before(async () => {
    baseURL = await server.start(0, { key: readFileSync(join(TLS_DIR, 'server.key'), 'utf8'), cert: readFileSync(join(TLS_DIR, 'server.pem'), 'utf8') });
    await proxy.start();
  });
  after(async () => {
    await proxy.stop();
    await server.stop();
  });
  afterEach(async () => {
    server.restoreDefaults();
    server.clearRequests();
    proxy.connects.length = 0;
    await Promise.all(pools.splice(0).map((pool) => pool.close()));
  });

  function proxiedSettings(): ProviderSettings {
    const { pems } = readExtraCertificates([{ path: join(TLS_DIR, 'ca.pem'), source: 'threadline.caCertificates' }]);
    const pool = new TransportPool({ proxy: { proxy: proxy.url, noProxy: [] }, strictSSL: true, extraCa: pems }, {}, createHttpTransport);
    pools.push(pool);
    return settingsFor(baseURL, { transport: pool.routeFor(baseURL).transport });
  }

  async function turn(provider: ModelProvider) {
    return provider.stream(requestFor('Where am I?'), new DeltaRecorder());
  }

  it('a Chat Completions turn goes through the proxy and is read to its [DONE]', async () => {
    const result = await turn(new ChatCompletionsProvider(proxiedSettings(), new RecordingLogger()));
    assert.equal(result.status, 'completed', result.error?.detail);
    assert.match(result.text, /Where am I\?/);
    assert.equal(server.chatRequests.length, 1);
    assert.deepEqual(proxy.connects.map((c) => c.target), [new URL(baseURL).host]);
  });

  it('the auto-detect probe and the Chat Completions request after it both go through the proxy', async () => {
    server.responsesRoute = '404-text';
    const saved = new Map<string, Dialect>();
    const memory: DialectMemory = { get: (k) => saved.get(k), set: (k, d) => void saved.set(k, d) };
    const result = await turn(new AutoDialectProvider(proxiedSettings(), new RecordingLogger(), { memory }));
    assert.equal(result.status, 'completed', result.error?.detail);
    assert.deepEqual([...saved.values()], ['chat']);
    assert.deepEqual(server.requests.map((r) => `${r.path} ${r.status}`), ['/v1/responses 404', '/v1/chat/completions 200']);
    assert.ok(proxy.connects.length >= 1, 'the tunnel was opened');
  });
});
