#!/usr/bin/env node
// `npm start`: builds Threadline and opens it in a real VS Code with a sample workspace.
//   - desktop: `code --extensionDevelopmentPath=<root> <workspace>` when `code` is on PATH (unless --web);
//   - otherwise code-server on 127.0.0.1:8080 (--port N or THREADLINE_PORT) with the extension loaded through
//     the workbench `payload` URL; Ctrl-C stops it and everything it started.
//
//   node scripts/start.mjs [--port N] [--host H] [--web] [--fake] [--workspace DIR]
//   --fake   also starts the fake Responses server and points Threadline at it: a demo without an API key.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { projectRoot } from './lib/paths.mjs';
import { run, onShutdown } from './lib/processes.mjs';
import { startCodeServer } from './lib/codeServer.mjs';
import { workbenchUrl } from './lib/workbench.mjs';

const root = projectRoot(dirname(fileURLToPath(import.meta.url)));
const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.THREADLINE_PORT ?? '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    web: { type: 'boolean', default: false },
    fake: { type: 'boolean', default: false },
    workspace: { type: 'string' },
  },
});
const say = (line) => console.log(`[start] ${line}`);

function hasDesktopCode() {
  try {
    execFileSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A copy of the sample workspace under .cache, so trying things out never edits the test fixtures. */
function sampleWorkspace() {
  if (options.workspace) return resolve(options.workspace);
  const target = join(root, '.cache', 'sample-workspace');
  if (!existsSync(target)) cpSync(join(root, 'test', 'integration', 'fixtures', 'workspace'), target, { recursive: true });
  return target;
}

async function must(what, command, args) {
  say(what);
  const { code } = await run(command, args, { cwd: root });
  if (code !== 0) {
    console.error(`[start] ${what} failed (exit ${code})`);
    process.exit(code);
  }
}

async function startFakeServer() {
  // The fake server is TypeScript under test/; the test build compiles it to out/.
  const require = createRequire(import.meta.url);
  const { FakeResponsesServer } = require(join(root, 'out', 'test', 'fake-server', 'fakeResponsesServer.js'));
  const server = new FakeResponsesServer();
  const baseUrl = await server.start();
  say(`fake Responses server at ${baseUrl} (try "[[slow:80]] [[long:200]] hello" to watch a slow stream)`);
  return { server, baseUrl };
}

async function main() {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${options.port}`);
  await must(options.fake ? 'building the extension and the fake server' : 'building the extension', process.execPath, ['esbuild.mjs', ...(options.fake ? ['--tests'] : [])]);
  const workspace = sampleWorkspace();

  if (!options.web && !options.fake && hasDesktopCode()) {
    say(`opening desktop VS Code: code --extensionDevelopmentPath=${root} ${workspace}`);
    const { code } = await run('code', [`--extensionDevelopmentPath=${root}`, workspace], { cwd: root });
    process.exit(code);
  }

  await must('checking the test host (code-server)', 'bash', [join(root, 'scripts', 'install-test-host.sh')]);
  const fake = options.fake ? await startFakeServer() : undefined;
  // A profile of its own keeps the key and settings between starts; the --fake demo uses a separate one.
  const stateDir = join(root, '.cache', options.fake ? 'start-fake' : 'start');
  const logFile = join(stateDir, 'server.log');
  let server;
  try {
    server = await startCodeServer({
      root,
      stateDir,
      folder: workspace,
      host: options.host,
      port,
      logFile,
      env: fake ? { OPENAI_API_KEY: 'sk-fake-demo' } : {},
      // The sample workspace sits inside this repository: without these VS Code opens its own Get Started page and
      // asks whether to open the parent git repository. Threadline's walkthrough still opens once.
      userSettings: { 'workbench.startupEditor': 'none', 'git.openRepositoryInParentFolders': 'never', ...(fake ? { 'threadline.baseUrl': fake.baseUrl } : {}) },
    });
  } catch (error) {
    await fake?.server.stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n  is port ${port} free? choose another with --port N or THREADLINE_PORT`);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await server.stop();
    await fake?.server.stop();
    say('stopped');
  };
  onShutdown(stop);
  server.exited.then(async ({ code, signal }) => {
    if (stopping) return;
    console.error(`[start] code-server exited (code ${code}, signal ${signal}); see ${logFile}`);
    await fake?.server.stop();
    process.exit(1);
  });

  const url = workbenchUrl(server.origin, { folder: workspace, extensionDevelopmentPath: root });
  say(`VS Code ${'(code-server 4.100.3 = VS Code 1.100.3)'} is running with Threadline from ${root}`);
  say(`workspace: ${workspace}`);
  say(`server log: ${logFile}`);
  say('rebuild with `npm run watch` in another terminal, then run "Developer: Reload Window"');
  say('press Ctrl-C to stop');
  console.log(`\n  ${url}\n`);
}

main().catch((error) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
