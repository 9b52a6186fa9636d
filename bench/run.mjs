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
const merged = {};
let failed = false;
for (const file of benches.sort()) {
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
