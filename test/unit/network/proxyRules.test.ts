import * as assert from 'node:assert/strict';
import { chooseProxy, matchesNoProxy, type ProxyChoice } from '../../../src/core/network/proxyRules';

const none = { proxy: '', noProxy: [] };

function proxyOf(choice: ProxyChoice): string {
  return choice.kind === 'proxy' ? `${choice.source} ${choice.display}` : choice.kind;
}

describe('chooseProxy: http.proxy, http.noProxy and the environment', () => {
  it('goes direct when nothing names a proxy', () => {
    assert.deepEqual(chooseProxy('https://api.openai.com/v1', none, {}), { kind: 'direct', reason: 'unconfigured' });
  });

  it('takes http.proxy over the environment', () => {
    const choice = chooseProxy('https://api.openai.com/v1', { proxy: 'http://settings.corp:8080', noProxy: [] }, { HTTPS_PROXY: 'http://env.corp:3128' });
    assert.equal(proxyOf(choice), 'http.proxy http://settings.corp:8080');
  });

  it('an https URL takes HTTPS_PROXY, then HTTP_PROXY; an http URL only HTTP_PROXY', () => {
    const both = { HTTPS_PROXY: 'http://secure.corp:1', HTTP_PROXY: 'http://plain.corp:2' };
    assert.equal(proxyOf(chooseProxy('https://a.example/v1', none, both)), 'HTTPS_PROXY http://secure.corp:1');
    assert.equal(proxyOf(chooseProxy('https://a.example/v1', none, { http_proxy: 'http://plain.corp:2' })), 'http_proxy http://plain.corp:2');
    assert.equal(proxyOf(chooseProxy('http://a.example/v1', none, both)), 'HTTP_PROXY http://plain.corp:2');
    assert.equal(chooseProxy('http://a.example/v1', none, { HTTPS_PROXY: 'http://secure.corp:1' }).kind, 'direct');
  });

  it('assumes http:// for an environment value without a scheme, and never shows the login', () => {
    const choice = chooseProxy('https://a.example/v1', none, { HTTPS_PROXY: 'bob:s3cret@proxy.corp:3128' });
    assert.equal(choice.kind, 'proxy');
    if (choice.kind !== 'proxy') return;
    assert.equal(choice.display, 'http://proxy.corp:3128');
    assert.equal(choice.url.username, 'bob', 'the agent still gets the login');
    assert.equal(choice.url.password, 's3cret');
  });

  it('reports a proxy it cannot use, without its login', () => {
    const choice = chooseProxy('https://a.example/v1', { proxy: 'ftp://bob:s3cret@proxy.corp:2121', noProxy: [] }, {});
    assert.equal(choice.kind, 'invalid');
    if (choice.kind !== 'invalid') return;
    assert.equal(choice.display, 'ftp://proxy.corp:2121');
    assert.match(choice.problem, /ftp proxies are not supported/);
  });

  it('http.noProxy wins over NO_PROXY; NO_PROXY applies when the setting is empty', () => {
    const env = { HTTPS_PROXY: 'http://env.corp:3128', NO_PROXY: 'internal.example' };
    assert.equal(chooseProxy('https://internal.example/v1', none, env).kind, 'direct');
    const settings = { proxy: '', noProxy: ['other.example'] };
    assert.equal(chooseProxy('https://internal.example/v1', settings, env).kind, 'proxy');
    assert.deepEqual(chooseProxy('https://other.example/v1', settings, env), { kind: 'direct', reason: 'noProxy' });
    assert.equal(chooseProxy('https://internal.example/v1', none, { HTTPS_PROXY: 'http://p:1', no_proxy: 'x.example, internal.example' }).kind, 'direct');
  });
});

describe('matchesNoProxy: curl rules', () => {
  const matches = (url: string, ...entries: string[]) => matchesNoProxy(new URL(url), entries);

  it('a name matches itself and its subdomains, with or without a leading dot or *.', () => {
    for (const entry of ['example.com', '.example.com', '*.example.com', 'EXAMPLE.com']) {
      assert.ok(matches('https://example.com/v1', entry), entry);
      assert.ok(matches('https://api.example.com/v1', entry), entry);
      assert.ok(!matches('https://badexample.com/v1', entry), entry);
    }
  });

  it('* matches everything; empty entries match nothing', () => {
    assert.ok(matches('https://anything.example/v1', '*'));
    assert.ok(!matches('https://anything.example/v1', '', ' '));
  });

  it('host:port matches that port only, counting the scheme default', () => {
    assert.ok(matches('https://api.example.com/v1', 'example.com:443'));
    assert.ok(!matches('https://api.example.com:8443/v1', 'example.com:443'));
    assert.ok(matches('http://localhost:1234/v1', 'localhost:1234'));
  });

  it('IP addresses match exactly, or by CIDR block; IPv6 in brackets', () => {
    assert.ok(matches('http://127.0.0.1:1234/v1', '127.0.0.1'));
    assert.ok(!matches('http://127.0.0.2:1234/v1', '127.0.0.1'));
    assert.ok(matches('http://10.1.2.3/v1', '10.0.0.0/8'));
    assert.ok(!matches('http://11.1.2.3/v1', '10.0.0.0/8'));
    assert.ok(matches('http://[::1]:8080/v1', '::1'));
    assert.ok(matches('http://[::1]:8080/v1', '[::1]:8080'));
    assert.ok(matches('http://[fd00::5]/v1', 'fd00::/8'));
    assert.ok(!matches('http://example.com/v1', '10.0.0.0/8'));
  });
});
