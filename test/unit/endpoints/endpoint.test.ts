import * as assert from 'node:assert/strict';
import { checkBaseUrl, displayBaseUrl } from '../../../src/core/endpoints/endpoint';

describe('base URL checks', () => {
  it('accepts OpenAI, Azure v1 and local servers, flagging loopback ones', () => {
    const openai = checkBaseUrl('https://api.openai.com/v1/');
    assert.deepEqual(openai, { ok: true, baseURL: 'https://api.openai.com/v1', isLoopback: false, host: 'api.openai.com' });
    const azure = checkBaseUrl('https://res.openai.azure.com/openai/v1/');
    assert.equal(azure.ok && azure.baseURL, 'https://res.openai.azure.com/openai/v1');
    const local = checkBaseUrl('http://localhost:1234/v1');
    assert.equal(local.ok && local.isLoopback, true);
  });

  it('refuses what is not an http(s) URL, naming the setting', () => {
    for (const raw of ['', 'api.openai.com/v1', 'ftp://example.com/v1', 'file:///etc/passwd']) {
      const result = checkBaseUrl(raw);
      assert.equal(result.ok, false, raw);
      if (!result.ok) assert.match(result.error.detail, /threadline\.baseUrl/);
    }
  });

  it('never echoes the raw setting, which may hold a pasted key', () => {
    const pasted = 'sk-proj-abcdefghijklmnopqrstuvwxyz0123456789';
    for (const raw of [pasted, `https://user:${pasted}@api.openai.com/v1`, `https://x.openai.azure.com/openai/v1?api-key=${pasted}`]) {
      const result = checkBaseUrl(raw);
      assert.equal(result.ok, false, raw);
      assert.ok(!JSON.stringify(result).includes(pasted), `the key leaked for ${raw}`);
    }
  });

  it('shows only scheme, host and path', () => {
    assert.equal(displayBaseUrl('https://a:b@host.example:8443/openai/v1/?api-key=secret'), 'https://host.example:8443/openai/v1');
    assert.equal(displayBaseUrl('sk-not-a-url'), '(not a valid URL)');
  });
});
