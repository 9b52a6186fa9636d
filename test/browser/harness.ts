import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { buildChatHtml, createNonce } from '../../src/core/chatHtml';
import { harnessThemeCss, highContrastThemeCss } from './harnessTheme';

/**
 * A loopback page that hosts the real dist/webview/webview.js and dist/webview/webview.css exactly as the
 * extension does (same HTML builder, same CSP, codicons beside it, and only the folders the extension lists
 * as the view's localResourceRoots are served), with a stand-in `acquireVsCodeApi` that records every
 * posted message in `window.__posted` and keeps `setState` in sessionStorage so reloads behave like a view
 * being hidden and shown again. Used by the browser tests and the chat benchmark.
 */

export interface PageOptions {
  /** Serve the page without its Content-Security-Policy, to prove the sanitiser holds on its own. */
  csp?: boolean;
  theme?: 'dark' | 'high-contrast';
}

export interface Harness {
  origin: string;
  /** Serves `bytes` as `/images/<name>`: the stand-in for the extension's image folder (the CSP's img-src). */
  putImage(name: string, bytes: Buffer): void;
  url(options?: PageOptions): string;
  close(): Promise<void>;
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

const VSCODE_STUB = `(() => {
  const key = 'threadline-harness-state';
  const posted = [];
  let acquired = false;
  window.__posted = posted;
  if (new URLSearchParams(location.search).get('theme') === 'high-contrast') document.body.classList.add('vscode-high-contrast');
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may only be called once');
    acquired = true;
    return Object.freeze({
      postMessage: (message) => { posted.push(structuredClone(message)); },
      getState: () => { const saved = sessionStorage.getItem(key); return saved ? JSON.parse(saved) : undefined; },
      setState: (state) => { sessionStorage.setItem(key, JSON.stringify(state)); return state; },
    });
  };
})();
`;

/** The webview's localResourceRoots in the extension; anything else under dist/ is not served. */
const RESOURCE_ROOTS = ['webview', 'codicons'];

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.map': 'application/json', '.html': 'text/html',
};

export async function startHarness(root = process.cwd()): Promise<Harness> {
  const distDir = resolve(root, 'dist');
  const images = new Map<string, Buffer>();
  let origin = '';
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const send = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (url.pathname === '/') {
      send(200, 'text/html', pageHtml(origin, url.searchParams.get('csp') !== 'off', url.searchParams.get('theme') ?? 'dark'));
    } else if (url.pathname === '/harness/vscode-stub.js') {
      send(200, 'text/javascript', VSCODE_STUB);
    } else if (url.pathname === '/harness/theme.css') {
      send(200, 'text/css', url.searchParams.get('theme') === 'high-contrast' ? highContrastThemeCss : harnessThemeCss);
    } else if (url.pathname.startsWith('/images/')) {
      const image = images.get(url.pathname.slice('/images/'.length));
      if (image) send(200, 'image/png', image);
      else send(404, 'text/plain', 'not found');
    } else if (url.pathname.startsWith('/dist/')) {
      const file = normalize(join(distDir, url.pathname.slice('/dist/'.length)));
      const allowed = RESOURCE_ROOTS.some((folder) => file.startsWith(join(distDir, folder) + sep));
      if (!allowed) return send(403, 'text/plain', 'forbidden');
      readFile(file).then(
        (body) => send(200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', body),
        () => send(404, 'text/plain', 'not found'),
      );
    } else {
      send(404, 'text/plain', 'not found');
    }
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    putImage: (name, bytes) => void images.set(name, bytes),
    url: (options = {}) => {
      const params = new URLSearchParams();
      if (options.csp === false) params.set('csp', 'off');
      if (options.theme) params.set('theme', options.theme);
      const query = params.toString();
      return `${origin}/${query ? `?${query}` : ''}`;
    },
    close: () => new Promise<void>((resolveClose) => {
      server.closeAllConnections();
      server.close(() => resolveClose());
    }),
  };
}

/** The extension's own HTML, plus the stand-in API script (same nonce) and theme variables. */
function pageHtml(origin: string, withCsp: boolean, theme: string): string {
  const nonce = createNonce();
  let html = buildChatHtml({
    cspSource: origin,
    nonce,
    scriptUri: `${origin}/dist/webview/webview.js`,
    styleUri: `${origin}/dist/webview/webview.css`,
    codiconsUri: `${origin}/dist/codicons/codicon.css`,
    imagesSource: `${origin}/images/`,
  });
  html = html.replace('<link rel="stylesheet"', `<link rel="stylesheet" href="/harness/theme.css?theme=${encodeURIComponent(theme)}">\n<link rel="stylesheet"`);
  html = html.replace('<script nonce=', `<script nonce="${nonce}" src="/harness/vscode-stub.js"></script>\n<script nonce=`);
  if (!withCsp) html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, '');
  return html;
}
