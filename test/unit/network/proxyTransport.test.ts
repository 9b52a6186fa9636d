import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readExtraCertificates } from '../../../src/core/network/caCertificates';
import { createHttpTransport } from '../../../src/core/network/httpTransport';
import { type NetworkConfig, TransportPool } from '../../../src/core/network/transportPool';
import type { ProxyEnvironment } from '../../../src/core/network/proxyRules';
import { ResponsesProvider } from '../../../src/core/provider/responsesProvider';
import { FakeResponsesServer } from '../../fake-server/fakeResponsesServer';
import { DeltaRecorder, RecordingLogger, requestFor, settingsFor } from '../provider/support';
import { ConnectProxy } from '../../fake-server/connectProxy';
import { closedPort } from './support';

/**
 * A turn through the real SDK, a loopback CONNECT proxy and the fake Responses server speaking TLS with a
 * certificate from a test CA (test/fixtures/tls): the path a request takes behind a corporate proxy.
 */
const TLS_DIR = join(process.cwd(), 'test', 'fixtures', 'tls');
const CA_PATH = join(TLS_DIR, 'ca.pem');

describe('requests through a proxy, with extra CA certificates', () => {
  const server = new FakeResponsesServer();
  const proxy = new ConnectProxy();
  const pools: TransportPool[] = [];
  let baseURL = '';
  let serverHost = '';

  before(async () => {
    baseURL = await server.start(0, { key: readFileSync(join(TLS_DIR, 'server.key'), 'utf8'), cert: readFileSync(join(TLS_DIR, 'server.pem'), 'utf8') });
    serverHost = new URL(baseURL).host;
    await proxy.start();
  });
  after(async () => {
    await proxy.stop();
    await server.stop();
  });
  afterEach(async () => {
    server.clearRequests();
    proxy.connects.length = 0;
    proxy.requireLogin = undefined;
    await Promise.all(pools.splice(0).map((pool) => pool.close()));
  });

  /** The CA files as `threadline.caCertificates` names them, read the way the host reads them. */
  function testCa(): string[] {
    const { pems, problems } = readExtraCertificates([{ path: CA_PATH, source: 'threadline.caCertificates' }]);
    assert.deepEqual(problems, []);
    return pems;
  }

  /** One turn with these settings: `proxy` and `noProxy` as http.proxy and http.noProxy. */
  async function turn(settings: { proxy?: string; noProxy?: string[]; strictSSL?: boolean; extraCa?: string[] }, env: ProxyEnvironment = {}) {
    const config: NetworkConfig = {
      proxy: { proxy: settings.proxy ?? '', noProxy: settings.noProxy ?? [] },
      strictSSL: settings.strictSSL ?? true,
      extraCa: settings.extraCa ?? [],
    };
    const pool = new TransportPool(config, env, createHttpTransport);
    pools.push(pool);
    const route = pool.routeFor(baseURL);
    const logger = new RecordingLogger(true);
    const provider = new ResponsesProvider(settingsFor(baseURL, { transport: route.transport }), logger);
    const result = await provider.stream(requestFor('Where am I?'), new DeltaRecorder());
    return { result, route, logger };
  }

  it('without the test CA: the named TLS error, telling where to add the CA', async () => {
    const { result } = await turn({ proxy: proxy.url });
    assert.equal(result.status, 'error');
    assert.equal(result.error?.kind, 'tls');
    assert.equal(result.error?.title, 'The server’s certificate was not trusted');
    assert.match(result.error?.detail ?? '', new RegExp(`TLS to ${serverHost} through the proxy ${proxy.url} failed`));
    assert.match(result.error?.action ?? '', /threadline\.caCertificates.*NODE_EXTRA_CA_CERTS/);
    assert.deepEqual(proxy.connects.map((c) => c.target), [serverHost], 'the tunnel was opened; the certificate was refused inside it');
    assert.equal(server.responseRequests.length, 0);
  });

  it('with the test CA in threadline.caCertificates: the turn completes through the proxy', async () => {
    const { result, route, logger } = await turn({ proxy: proxy.url, extraCa: testCa() });
    assert.equal(result.status, 'completed', result.error?.detail);
    assert.match(result.text, /^Answer to “Where am I\?”/);
    assert.equal(route.choice.kind, 'proxy');
    assert.deepEqual(proxy.connects, [{ target: serverHost }]);
    assert.equal(server.responseRequests.length, 1);
    assert.match(logger.text, /← completed/);
  });

  it('http.proxyStrictSSL off: a certificate nobody trusts is accepted through the proxy', async () => {
    const { result } = await turn({ proxy: proxy.url, strictSSL: false });
    assert.equal(result.status, 'completed', result.error?.detail);
    assert.deepEqual(proxy.connects.map((c) => c.target), [serverHost]);
  });

  it('a proxy that answers 407: its own message naming the proxy, never the login', async () => {
    proxy.requireLogin = `Basic ${Buffer.from('alice:right-password').toString('base64')}`;
    const proxyUrl = new URL(proxy.url);
    proxyUrl.username = 'alice';
    proxyUrl.password = 'wrong-p@ss';
    const { result, logger } = await turn({ proxy: proxyUrl.href, extraCa: testCa() });
    assert.equal(result.error?.kind, 'proxy_auth');
    assert.equal(result.error?.title, 'The proxy asks for a login');
    assert.match(result.error?.detail ?? '', new RegExp(`The proxy ${proxy.url} refused`));
    assert.match(result.error?.action ?? '', /http\.proxy/);
    const sent = `Basic ${Buffer.from('alice:wrong-p@ss').toString('base64')}`;
    assert.deepEqual(proxy.connects, [{ target: serverHost, proxyAuthorization: sent }], 'the login in the URL is sent, decoded');
    const shown = JSON.stringify(result.error) + logger.text;
    for (const secret of ['alice', 'wrong-p', 'p%40ss', sent.slice(6)]) assert.ok(!shown.includes(secret), `"${secret}" must not be shown or logged`);
  });

  it('the right login in http.proxy gets through a proxy that wants one', async () => {
    proxy.requireLogin = `Basic ${Buffer.from('alice:right-password').toString('base64')}`;
    const proxyUrl = new URL(proxy.url);
    proxyUrl.username = 'alice';
    proxyUrl.password = 'right-password';
    const { result } = await turn({ proxy: proxyUrl.href, extraCa: testCa() });
    assert.equal(result.status, 'completed', result.error?.detail);
    assert.equal(proxy.connects.length, 1);
  });

  it('http.noProxy naming the host: no proxy is used, the extra CA still is', async () => {
    const { result, route } = await turn({ proxy: proxy.url, noProxy: ['localhost', '127.0.0.1'], extraCa: testCa() });
    assert.deepEqual(route.choice, { kind: 'direct', reason: 'noProxy' });
    assert.equal(result.status, 'completed', result.error?.detail);
    assert.deepEqual(proxy.connects, []);
    assert.equal(server.responseRequests.length, 1);
  });

  it('HTTPS_PROXY from the environment is used when http.proxy is empty: a dead one is named as unreachable', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const { result } = await turn({ extraCa: testCa() }, { HTTPS_PROXY: dead });
    assert.equal(result.error?.kind, 'proxy_unreachable');
    assert.equal(result.error?.title, 'Cannot reach the proxy');
    assert.equal(result.error?.detail, `Nothing is listening at the proxy ${dead}.`);
    assert.equal(server.responseRequests.length, 0);
  });

  it('http.proxy wins over HTTPS_PROXY', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const { result } = await turn({ proxy: proxy.url, extraCa: testCa() }, { HTTPS_PROXY: dead, HTTP_PROXY: dead });
    assert.equal(result.status, 'completed', result.error?.detail);
    assert.equal(proxy.connects.length, 1);
  });

  it('a proxy whose host name does not resolve is named, not the server', async () => {
    const { result } = await turn({ proxy: 'http://no-such-proxy.invalid:3128', extraCa: testCa() });
    assert.equal(result.error?.kind, 'proxy_unreachable');
    assert.equal(result.error?.detail, 'The proxy’s host name no-such-proxy.invalid could not be resolved.');
  });
});
