#!/usr/bin/env node
// Integration tests inside a real VS Code extension host.
//
//   node scripts/run-integration.mjs                  build, then the dev, restart and vsix passes (offline code-server)
//   node scripts/run-integration.mjs --pass dev       one pass: dev | restart | vsix (repeatable)
//   node scripts/run-integration.mjs --launcher electron   the same suites through @vscode/test-electron
//                                                     (internet, or THREADLINE_VSCODE_EXECUTABLE=/path/to/code)
//   --files a.js,b.js   compiled test files (relative to out/test/integration) instead of suites/**
//   --tests-path P      another test entry instead of out/test/integration/index.js
//   --extension-path D  the development extension to load (default: this project)
//   --grep TEXT         only matching tests      --label L   test-results/<label>/     --no-build   skip the build
//   --timeout S         per-pass limit in seconds (default 600)
//   --vsix PATH         the vsix pass tests this package instead of running `npm run package`
//
// Exits non-zero when any test fails, when a host writes no results file (run() threw, host crashed) or on timeout.
import { join, resolve, dirname } from 'node:path';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { projectRoot, scratchDir, removeScratchDirs } from './lib/paths.mjs';
import { run } from './lib/processes.mjs';
import { runHostTests, formatResults } from './lib/hostTests.mjs';
import { runElectronTests } from './lib/electron.mjs';
import { countOutcome, summaryLine, formatDuration } from './lib/summary.mjs';

const root = projectRoot(dirname(fileURLToPath(import.meta.url)));
const { values: options } = parseArgs({
  options: {
    launcher: { type: 'string', default: process.env.THREADLINE_LAUNCHER ?? 'code-server' },
    pass: { type: 'string', multiple: true },
    files: { type: 'string' },
    'tests-path': { type: 'string' },
    'extension-path': { type: 'string' },
    grep: { type: 'string' },
    label: { type: 'string' },
    'no-build': { type: 'boolean', default: process.env.THREADLINE_SKIP_BUILD === '1' },
    vsix: { type: 'string' },
    timeout: { type: 'string', default: '600' },
    keep: { type: 'boolean', default: false },
  },
});

const entry = join(root, 'out', 'test', 'integration', 'index.js');
const fixtureWorkspace = join(root, 'test', 'integration', 'fixtures', 'workspace');
const timeoutMs = Number(options.timeout) * 1000;
const say = (line) => console.log(`[integration] ${line}`);

async function step(name, command, args) {
  say(name);
  const { code } = await run(command, args, { cwd: root });
  if (code !== 0) throw new Error(`${name} failed (exit ${code})`);
}

/** One editor session: a fresh (or given) profile, a copy of the fixture workspace, the tests, the verdict. */
async function hostPass({ label, stateDir, workspace, env = {}, files, vsix, extensionDevelopmentPath = root, extensionTestsPath = entry, phases, expectRoot }) {
  stateDir ??= scratchDir(root, label);
  if (!workspace) {
    workspace = join(stateDir, 'workspace');
    cpSync(fixtureWorkspace, workspace, { recursive: true });
  }
  const hostEnv = {
    ...env,
    THREADLINE_EXPECT_EXTENSION_ROOT: expectRoot ?? extensionDevelopmentPath,
    ...(files ? { THREADLINE_TEST_FILES: files } : {}),
    ...(options.grep ? { THREADLINE_TEST_GREP: options.grep } : {}),
    // Only SecretStorage may supply the key in these tests.
    OPENAI_API_KEY: undefined,
  };
  const started = Date.now();
  say(`${label}: starting (${options.launcher})`);
  const launch = options.launcher === 'electron' ? runElectronTests : runHostTests;
  const outcome = await launch({ root, label, stateDir, workspace, extensionTestsPath, phases, extensionDevelopmentPath, vsix, env: hostEnv, timeoutMs, log: say });
  if (outcome.results) console.log(formatResults(outcome.results));
  const counts = countOutcome(outcome);
  say(`${label}: ${outcome.ok ? 'PASS' : `FAIL: ${outcome.reason}`} — ${summaryLine(counts)} in ${formatDuration(Date.now() - started)} (logs: ${outcome.logDir})`);
  return counts;
}

const passes = {
  /** The full suite against the development folder. */
  dev: () => hostPass({ label: 'integration-dev' }),

  /** A turn, then a window reload (a new extension host on the same server and browser), then what survived. */
  restart: () =>
    hostPass({
      label: 'integration-restart',
      phases: [
        { name: 'before-restart', extensionTestsPath: join(root, 'out', 'test', 'integration', 'restart', 'beforeRestart.js') },
        { name: 'after-restart', extensionTestsPath: join(root, 'out', 'test', 'integration', 'restart', 'afterRestart.js') },
      ],
    }),

  /** The packaged .vsix, installed into a fresh extensions folder: catches what .vscodeignore leaves out. */
  vsix: async () => {
    const given = options.vsix ? resolve(options.vsix) : undefined;
    const vsix = given ?? join(root, 'dist-vsix', 'threadline.vsix');
    if (!given) {
      // vsce writes into --out's folder but does not create it (a fresh clone has none).
      mkdirSync(dirname(vsix), { recursive: true });
      rmSync(vsix, { force: true });
      await step('packaging dist-vsix/threadline.vsix', 'npm', ['run', '--silent', 'package']);
    }
    try {
      const stateDir = scratchDir(root, 'integration-vsix');
      // A development folder is what makes the workbench run extensionTestsPath, so a tiny unrelated fixture
      // extension takes that role; Threadline itself comes from the installed .vsix.
      return await hostPass({
        label: 'integration-vsix',
        stateDir,
        vsix,
        extensionDevelopmentPath: join(root, 'test', 'integration', 'fixtures', 'extension'),
        expectRoot: join(stateDir, 'extensions'),
      });
    } finally {
      // Packaging leaves a production build in dist/; later stages and other tools expect the development one.
      if (!given && !options['no-build']) await step('rebuilding the development bundles', process.execPath, ['esbuild.mjs', '--tests']);
    }
  },
};

async function main() {
  const started = Date.now();
  if (!options['no-build']) await step('building extension and test bundles', process.execPath, ['esbuild.mjs', '--tests']);
  const custom = options.files || options['tests-path'] || options['extension-path'];
  const jobs = custom
    ? [() => hostPass({
        label: options.label ?? 'integration-custom',
        files: options.files,
        extensionTestsPath: options['tests-path'] ? resolve(root, options['tests-path']) : entry,
        extensionDevelopmentPath: options['extension-path'] ? resolve(root, options['extension-path']) : root,
      })]
    : (options.pass ?? ['dev', 'restart', 'vsix']).map((name) => {
        if (!passes[name]) throw new Error(`unknown pass ${name}; use dev, restart or vsix`);
        return passes[name];
      });
  const total = { passed: 0, failed: 0 };
  for (const job of jobs) {
    try {
      const counts = await job();
      total.passed += counts.passed;
      total.failed += counts.failed;
    } catch (error) {
      say(`FAIL: ${error instanceof Error ? error.message : String(error)}`);
      total.failed += 1;
    }
  }
  if (!options.keep) removeScratchDirs();
  say(`done in ${formatDuration(Date.now() - started)}`);
  console.log(summaryLine(total));
  process.exitCode = total.failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(`[integration] ${error instanceof Error ? error.message : String(error)}`);
  console.log(summaryLine({ passed: 0, failed: 1 }));
  process.exitCode = 1;
});
