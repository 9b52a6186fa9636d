// Runs the integration entry inside the real extension host of code-server, driven by headless chromium,
// and carries the outcome out through the results file (the host itself exits 0 whatever happens).
import { join } from 'node:path';
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { startCodeServer, installExtension } from './codeServer.mjs';
import { launchChromium, captureConsole, workbenchUrl } from './workbench.mjs';
import { resultsDir } from './paths.mjs';

// The server logs this when an extension host process ends; after it, a results file can no longer appear.
const HOST_EXITED = /Extension Host Process exited|ExtensionHostConnection.*exited|extension host.*exited with code/i;
const GRACE_AFTER_HOST_EXIT_MS = 5_000;

/**
 * @param {object} options
 * @param {string} options.root project root
 * @param {string} options.label names the test-results/<label>/ folder with logs and results
 * @param {string} options.stateDir code-server profile (user-data, extensions); reuse it across phases to keep state
 * @param {string} options.workspace folder opened in the window
 * @param {string} options.extensionTestsPath compiled entry exporting run()
 * @param {string} [options.extensionDevelopmentPath] unpacked extension to load; omit to test an installed .vsix
 * @param {string} [options.vsix] installed into the profile's extensions dir before start
 * @param {Record<string, string>} [options.env] extra environment for the extension host
 * @param {number} [options.timeoutMs]
 * @param {(line: string) => void} [options.log]
 * @returns {Promise<{ ok: boolean, reason?: string, results?: object, logDir: string }>}
 */
export async function runHostTests({ root, label, stateDir, workspace, extensionTestsPath, extensionDevelopmentPath, vsix, env = {}, timeoutMs = 10 * 60_000, log = () => {} }) {
  const logDir = resultsDir(root, label);
  const resultsFile = join(logDir, 'results.json');
  rmSync(resultsFile, { force: true });
  mkdirSync(stateDir, { recursive: true });
  if (vsix) {
    log(`installing ${vsix} into ${join(stateDir, 'extensions')}`);
    await installExtension({ root, stateDir, vsix });
  }

  let hostExitedAt;
  const server = await startCodeServer({
    root,
    stateDir,
    folder: workspace,
    env: { ...env, THREADLINE_TEST_RESULTS: resultsFile },
    logFile: join(logDir, 'server.log'),
    onLine: (line) => {
      if (HOST_EXITED.test(line)) hostExitedAt ??= Date.now();
    },
  });
  let browser;
  let closeConsole = async () => {};
  let pageCrashed = false;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('crash', () => (pageCrashed = true));
    closeConsole = captureConsole(page, join(logDir, 'browser-console.log'));
    const url = workbenchUrl(server.origin, { folder: workspace, extensionDevelopmentPath, extensionTestsPath });
    log(`${label}: ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded' });

    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (existsSync(resultsFile)) break;
      if (hostExitedAt && Date.now() - hostExitedAt > GRACE_AFTER_HOST_EXIT_MS) {
        return { ok: false, reason: `the extension host exited without writing ${resultsFile} (run() threw or the host crashed); see ${logDir}`, logDir };
      }
      if (pageCrashed) return { ok: false, reason: `the workbench page crashed; see ${logDir}`, logDir };
      if (Date.now() > deadline) return { ok: false, reason: `timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${resultsFile}; see ${logDir}`, logDir };
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await page.screenshot({ path: join(logDir, 'workbench.png') }).catch(() => {});
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    const ok = results.failed === 0 && !results.fatal && results.passed > 0;
    const reason = results.fatal
      ? `the test run crashed: ${results.fatal.split('\n')[0]}`
      : results.failed > 0
        ? `${results.failed} test(s) failed`
        : results.passed === 0
          ? 'no test passed (nothing ran?)'
          : undefined;
    return { ok, reason, results, logDir };
  } finally {
    await closeConsole();
    await browser?.close().catch(() => {});
    await server.stop();
  }
}

/** Prints one line per test, mocha-style, with the error under each failure. */
export function formatResults(results) {
  const lines = [];
  for (const test of results.tests ?? []) {
    const mark = test.state === 'passed' ? '✔' : test.state === 'failed' ? '✘' : '-';
    const time = test.durationMs !== undefined ? ` (${test.durationMs}ms)` : '';
    lines.push(`  ${mark} ${test.fullTitle}${time}`);
    if (test.error) lines.push(...`${test.error.stack ?? test.error.message}`.split('\n').slice(0, 8).map((l) => `      ${l}`));
  }
  if (results.fatal) lines.push(`  fatal: ${results.fatal}`);
  return lines.join('\n');
}
