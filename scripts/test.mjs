#!/usr/bin/env node
// `npm test`: every check in order — lint, typecheck, unit, test host, webview in Chromium, harness self-test,
// integration (dev, restart and .vsix passes), UI. It continues past failures so one run shows all of them, streams each stage's output, and
// ends with `N passed, N failed` (tests counted across stages; lint and typecheck count as one check each).
// Exits non-zero on any failure. Stage timings are also written to test-results/timings.json.
//
//   node scripts/test.mjs [--only stage[,stage]] [--skip stage[,stage]]
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { projectRoot, resultsDir } from './lib/paths.mjs';
import { SUMMARY_LINE, summaryLine, formatDuration } from './lib/summary.mjs';

const root = projectRoot(dirname(fileURLToPath(import.meta.url)));
const mochaBin = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const node = process.execPath;

/** How a stage's output turns into counts. */
const countMochaSpec = (output) => {
  const passing = [...output.matchAll(/^\s*(\d+) passing/gm)].at(-1);
  const failing = [...output.matchAll(/^\s*(\d+) failing/gm)].at(-1);
  return passing || failing ? { passed: Number(passing?.[1] ?? 0), failed: Number(failing?.[1] ?? 0) } : undefined;
};
const countSummaryLine = (output) => {
  const match = [...output.matchAll(new RegExp(SUMMARY_LINE.source, 'gm'))].at(-1);
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : undefined;
};
const countAsOneCheck = () => undefined;

const STAGES = [
  { name: 'lint', command: 'npm', args: ['run', '--silent', 'lint'], count: countAsOneCheck },
  { name: 'typecheck', command: 'npm', args: ['run', '--silent', 'typecheck'], count: countAsOneCheck },
  { name: 'unit', command: 'npm', args: ['run', '--silent', 'test:unit'], count: countMochaSpec },
  { name: 'test-host', command: 'bash', args: ['scripts/install-test-host.sh'], count: countAsOneCheck, setup: true },
  {
    // The chat webview's bundle in Chromium on a page with the real HTML and CSP. The unit stage built it;
    // Chromium comes with the test host.
    name: 'browser',
    command: node,
    args: [mochaBin, '--no-config', '--reporter', 'spec', '--timeout', '60000', 'out/test/browser/**/*.test.js'],
    count: countMochaSpec,
  },
  {
    name: 'harness',
    command: node,
    args: [mochaBin, '--no-config', '--ui', 'tdd', '--reporter', 'spec', '--timeout', '300000', 'out/test/harness/**/*.test.js'],
    count: countMochaSpec,
  },
  { name: 'integration', command: node, args: ['scripts/run-integration.mjs'], count: countSummaryLine },
  { name: 'ui', command: node, args: ['scripts/run-ui.mjs'], count: countSummaryLine },
];

const { values: options } = parseArgs({ options: { only: { type: 'string' }, skip: { type: 'string' } } });
const only = options.only ? new Set(options.only.split(',')) : undefined;
const skip = new Set(options.skip ? options.skip.split(',') : []);

function runStage(stage) {
  return new Promise((resolve) => {
    const child = spawn(stage.command, stage.args, { cwd: root, env: { ...process.env, THREADLINE_ROOT: root }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.once('error', (error) => resolve({ code: 1, output: `${output}\n${error.message}` }));
    child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

async function main() {
  const started = Date.now();
  const rows = [];
  for (const stage of STAGES) {
    if ((only && !only.has(stage.name)) || skip.has(stage.name)) continue;
    console.log(`\n━━━ ${stage.name} ━━━ ${[stage.command === node ? 'node' : stage.command, ...stage.args].join(' ')}`);
    const stageStarted = Date.now();
    const { code, output } = await runStage(stage);
    const ms = Date.now() - stageStarted;
    let counts = stage.count(output);
    if (!counts) counts = stage.setup && code === 0 ? { passed: 0, failed: 0 } : code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
    // A stage that exits non-zero without reporting a failing test (a crash, a build error) still fails the run.
    if (code !== 0 && counts.failed === 0) counts = { ...counts, failed: 1 };
    rows.push({ stage: stage.name, ok: code === 0, exitCode: code, ms, ...counts });
    console.log(`━━━ ${stage.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${formatDuration(ms)} — ${summaryLine(counts)}`);
  }
  const total = rows.reduce((sum, row) => ({ passed: sum.passed + row.passed, failed: sum.failed + row.failed }), { passed: 0, failed: 0 });
  writeFileSync(join(resultsDir(root), 'timings.json'), JSON.stringify({ totalMs: Date.now() - started, stages: rows }, null, 2));
  console.log('\nstage        result  time     passed failed');
  for (const row of rows) {
    console.log(`${row.stage.padEnd(12)} ${(row.ok ? 'ok' : 'FAILED').padEnd(7)} ${formatDuration(row.ms).padEnd(8)} ${String(row.passed).padStart(6)} ${String(row.failed).padStart(6)}`);
  }
  console.log(`total time ${formatDuration(Date.now() - started)}`);
  console.log(summaryLine(total));
  process.exitCode = total.failed > 0 || rows.some((row) => !row.ok) ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log(summaryLine({ passed: 0, failed: 1 }));
  process.exitCode = 1;
});
