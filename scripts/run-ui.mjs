#!/usr/bin/env node
// UI tests: the real workbench (code-server) in headless Debian chromium, driven by playwright-core.
//
//   node scripts/run-ui.mjs [--no-build] [--grep TEXT]
//
// Runs out/test/ui/**/*.test.js with mocha (tdd UI). Screenshots, the browser console and the server log go to
// test-results/ui/. Ends with `N passed, N failed`; exits non-zero on any failure.
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Mocha from 'mocha';
import { projectRoot, isTestHostInstalled } from './lib/paths.mjs';
import { run } from './lib/processes.mjs';
import { summaryLine, formatDuration } from './lib/summary.mjs';

const root = projectRoot(dirname(fileURLToPath(import.meta.url)));
const { values: options } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: process.env.THREADLINE_SKIP_BUILD === '1' },
    grep: { type: 'string' },
  },
});

async function main() {
  const started = Date.now();
  process.env.THREADLINE_ROOT = root;
  process.chdir(root);
  if (!isTestHostInstalled(root)) throw new Error('the test host is not installed: run `npm run test-host`');
  if (!options['no-build']) {
    console.log('[ui] building extension and test bundles');
    const { code } = await run(process.execPath, ['esbuild.mjs', '--tests'], { cwd: root });
    if (code !== 0) throw new Error(`the build failed (exit ${code})`);
  }
  const uiDir = join(root, 'out', 'test', 'ui');
  const files = readdirSync(uiDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.js')).sort();
  if (files.length === 0) throw new Error(`no UI tests in ${uiDir}`);

  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', timeout: 120_000, color: process.stdout.isTTY });
  if (options.grep) mocha.grep(options.grep);
  for (const file of files) mocha.addFile(join(uiDir, file));
  await mocha.loadFilesAsync();
  const counts = { passed: 0, failed: 0 };
  await new Promise((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', () => counts.passed++);
    runner.on('fail', () => counts.failed++);
  });
  console.log(`[ui] screenshots and logs: ${join(root, 'test-results', 'ui')} (${formatDuration(Date.now() - started)})`);
  console.log(summaryLine(counts));
  process.exitCode = counts.failed > 0 || counts.passed === 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(`[ui] ${error instanceof Error ? error.message : String(error)}`);
  console.log(summaryLine({ passed: 0, failed: 1 }));
  process.exitCode = 1;
});
