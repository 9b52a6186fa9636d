// The browser side: the workbench URL (with the `payload` that loads a development extension and its tests)
// and a headless Debian chromium driven by playwright-core.
import { createWriteStream } from 'node:fs';
import { URLSearchParams } from 'node:url';
import { chromiumPath } from './paths.mjs';

/** Flags this machine kind needs: no sandbox as root, no GPU, and no background traffic to hosts we cannot reach. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** A path on the server as the workbench addresses it: vscode-remote://host:port/abs/path. */
export function remoteUri(origin, absolutePath) {
  const { host } = new URL(origin);
  return `vscode-remote://${host}${absolutePath.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * The workbench URL. `payload` is VS Code's own way to pass window configuration through the URL;
 * extensionDevelopmentPath loads an unpacked extension, extensionTestsPath runs a test entry's run().
 */
export function workbenchUrl(origin, { folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const params = new URLSearchParams();
  if (folder) params.set('folder', folder);
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remoteUri(origin, extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(origin, extensionTestsPath)]);
  if (payload.length > 0) params.set('payload', JSON.stringify(payload));
  return `${origin}/?${params.toString()}`;
}

export async function launchChromium({ headless = true } = {}) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath(), headless, args: CHROMIUM_ARGS });
}

/** Mirrors a page's console and errors into a log file: the extension host's output and errors show up there. */
export function captureConsole(page, logFile, onLine) {
  const log = createWriteStream(logFile, { flags: 'a' });
  const write = (line) => {
    log.write(`${line}\n`);
    onLine?.(line);
  };
  page.on('console', (message) => write(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => write(`[pageerror] ${error.stack ?? error.message}`));
  page.on('crash', () => write('[crash] the page crashed'));
  return () => new Promise((resolve) => log.end(resolve));
}
