import * as assert from 'node:assert/strict';
import { APIConnectionError } from 'openai';
import { markProxiedFailure } from '../../../src/core/network/proxyFailures';
import { describeError } from '../../../src/core/provider/errors';
import { redactSecrets } from '../../../src/core/provider/redact';

const context = { baseURL: 'https://api.example.com/v1', model: 'gpt-x' };

/** What undici's fetch rejects with when the proxy will not open the tunnel, as seen through a real ProxyAgent. */
function tunnelRefused(status: number, proxy?: string): APIConnectionError {
  const refusal = Object.assign(new Error(`Proxy response (${status}) !== 200 when HTTP Tunneling`), { name: 'AbortError', code: 'UND_ERR_ABORTED' });
  const failure = new TypeError('fetch failed', { cause: new Error('Request was cancelled.', { cause: refusal }) });
  if (proxy) markProxiedFailure(failure, proxy);
  return new APIConnectionError({ cause: failure });
}

describe('describeError: proxy failures', () => {
  it('a proxy that cannot reach the server (502) says so and names both', () => {
    const described = describeError(tunnelRefused(502, 'http://proxy.corp:3128'), context);
    assert.equal(described.kind, 'proxy_rejected');
    assert.equal(described.title, 'The proxy cannot reach the server');
    assert.equal(described.detail, 'The proxy http://proxy.corp:3128 answered 502 when asked to connect to api.example.com.');
    assert.match(described.action ?? '', /threadline\.baseUrl/);
  });

  it('a proxy that forbids the host (403) points at its administrator or http.noProxy', () => {
    const described = describeError(tunnelRefused(403, 'http://proxy.corp:3128'), context);
    assert.equal(described.kind, 'proxy_rejected');
    assert.match(described.action ?? '', /administrator.*http\.noProxy/);
  });

  it('without a proxy on the way, a refused connection stays the server’s', () => {
    const cause = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const described = describeError(new APIConnectionError({ cause }), context);
    assert.equal(described.kind, 'connection');
    assert.equal(described.detail, 'Nothing is listening at api.example.com.');
  });

  it('an expired certificate and a certificate for another name get their own advice', () => {
    const expired = Object.assign(new TypeError('fetch failed'), { cause: { code: 'CERT_HAS_EXPIRED' } });
    assert.match(describeError(new APIConnectionError({ cause: expired }), context).action ?? '', /clock/);
    const altName = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ERR_TLS_CERT_ALTNAME_INVALID' } });
    assert.match(describeError(new APIConnectionError({ cause: altName }), context).action ?? '', /threadline\.baseUrl/);
  });

  it('redacts a login inside any URL', () => {
    assert.equal(
      redactSecrets('connect to http://bob:s3cret@proxy.corp:3128 failed; socks5://u@h:1'),
      'connect to http://[redacted]@proxy.corp:3128 failed; socks5://[redacted]@h:1',
    );
  });
});
