// Starts the offline real VS Code (code-server 4.100.3 = VS Code 1.100.3) on a loopback port with its own
// user-data and extensions folders, and installs packaged extensions into such a folder.
import { join } from 'node:path';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { codeServerEntry, isTestHostInstalled } from './paths.mjs';
import { spawnGroup, run } from './processes.mjs';

const LISTENING = /HTTP server listening on (https?:\/\/[^\s]+)/;

function requireHost(root) {
  if (!isTestHostInstalled(root)) {
    throw new Error(`the test host is not installed (${codeServerEntry(root)} is missing): run \`npm run test-host\``);
  }
}

/** Flags shared by every code-server invocation: an isolated profile and no network chatter. */
function isolationArgs(stateDir) {
  mkdirSync(stateDir, { recursive: true });
  const configFile = join(stateDir, 'config.yaml');
  // An explicit (empty) config keeps code-server from writing ~/.config/code-server/config.yaml.
  if (!existsSync(configFile)) writeFileSync(configFile, '');
  return ['--config', configFile, '--user-data-dir', join(stateDir, 'user-data'), '--extensions-dir', join(stateDir, 'extensions')];
}

/**
 * Starts code-server and resolves once it answers /healthz.
 * @param {object} options
 * @param {string} options.root project root
 * @param {string} options.stateDir holds user-data/, extensions/ and config.yaml; reuse it to reuse the profile
 * @param {string} [options.folder] workspace folder to open
 * @param {string} [options.host] bind host (127.0.0.1)
 * @param {number} [options.port] 0 picks a free port
 * @param {Record<string, string>} [options.env] extra environment for the server and the extension hosts it starts
 * @param {string} [options.logFile] server stdout/stderr
 * @param {Record<string, unknown>} [options.userSettings] written to user-data/User/settings.json before start
 * @param {string} [options.locale] VS Code's display language, e.g. `ko`
 * @param {(line: string) => void} [options.onLine] each server log line
 */
export async function startCodeServer({ root, stateDir, folder, host = '127.0.0.1', port = 0, env = {}, logFile, userSettings, locale, onLine, echo }) {
  requireHost(root);
  mkdirSync(join(stateDir, 'user-data', 'User'), { recursive: true });
  mkdirSync(join(stateDir, 'extensions'), { recursive: true });
  if (userSettings) writeFileSync(join(stateDir, 'user-data', 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  const args = [
    codeServerEntry(root),
    '--auth', 'none',
    '--bind-addr', `${host}:${port}`,
    ...isolationArgs(stateDir),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  // The display language (`--locale ko`): VS Code's own UI needs a language pack, extensions' bundles do not.
  if (locale) args.push('--locale', locale);
  if (folder) args.push(folder);
  let resolveUrl;
  const listening = new Promise((resolve) => (resolveUrl = resolve));
  const server = spawnGroup(process.execPath, args, {
    cwd: root,
    env: mergeEnv(process.env, env),
    logFile,
    echo,
    onLine: (line) => {
      const match = LISTENING.exec(line);
      if (match) resolveUrl(match[1]);
      onLine?.(line);
    },
  });
  const early = server.exited.then(({ code, signal }) => {
    throw new Error(`code-server exited before listening (code ${code}, signal ${signal})${logFile ? `; see ${logFile}` : ''}`);
  });
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('code-server did not listen within 60s')), 60_000).unref());
  let origin;
  try {
    const url = await Promise.race([listening, early, timeout]);
    origin = new URL(url).origin;
    await waitForHealth(origin);
  } catch (error) {
    await server.stop();
    throw error;
  }
  early.catch(() => {});
  return { origin, port: Number(new URL(origin).port), host, stop: server.stop, exited: server.exited };
}

/** Overrides set to undefined remove a variable (e.g. a developer's OPENAI_API_KEY must not reach the tests). */
function mergeEnv(base, overrides) {
  const merged = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined || value === null) delete merged[key];
    else merged[key] = String(value);
  }
  return merged;
}

async function waitForHealth(origin) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // Not accepting yet.
    }
    if (Date.now() > deadline) throw new Error(`code-server at ${origin} did not answer /healthz within 30s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Installs a .vsix into the state dir's extensions folder, exactly as a user would. */
export async function installExtension({ root, stateDir, vsix }) {
  requireHost(root);
  const { code, output } = await run(process.execPath, [codeServerEntry(root), ...isolationArgs(stateDir), '--force', '--install-extension', vsix], { cwd: root, quiet: true });
  if (code !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsix} failed (exit ${code}):\n${output}`);
  }
  return output.trim();
}
