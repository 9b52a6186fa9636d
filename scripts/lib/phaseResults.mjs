// The results files written by test/integration/index.ts, merged across the phases of one run, and the verdict
// both launchers (code-server and @vscode/test-electron) give on them.
import { readFileSync } from 'node:fs';

export function emptyResults() {
  return { passed: 0, failed: 0, pending: 0, tests: [] };
}

/** Adds one phase's results file to `merged`. */
export function addPhaseResults(merged, phaseName, resultsFile) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  merged.passed += results.passed;
  merged.failed += results.failed;
  merged.pending += results.pending;
  merged.tests.push(...results.tests);
  if (results.fatal) merged.fatal = `${phaseName}: ${results.fatal}`;
}

/** A run passes only when nothing failed or crashed and at least one test passed: an empty run is a failure. */
export function verdict(merged) {
  const reason = merged.fatal
    ? `the test run crashed: ${merged.fatal.split('\n')[0]}`
    : merged.failed > 0
      ? `${merged.failed} test(s) failed`
      : merged.passed === 0
        ? 'no test passed (nothing ran?)'
        : undefined;
  return { ok: reason === undefined, reason };
}
