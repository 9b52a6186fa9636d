// Runs test entries inside the real extension host of code-server, driven by headless chromium, and carries the
// outcome out through the results file (the host itself exits 0 whatever happens).
import { join } from 'node:path';
import { existsSync, rmSync, mkdirSync } from 'node:fs';
import { startCodeServer, installExtension } from './codeServer.mjs';
import { launchChromium, captureConsole, workbenchUrl } from './workbench.mjs';
import { resultsDir } from './paths.mjs';
import { addPhaseResults, emptyResults, verdict } from './phaseResults.mjs';

// The server logs this when an extension host process ends; after it, a results file can no longer appear.
const HOST_EXITED = /Extension Host Process exited/i;
const GRACE_AFTER_HOST_EXIT_MS = 5_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One editor session (one server, one browser profile) that runs one or more phases. Each phase opens the
 * workbench with its own test entry; a later phase is a reload of the same window, so it sees what an extension
 * host restart leaves behind: workspace storage (keyed by the window's remote authority, hence one server) and
 * SecretStorage (kept by the browser, hence one browser profile).
 *
 * @param {object} options
 * @param {string} options.root project root
 * @param {string} options.label names test-results/<label>/ (logs, console, results.json, a screenshot)
 * @param {string} options.stateDir code-server profile (user-data, extensions)
 * @param {string} options.workspace folder opened in the window
 * @param {string} [options.extensionTestsPath] compiled entry exporting run(), for a single phase
 * @param {{ name: string, extensionTestsPath: string }[]} [options.phases] several entries, run in order
 * @param {string} [options.extensionDevelopmentPath] unpacked extension to load (the workbench runs tests only with one)
 * @param {string} [options.vsix] installed into the profile's extensions dir before start
 * @param {Record<string, string | undefined>} [options.env] environment for the extension host (undefined removes)
 * @param {number} [options.timeoutMs] per phase
 * @param {(line: string) => void} [options.log]
 * @returns {Promise<{ ok: boolean, reason?: string, results?: object, logDir: string }>} phases merged
 */
export async function runHostTests({ root, label, stateDir, workspace, extensionTestsPath, phases, extensionDevelopmentPath, vsix, env = {}, timeoutMs = 10 * 60_000, log = () => {} }) {
  phases ??= [{ name: label, extensionTestsPath }];
  const logDir = resultsDir(root, label);
  const resultsFile = join(logDir, 'results.json');
  for (const stale of ['results.json', 'server.log', 'browser-console.log']) rmSync(join(logDir, stale), { force: true });
  mkdirSync(stateDir, { recursive: true });
  if (vsix) {
    log(`${label}: installing ${vsix} into ${join(stateDir, 'extensions')}`);
    await installExtension({ root, stateDir, vsix });
  }

  let hostExits = 0;
  const server = await startCodeServer({
    root,
    stateDir,
    folder: workspace,
    env: { ...env, THREADLINE_TEST_RESULTS: resultsFile },
    logFile: join(logDir, 'server.log'),
    onLine: (line) => {
      if (HOST_EXITED.test(line)) hostExits++;
    },
  });
  // The last real error the page or the extension host printed, quoted when a run ends without results.
  let lastError;
  const noteError = (line) => {
    if (/^\[(error|pageerror)\]/.test(line) && /Error/.test(line) && !/open-vsx|ERR_NAME_NOT_RESOLVED|ENOTFOUND/.test(line)) {
      lastError = line.replace(/^\[\w+\]\s*(%c\s*ERR\s*color:\s*#\w+\s*)?/, '').split('\n')[0];
    }
  };
  let browser;
  let closeConsole = async () => {};
  let pageCrashed = false;
  const merged = emptyResults();
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('crash', () => (pageCrashed = true));
    closeConsole = captureConsole(page, join(logDir, 'browser-console.log'), noteError);

    for (const phase of phases) {
      rmSync(resultsFile, { force: true });
      lastError = undefined;
      const exitsBefore = hostExits;
      const url = workbenchUrl(server.origin, { folder: workspace, extensionDevelopmentPath, extensionTestsPath: phase.extensionTestsPath });
      log(`${phase.name}: ${url}`);
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      const failure = await waitForResults({ resultsFile, timeoutMs, hostExited: () => hostExits > exitsBefore, pageCrashed: () => pageCrashed });
      await page.screenshot({ path: join(logDir, `${phase.name}.png`) }).catch(() => {});
      if (failure) {
        const reason = `${phase.name}: ${failure}; see ${logDir}${lastError ? `\n  last error in the browser console: ${lastError}` : ''}`;
        return { ok: false, reason, results: merged.tests.length > 0 ? merged : undefined, logDir };
      }
      addPhaseResults(merged, phase.name, resultsFile);
      if (phases.length > 1) {
        // The next phase must start a new extension host, after this one has shut down (and flushed its state).
        const deadline = Date.now() + 15_000;
        while (hostExits === exitsBefore && Date.now() < deadline) await sleep(100);
      }
    }
    return { ...verdict(merged), results: merged, logDir };
  } finally {
    await closeConsole();
    await browser?.close().catch(() => {});
    await server.stop();
  }
}

/** Resolves undefined once the results file exists, or the reason it never will. */
async function waitForResults({ resultsFile, timeoutMs, hostExited, pageCrashed }) {
  const deadline = Date.now() + timeoutMs;
  let exitedAt;
  for (;;) {
    if (existsSync(resultsFile)) return undefined;
    if (hostExited()) exitedAt ??= Date.now();
    if (exitedAt && Date.now() - exitedAt > GRACE_AFTER_HOST_EXIT_MS) {
      return `the extension host exited without writing ${resultsFile} (run() threw or the host crashed)`;
    }
    if (pageCrashed()) return 'the workbench page crashed';
    if (Date.now() > deadline) return `timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${resultsFile}`;
    await sleep(250);
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
