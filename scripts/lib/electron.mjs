// The desktop launcher: the same test entries in a downloaded (or given) VS Code via @vscode/test-electron.
// It needs internet to download VS Code unless THREADLINE_VSCODE_EXECUTABLE names an installed one.
// Each phase is its own VS Code process on the same --user-data-dir, which is what a desktop restart is.
import { join } from 'node:path';
import { existsSync, rmSync, mkdirSync } from 'node:fs';
import { resultsDir } from './paths.mjs';
import { addPhaseResults, emptyResults, verdict } from './phaseResults.mjs';
import { installExtension } from './codeServer.mjs';

/** Same contract as runHostTests: resolves { ok, reason, results, logDir } from the results files. */
export async function runElectronTests({ root, label, stateDir, workspace, extensionTestsPath, phases, extensionDevelopmentPath, vsix, env = {}, log = () => {} }) {
  const { runTests, downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  phases ??= [{ name: label, extensionTestsPath }];
  const logDir = resultsDir(root, label);
  const resultsFile = join(logDir, 'results.json');
  mkdirSync(stateDir, { recursive: true });
  const vscodeExecutablePath = process.env.THREADLINE_VSCODE_EXECUTABLE ?? (await downloadAndUnzipVSCode(process.env.THREADLINE_VSCODE_VERSION ?? '1.100.3'));
  if (vsix) {
    // code-server's CLI installs into the same extensions folder layout the desktop reads.
    log(`${label}: installing ${vsix} into ${join(stateDir, 'extensions')}`);
    await installExtension({ root, stateDir, vsix });
  }
  const extensionTestsEnv = { ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)), THREADLINE_TEST_RESULTS: resultsFile };
  // runTests copies process.env into VS Code; variables the caller removes must be gone from there too.
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
  const merged = emptyResults();
  for (const phase of phases) {
    rmSync(resultsFile, { force: true });
    let exitError;
    log(`${phase.name}: ${vscodeExecutablePath}`);
    try {
      await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: extensionDevelopmentPath ?? root,
        extensionTestsPath: phase.extensionTestsPath,
        extensionTestsEnv,
        launchArgs: [
          workspace,
          '--user-data-dir', join(stateDir, 'user-data'),
          '--extensions-dir', join(stateDir, 'extensions'),
          '--disable-workspace-trust', '--disable-telemetry', '--disable-updates', '--skip-welcome', '--skip-release-notes',
        ],
      });
    } catch (error) {
      // runTests rejects when VS Code exits non-zero; the results file still says which tests failed.
      exitError = error instanceof Error ? error.message : String(error);
    }
    if (!existsSync(resultsFile)) {
      return { ok: false, reason: `${phase.name}: no results file from VS Code${exitError ? ` (${exitError})` : ''}`, results: merged.tests.length ? merged : undefined, logDir };
    }
    addPhaseResults(merged, phase.name, resultsFile);
  }
  return { ...verdict(merged), results: merged, logDir };
}
