// Counting and printing outcomes the same way in every runner, ending with the line `N passed, N failed`.

/** A pass that produced no results (host crash, timeout) still counts, as one failure. */
export function countOutcome(outcome) {
  if (outcome.results) {
    const { passed, failed: failedTests, fatal } = outcome.results;
    // A crash outside any test, or a run where nothing ran at all, is one more failure on top of the tests'.
    const failed = failedTests + (fatal || (passed === 0 && failedTests === 0) ? 1 : 0);
    return { passed: outcome.results.passed, failed: outcome.ok ? 0 : Math.max(failed, 1) };
  }
  return { passed: 0, failed: 1 };
}

export function summaryLine({ passed, failed }) {
  return `${passed} passed, ${failed} failed`;
}

/** Matches the final summary line a runner printed, so test.mjs can add up its stages. */
export const SUMMARY_LINE = /^(\d+) passed, (\d+) failed\s*$/m;

export function formatDuration(ms) {
  const seconds = Math.round(ms / 100) / 10;
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${Math.round(seconds % 60)}s`;
}
