/**
 * The integration test entry: VS Code loads this file as `extensionTestsPath` and calls run() inside the real
 * extension host. Mocha (tdd UI: suite/test/suiteSetup) runs the compiled suites, and the outcome is written to the
 * JSON file named by THREADLINE_TEST_RESULTS, because the offline host exits 0 whatever run() does: the launcher
 * reads that file to decide pass or fail.
 *
 * Environment:
 *   THREADLINE_TEST_RESULTS  where to write the results JSON (required by the launchers; optional by hand)
 *   THREADLINE_TEST_FILES    comma-separated compiled test files, absolute or relative to this folder
 *                            (default: every suites/**\/*.test.js)
 *   THREADLINE_TEST_GREP     only tests whose full title contains this text
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export type TestState = 'passed' | 'failed' | 'pending';

export interface TestResult {
  title: string;
  fullTitle: string;
  file?: string;
  state: TestState;
  durationMs?: number;
  error?: { message: string; stack?: string };
}

export interface ResultsFile {
  ui: 'tdd';
  vscodeVersion: string;
  startedAt: string;
  finishedAt: string;
  files: string[];
  passed: number;
  failed: number;
  pending: number;
  tests: TestResult[];
  /** Set when the run could not start or crashed outside a test (a suite failed to load, say). */
  fatal?: string;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export function selectTestFiles(env: NodeJS.ProcessEnv = process.env, baseDir: string = __dirname): string[] {
  const listed = env.THREADLINE_TEST_FILES?.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  if (listed && listed.length > 0) return listed.map((entry) => path.resolve(baseDir, entry));
  const suitesDir = path.join(baseDir, 'suites');
  if (!fs.existsSync(suitesDir)) return [];
  return fs
    .readdirSync(suitesDir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith('.test.js'))
    .map((entry) => path.join(suitesDir, entry))
    .sort();
}

function writeResults(results: ResultsFile): void {
  const target = process.env.THREADLINE_TEST_RESULTS;
  if (!target) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Written whole and renamed, so the launcher polling for the file never reads half of it.
  const partial = `${target}.partial`;
  fs.writeFileSync(partial, JSON.stringify(results, null, 2));
  fs.renameSync(partial, target);
}

function describeError(error: unknown): { message: string; stack?: string } {
  if (error instanceof Error) return { message: error.message, stack: error.stack };
  return { message: String(error) };
}

/** The default entry: the files THREADLINE_TEST_FILES names, else every suite. */
export function run(): Promise<void> {
  return runTestFiles(selectTestFiles());
}

/** Runs the given compiled test files with mocha and writes the results file; rejects when any test failed. */
export function runTestFiles(files: string[]): Promise<void> {
  const startedAt = new Date().toISOString();
  const tests: TestResult[] = [];
  const finish = (fatal?: string): ResultsFile => {
    const results: ResultsFile = {
      ui: 'tdd',
      vscodeVersion: vscode.version,
      startedAt,
      finishedAt: new Date().toISOString(),
      files,
      passed: tests.filter((t) => t.state === 'passed').length,
      failed: tests.filter((t) => t.state === 'failed').length,
      pending: tests.filter((t) => t.state === 'pending').length,
      tests,
      ...(fatal ? { fatal } : {}),
    };
    writeResults(results);
    return results;
  };

  return new Promise<void>((resolve, reject) => {
    try {
      if (files.length === 0) throw new Error(`no test files selected (THREADLINE_TEST_FILES=${process.env.THREADLINE_TEST_FILES ?? ''})`);
      const mocha = new Mocha({ ui: 'tdd', color: false, timeout: DEFAULT_TIMEOUT_MS, reporter: 'spec' });
      if (process.env.THREADLINE_TEST_GREP) mocha.grep(process.env.THREADLINE_TEST_GREP);
      for (const file of files) mocha.addFile(file);
      const runner = mocha.run((failures) => {
        const results = finish();
        if (failures > 0 || results.failed > 0) reject(new Error(`${results.failed} integration test(s) failed`));
        else resolve();
      });
      runner.on('pass', (test) => {
        tests.push({ title: test.title, fullTitle: test.fullTitle(), file: test.file, state: 'passed', durationMs: test.duration });
      });
      runner.on('pending', (test) => {
        tests.push({ title: test.title, fullTitle: test.fullTitle(), file: test.file, state: 'pending' });
      });
      // Hook failures arrive here too (e.g. `"before all" hook`), so a broken suiteSetup is counted, not lost.
      runner.on('fail', (test, error) => {
        tests.push({ title: test.title, fullTitle: test.fullTitle(), file: test.file, state: 'failed', durationMs: test.duration, error: describeError(error) });
      });
    } catch (error) {
      const { message, stack } = describeError(error);
      finish(stack ?? message);
      reject(error instanceof Error ? error : new Error(message));
    }
  });
}
