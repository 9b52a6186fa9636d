#!/usr/bin/env node
// Runs before `npm start`, `npm test` and `npm run bench` (their npm pre-scripts): on a fresh clone nothing is in
// node_modules yet, and the scripts import esbuild, mocha and playwright. Installs the locked dependencies when
// any declared package is missing, with one line saying so; otherwise it does nothing. Node builtins only.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const declared = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
const missing = declared.filter((name) => !existsSync(join(root, 'node_modules', name, 'package.json')));

if (missing.length > 0) {
  const locked = existsSync(join(root, 'package-lock.json'));
  const args = locked ? ['ci'] : ['install'];
  console.log(`[deps] ${missing.length} of ${declared.length} packages missing (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}): running npm ${args[0]}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[deps] npm ${args[0]} failed (exit ${result.status ?? result.signal}); the npm registry must be reachable`);
    process.exit(result.status ?? 1);
  }
}
