// Activation measured in the real extension host (offline VS Code 1.100.3): the `activate` call itself, and a
// fresh evaluation of the production bundle.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = join(mkdtempSync(join(tmpdir(), 'threadline-bench-')), 'activation.json');
const run = spawnSync(
  process.execPath,
  ['scripts/run-integration.mjs', '--no-build', '--pass', 'dev', '--files', 'bench/activationProbe.test.js', '--label', 'bench-activation'],
  { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, THREADLINE_BENCH_OUT: out } },
);
if (run.status !== 0) {
  console.error('activation probe failed');
  process.exit(1);
}
const figures = JSON.parse(readFileSync(out, 'utf8')) as Record<string, number>;
console.log(`BENCH ${JSON.stringify(figures)}`);
