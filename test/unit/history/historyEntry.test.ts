import * as assert from 'node:assert/strict';
import { toHistoryEntry } from '../../../src/core/history/historyEntry';
import type { ConversationSummary } from '../../../src/core/store/libraryTypes';
import { pricesFromSettings } from '../../../src/core/pricing/priceTable';

const prices = pricesFromSettings({ 'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 } }, {});

function summary(overrides: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id: 'c1',
    title: 'Fix the parser',
    titleSet: false,
    createdAt: 1_000,
    lastActivity: 2_000,
    turnCount: 3,
    totalTokens: 1_500,
    usageByModel: {},
    personas: ['Coding Assistant', 'Code Reviewer'],
    pinned: false,
    storedResponseIds: ['resp_1'],
    workspace: { key: 'ws-abc', label: 'threadline', uris: ['file:///work/threadline'] },
    ...overrides,
  };
}

describe('history: entries from library summaries', () => {
  it('copies what the list shows and marks the active conversation', () => {
    const entry = toHistoryEntry(summary(), { activeId: 'c1', prices });
    assert.deepEqual(entry, {
      id: 'c1', title: 'Fix the parser', lastActivity: 2_000, turnCount: 3, totalTokens: 1_500, costUsd: 0,
      personas: ['Coding Assistant', 'Code Reviewer'], pinned: false, workspaceLabel: 'threadline', workspaceKey: 'ws-abc', active: true,
    });
    assert.equal(toHistoryEntry(summary(), { activeId: 'other', prices }).active, false);
    assert.equal(toHistoryEntry(summary(), { activeId: undefined, prices }).active, false);
    assert.equal(toHistoryEntry(summary({ trashedAt: 5 }), { activeId: undefined, prices }).trashedAt, 5);
  });

  it('prices the conversation with every answer, and gives no cost when any model has no price', () => {
    assert.equal(toHistoryEntry(summary({ usageByModel: { 'gpt-4.1': { input: 10_000, cached: 0, output: 2_500 } } }), { activeId: undefined, prices }).costUsd, 0.04);
    const usage = { 'gpt-4.1': { input: 1_000, cached: 0, output: 1_000 }, 'llama-local': { input: 10, cached: 0, output: 10 } };
    assert.equal('costUsd' in toHistoryEntry(summary({ usageByModel: usage }), { activeId: undefined, prices }), false);
  });
});
