// Where the harness finds the project, the offline test host and the places it writes to.
import { join, resolve } from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** The project root: scripts/lib/../.. when run from the scripts, or THREADLINE_ROOT / cwd when bundled into tests. */
export function projectRoot(fromDir) {
  if (process.env.THREADLINE_ROOT) return resolve(process.env.THREADLINE_ROOT);
  return fromDir ? resolve(fromDir, '..', '..') : process.cwd();
}

export function hostDir(root) {
  return process.env.THREADLINE_TEST_HOST_DIR ? resolve(process.env.THREADLINE_TEST_HOST_DIR) : join(root, '.cache', 'test-host');
}

export function codeServerEntry(root) {
  return join(hostDir(root), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

export function isTestHostInstalled(root) {
  return existsSync(codeServerEntry(root));
}

/** Debian's chromium (playwright cannot download a browser offline); THREADLINE_CHROMIUM overrides. */
export function chromiumPath() {
  if (process.env.THREADLINE_CHROMIUM) return process.env.THREADLINE_CHROMIUM;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(candidate)) return candidate;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('chromium not found: run `npm run test-host` (installs Debian chromium) or set THREADLINE_CHROMIUM');
  }
}

/** test-results/<name>, created on demand: logs, console captures, screenshots and results files live there. */
export function resultsDir(root, name) {
  const dir = name ? join(root, 'test-results', name) : join(root, 'test-results');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A fresh scratch folder under .cache/runs, so nothing a run writes leaks into the next one. */
export function scratchDir(root, label) {
  const base = join(root, '.cache', 'runs');
  mkdirSync(base, { recursive: true });
  const dir = join(base, `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}
