/**
 * Proves that the offline launcher reports failures, although the code-server extension host exits 0 whatever
 * run() does. Each case starts the real launcher CLI against a fixture, with a tiny fixture extension as the
 * development folder so the proof does not depend on the product build.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const root = process.env.THREADLINE_ROOT ?? process.cwd();
const fixtureExtension = 'test/integration/fixtures/extension';

interface LauncherRun {
  code: number | null;
  output: string;
}

function runLauncher(label: string, args: string[]): Promise<LauncherRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'run-integration.mjs'), '--no-build', '--label', label, '--extension-path', fixtureExtension, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

function lastLine(output: string): string {
  return output.trim().split('\n').at(-1) ?? '';
}

suite('Integration launcher (code-server, offline)', function () {
  this.timeout(240_000);

  test('a deliberately failing suite makes the launcher exit non-zero and names the failure', async () => {
    const { code, output } = await runLauncher('harness-failing', ['--files', 'fixtures/failing/failing.test.js']);
    assert.notEqual(code, 0, output);
    assert.match(output, /✘ Failing fixture fails on purpose/);
    assert.match(output, /this fixture fails on purpose/);
    assert.equal(lastLine(output), '1 passed, 1 failed');
  });

  test('the same fixture with only its passing test exits 0 (the failure above is the test, not the harness)', async () => {
    const { code, output } = await runLauncher('harness-passing', ['--files', 'fixtures/failing/failing.test.js', '--grep', 'passes']);
    assert.equal(code, 0, output);
    assert.match(output, /✔ Failing fixture passes/);
    assert.equal(lastLine(output), '1 passed, 0 failed');
  });

  test('a test entry whose run() rejects without results fails the launcher, although the host exits 0', async () => {
    const { code, output } = await runLauncher('harness-crashing', ['--tests-path', 'out/test/integration/fixtures/crashing/index.js']);
    assert.notEqual(code, 0, output);
    assert.match(output, /exited without writing .*results\.json/);
    assert.match(output, /crashing fixture: run\(\) rejected/);
    assert.equal(lastLine(output), '0 passed, 1 failed');
  });
});
