// Child processes that the harness owns: spawned in their own process group so teardown reaches every
// descendant (code-server forks a server process, which forks extension hosts and pty hosts).
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/**
 * Spawns `command` detached in a new process group, teeing stdout/stderr into `logFile` (and to `echo` when given).
 * Returns the child plus a `stop()` that terminates the whole group: SIGTERM, then SIGKILL after `graceMs`.
 */
export function spawnGroup(command, args, { cwd, env, logFile, echo, onLine } = {}) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  liveGroups.add(child.pid);
  child.once('exit', () => liveGroups.delete(child.pid));
  const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
  let pending = '';
  const onData = (chunk) => {
    log?.write(chunk);
    if (echo) echo.write(chunk);
    if (!onLine) return;
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let stopping;
  const stop = (graceMs = 3000) => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child.pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      // The group leader can exit before its children; make sure none are left behind.
      killGroup(child.pid, 'SIGKILL');
      await new Promise((resolve) => (log ? log.end(resolve) : resolve()));
    })();
    return stopping;
  };
  return { child, exited, stop };
}

// Detached groups outlive their parent unless killed; whatever way this process ends, take them down with it.
const liveGroups = new Set();
process.on('exit', () => {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Runs a command to completion, streaming its output; resolves with the exit code. */
export function run(command, args, { cwd, env, quiet } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (quiet) {
      child.stdout.on('data', (c) => (output += c));
      child.stderr.on('data', (c) => (output += c));
    }
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** Stops every registered resource once, on normal exit or on Ctrl-C / SIGTERM. */
export function onShutdown(cleanup) {
  let done = false;
  const handler = async (signal) => {
    if (done) return;
    done = true;
    await cleanup();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}
