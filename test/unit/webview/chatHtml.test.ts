import * as assert from 'node:assert/strict';
import { buildChatHtml, createNonce } from '../../../src/core/chatHtml';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: createNonce(),
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/webview.css',
  codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
};

describe('buildChatHtml', () => {
  /** The policy the page actually carries, read from its meta tag, as directive → sources. */
  function pagePolicy(html: string): Map<string, string[]> {
    const metas = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g) ?? [];
    assert.equal(metas.length, 1, 'exactly one CSP meta tag');
    const content = /content="([^"]*)"/.exec(metas[0])?.[1] ?? '';
    const policy = new Map<string, string[]>();
    for (const directive of content.split(';').map((part) => part.trim()).filter(Boolean)) {
      const [name, ...sources] = directive.split(/\s+/);
      assert.ok(!policy.has(name), `directive ${name} appears once`);
      policy.set(name, sources);
    }
    return policy;
  }

  it('carries a policy that denies by default and allows only the nonce script and the webview origin', () => {
    const policy = pagePolicy(buildChatHtml(options));
    assert.deepEqual(policy.get('default-src'), ["'none'"]);
    assert.deepEqual(policy.get('script-src'), [`'nonce-${options.nonce}'`], 'scripts only by nonce');
    for (const directive of ['style-src', 'font-src', 'img-src']) {
      assert.deepEqual(policy.get(directive), [options.cspSource], `${directive} only from the webview origin`);
    }
    assert.deepEqual(policy.get('base-uri'), ["'none'"]);
    assert.deepEqual(policy.get('form-action'), ["'none'"]);
    for (const [name, sources] of policy) {
      for (const source of sources) {
        assert.ok(!/unsafe-|^\*$|^(https?|data|blob):$/.test(source), `${name} allows ${source}`);
      }
    }
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

describe('buildChatHtml with stored images', () => {
  const base = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: createNonce(),
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/webview.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/webview.css',
    codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
  };
  const imgSrc = (html: string): string => /img-src ([^;"]+)/.exec(html)?.[1] ?? '';

  it('allows images from the image folder only, not from the extension or anywhere remote', () => {
    const imagesSource = 'https://file+.vscode-resource.vscode-cdn.net/home/dev/.storage/workspaces/abc/images/';
    // A `+` is not allowed in a CSP host (the browser would ignore the source and allow no image at all).
    assert.equal(imgSrc(buildChatHtml({ ...base, imagesSource })), 'https://*.vscode-resource.vscode-cdn.net/home/dev/.storage/workspaces/abc/images/');
  });

  it('writes a remote window’s resource host, whose first label is percent-encoded, as a valid host source', () => {
    const imagesSource = 'https://vscode-remote%2B127-002e0-002e0-002e1-003a44523.vscode-resource.vscode-cdn.net/tmp/s/workspaces/k/images/';
    assert.equal(imgSrc(buildChatHtml({ ...base, imagesSource })), 'https://*.vscode-resource.vscode-cdn.net/tmp/s/workspaces/k/images/');
  });

  it('keeps a plain host and its port as they are', () => {
    const imagesSource = 'http://127.0.0.1:8123/images/';
    assert.equal(imgSrc(buildChatHtml({ ...base, imagesSource })), imagesSource);
  });

  it('falls back to the webview origin when the folder’s address cannot be written into a policy', () => {
    assert.equal(imgSrc(buildChatHtml({ ...base, imagesSource: 'https://x/a b;script-src */' })), base.cspSource);
  });
});
