// Where the harness finds the project, the offline test host and the places it writes to.
import { join, resolve } from 'node:path';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';

/** The project root: the parent of scripts/ for the runners, or THREADLINE_ROOT / cwd when bundled into tests. */
export function projectRoot(scriptsDir) {
  if (process.env.THREADLINE_ROOT) return resolve(process.env.THREADLINE_ROOT);
  return scriptsDir ? resolve(scriptsDir, '..') : process.cwd();
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

const createdScratchDirs = [];

/**
 * A fresh scratch folder (profile, workspace copy) per run, so nothing a run writes leaks into the next one.
 * It lives outside the project so the editor does not find this repository around the test workspace.
 */
export function scratchDir(_root, label) {
  const base = process.env.THREADLINE_SCRATCH_DIR ?? join(tmpdir(), 'threadline-runs');
  mkdirSync(base, { recursive: true });
  const dir = join(base, `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`);
  mkdirSync(dir, { recursive: true });
  createdScratchDirs.push(dir);
  return dir;
}

/** Removes the scratch folders this process created (and only those: other runs may be in flight). */
export function removeScratchDirs() {
  for (const dir of createdScratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
