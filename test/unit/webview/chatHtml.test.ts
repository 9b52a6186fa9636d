import * as assert from 'node:assert/strict';
import { buildChatHtml, chatContentSecurityPolicy, createNonce } from '../../../src/core/chatHtml';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: createNonce(),
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/webview.css',
  codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
};

describe('buildChatHtml', () => {
  it('sets a policy that allows only the nonce script and the webview origin', () => {
    const csp = chatContentSecurityPolicy(options.cspSource, options.nonce);
    assert.deepEqual(csp.split('; '), [
      "default-src 'none'",
      `script-src 'nonce-${options.nonce}'`,
      `style-src ${options.cspSource}`,
      `font-src ${options.cspSource}`,
      `img-src ${options.cspSource}`,
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    assert.ok(!/unsafe-(inline|eval)/.test(csp));
    const html = buildChatHtml(options);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp.replace(/'/g, "'")}">`));
  });

  it('loads one script, with the nonce, and no inline script or style', () => {
    const html = buildChatHtml(options);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [`<script nonce="${options.nonce}" src="${options.scriptUri}">`]);
    assert.ok(!/<script[^>]*>[^<]+<\/script>/.test(html), 'inline script');
    assert.ok(!/<style|style="/.test(html), 'inline style');
    assert.ok(html.includes(`<link rel="stylesheet" href="${options.styleUri}">`));
    assert.ok(html.includes(`<link rel="stylesheet" href="${options.codiconsUri}">`));
  });

  it('escapes attribute values and refuses a nonce that could break the policy', () => {
    const html = buildChatHtml({ ...options, styleUri: 'https://x/a"><script>alert(1)</script>' });
    assert.ok(html.includes('href="https://x/a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
    assert.throws(() => buildChatHtml({ ...options, nonce: "abc' 'unsafe-inline" }), /nonce/);
    assert.throws(() => buildChatHtml({ ...options, nonce: 'short' }), /nonce/);
  });

  it('creates a fresh 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => createNonce()));
    assert.equal(nonces.size, 100);
    for (const nonce of nonces) assert.match(nonce, /^[0-9a-f]{32}$/);
  });
});
