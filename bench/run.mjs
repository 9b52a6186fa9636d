// Runs every benchmark in its own process and prints one JSON object, merged from all of them, as the last line.
// Each benchmark is a bundle out/bench/<name>.bench.js whose last output line is `BENCH {json}`.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const build = spawnSync(process.execPath, ['esbuild.mjs', '--production', '--tests'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const dir = 'out/bench';
const only = process.argv.slice(2);
const benches = existsSync(dir)
  ? readdirSync(dir).filter((f) => f.endsWith('.bench.js') && (only.length === 0 || only.some((o) => f.startsWith(o))))
  : [];
// These two drive a real VS Code and Chromium: the test host, which a fresh clone does not have yet. It is installed
// here (an idempotent check once it is); if that fails, they are skipped with the command to run, not a stack trace.
const NEEDS_TEST_HOST = ['activation.bench.js', 'chat.bench.js'];
let skipped = [];
if (benches.some((f) => NEEDS_TEST_HOST.includes(f))) {
  console.log('[bench] checking the test host (VS Code and Chromium) the activation and chat benchmarks need');
  const host = spawnSync('bash', ['scripts/install-test-host.sh'], { stdio: 'inherit' });
  if (host.status !== 0) {
    skipped = benches.filter((f) => NEEDS_TEST_HOST.includes(f));
    console.error(`[bench] the test host could not be installed, so ${skipped.join(' and ')} cannot run. Run \`npm run test-host\``
      + ' (apt needs root or sudo for chromium and ripgrep), then `npm run bench` again.');
  }
}
const merged = {};
let failed = skipped.length > 0;
for (const file of benches.sort().filter((f) => !skipped.includes(f))) {
  console.log(`[bench] ${file}`);
  const run = spawnSync(process.execPath, ['--expose-gc', join(dir, file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  process.stdout.write(run.stdout);
  const line = run.stdout.trim().split('\n').reverse().find((l) => l.startsWith('BENCH '));
  if (run.status !== 0 || !line) {
    console.error(`[bench] ${file} failed (exit ${run.status})`);
    failed = true;
    continue;
  }
  Object.assign(merged, JSON.parse(line.slice('BENCH '.length)));
}
console.log(JSON.stringify(merged));
process.exit(failed ? 1 : 0);
