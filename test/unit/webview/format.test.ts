import * as assert from 'node:assert/strict';
import { contextLabel, contextShare, describeStatus, formatDuration, formatTokens, usageSummary } from '../../../src/webview/format';

describe('chat panel display text', () => {
  it('summarises usage with all four counts, zeros included', () => {
    assert.equal(usageSummary({ inputTokens: 1234, cachedTokens: 0, outputTokens: 56, reasoningTokens: 0, totalTokens: 1290 }), '1,234 in · 0 cached · 56 out · 0 reasoning');
    assert.equal(usageSummary({ inputTokens: 10, cachedTokens: 4, outputTokens: 5, reasoningTokens: 3, totalTokens: 15 }), '10 in · 4 cached · 5 out · 3 reasoning');
    assert.equal(formatTokens(1), '1 token');
    assert.equal(formatTokens(20000), '20,000 tokens');
  });

  it('says how full the model’s window was: a share of the window, never 0% for a window in use', () => {
    assert.equal(contextShare(320_000, 'gpt-5'), '80% of context (400k)');
    assert.equal(contextShare(300, 'gpt-4.1'), '<1% of context (1048k)');
    assert.equal(contextShare(0, 'gpt-4o'), '0% of context (128k)');
    assert.equal(contextShare(256_000, 'gpt-4o'), '200% of context (128k)', 'past the window shows as such');
  });

  it('labels code context as file:lines', () => {
    assert.equal(contextLabel({ path: '/work/src/parser.ts', startLine: 10, endLine: 20 }), 'parser.ts:10-20');
    assert.equal(contextLabel({ path: 'C:\\repo\\main.py', startLine: 3, endLine: 3 }), 'main.py:3');
  });

  it('formats durations', () => {
    assert.equal(formatDuration(450), '450 ms');
    assert.equal(formatDuration(2000), '2.0 s');
    assert.equal(formatDuration(125_000), '2 min 5 s');
  });

  it('describes turns that did not complete, with retry hints', () => {
    assert.equal(describeStatus({ status: 'complete' }), undefined);
    assert.equal(describeStatus({ status: 'streaming' }), undefined);
    assert.deepEqual(describeStatus({ status: 'failed', error: { kind: 'rate_limit', title: 'Rate limited', detail: 'Slow down', action: 'Wait.', retryAfterSeconds: 2.5 } }), {
      badge: 'Failed', title: 'Rate limited', detail: 'Slow down', action: 'Wait. You can retry in 3 s.', canRetry: true,
    });
    assert.equal(describeStatus({ status: 'incomplete', incompleteReason: 'max_output_tokens' })?.title, 'The answer reached the output token limit.');
    assert.equal(describeStatus({ status: 'incomplete', incompleteReason: 'other' })?.title, 'The answer is incomplete (other).');
    assert.equal(describeStatus({ status: 'stopped' })?.badge, 'Stopped');
  });
});
