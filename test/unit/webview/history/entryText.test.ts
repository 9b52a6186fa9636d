import * as assert from 'node:assert/strict';
import { TRASH_RETENTION_MS } from '../../../../src/core/history/historyGroups';
import { compactCost, compactTokens, entrySummary, relativeTime, trashSummary } from '../../../../src/webview/history/entryText';

const UTC = 0;
const at = (month: number, day: number, hours = 12, minutes = 0, year = 2025) => Date.UTC(year, month - 1, day, hours, minutes);

describe('history view: row text', () => {
  // Wednesday 15 October 2025, 12:00 UTC.
  const now = at(10, 15);

  it('says when, relative to now, by the local calendar', () => {
    assert.equal(relativeTime(now - 30_000, now, UTC), 'just now');
    assert.equal(relativeTime(now + 60_000, now, UTC), 'just now', 'a clock ahead of ours is not in the future');
    assert.equal(relativeTime(now - 5 * 60_000, now, UTC), '5 min ago');
    assert.equal(relativeTime(at(10, 15, 0, 0), now, UTC), '12 h ago');
    assert.equal(relativeTime(at(10, 14, 23, 59), now, UTC), 'Yesterday');
    assert.equal(relativeTime(at(10, 14, 23, 59), at(10, 15, 0, 30), UTC), '31 min ago', 'an hour ago is minutes, even across midnight');
    assert.equal(relativeTime(at(10, 14, 22, 0), at(10, 15, 1, 0), UTC), 'Yesterday');
    assert.equal(relativeTime(at(10, 10), now, UTC), 'Friday');
    assert.equal(relativeTime(at(10, 8), now, UTC), 'Oct 8');
    assert.equal(relativeTime(at(3, 4, 12, 0, 2024), now, UTC), 'Mar 4, 2024');
    assert.equal(relativeTime(at(10, 15, 1, 0), at(10, 15, 14, 0), 540), '13 h ago', 'both 10:00 and 23:00 on the same day in Seoul');
    assert.equal(relativeTime(at(10, 14, 14, 0), at(10, 14, 16, 0), UTC), '2 h ago');
    assert.equal(relativeTime(at(10, 14, 14, 0), at(10, 14, 16, 0), 540), 'Yesterday', 'midnight fell between them in Seoul');
  });

  it('abbreviates token counts and costs the way a list is read', () => {
    assert.equal(compactTokens(0), '0 tokens');
    assert.equal(compactTokens(1), '1 token');
    assert.equal(compactTokens(950), '950 tokens');
    assert.equal(compactTokens(1000), '1k tokens');
    assert.equal(compactTokens(12_345), '12.3k tokens');
    assert.equal(compactTokens(123_456), '123k tokens');
    assert.equal(compactTokens(1_250_000), '1.3M tokens');
    assert.equal(compactCost(0), '$0.00');
    assert.equal(compactCost(0.0004), '<$0.01');
    assert.equal(compactCost(0.04), '$0.04');
    assert.equal(compactCost(12.345), '$12.35');
    assert.equal(compactCost(1234.5), '$1235');
  });

  it('summarises an entry as turns, tokens and cost, leaving out a cost it does not know', () => {
    assert.equal(entrySummary({ turnCount: 12, totalTokens: 12_300, costUsd: 0.04 }), '12 turns · 12.3k tokens · $0.04');
    assert.equal(entrySummary({ turnCount: 1, totalTokens: 1 }), '1 turn · 1 token');
  });

  it('says when a trashed conversation was deleted and when it goes for good', () => {
    assert.equal(trashSummary({ trashedAt: now - 10_000 }, now, UTC), 'Deleted just now · removed in 30 days');
    assert.equal(trashSummary({ trashedAt: at(10, 14) }, now, UTC), 'Deleted yesterday · removed in 29 days');
    assert.equal(trashSummary({ trashedAt: at(10, 10) }, now, UTC), 'Deleted on Friday · removed in 25 days');
    assert.equal(trashSummary({ trashedAt: now - TRASH_RETENTION_MS + 3_600_000 }, now, UTC), 'Deleted on Sep 15 · removed in 1 day');
    assert.equal(trashSummary({ trashedAt: now - TRASH_RETENTION_MS - 1 }, now, UTC), 'Deleted on Sep 15 · removed today');
    assert.equal(trashSummary({}, now, UTC), '');
  });
});
