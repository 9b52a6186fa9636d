import * as assert from 'node:assert/strict';
import { conversationCost, priceLookup, toHistoryEntry } from '../../../src/core/history/historyEntry';
import type { ConversationSummary } from '../../../src/core/store/libraryTypes';
import { parsePriceTable } from '../../../src/core/tokens/pricing';

const table = parsePriceTable({
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'no-cache': { input: 1, output: 2 },
  'input-only': { input: 1 },
});
const priceFor = priceLookup(table);

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
    const entry = toHistoryEntry(summary(), { activeId: 'c1', priceFor });
    assert.deepEqual(entry, {
      id: 'c1', title: 'Fix the parser', lastActivity: 2_000, turnCount: 3, totalTokens: 1_500, costUsd: 0,
      personas: ['Coding Assistant', 'Code Reviewer'], pinned: false, workspaceLabel: 'threadline', workspaceKey: 'ws-abc', active: true,
    });
    assert.equal(toHistoryEntry(summary(), { activeId: 'other', priceFor }).active, false);
    assert.equal(toHistoryEntry(summary(), { activeId: undefined, priceFor }).active, false);
    assert.equal(toHistoryEntry(summary({ trashedAt: 5 }), { activeId: undefined, priceFor }).trashedAt, 5);
  });

  it('prices cached input at the cached price and the rest at the full one, summed over models', () => {
    const cost = conversationCost({
      'gpt-4.1': { input: 1_000_000, cached: 400_000, output: 100_000 },
      'gpt-4.1-mini-2025-04-14': { input: 2_000_000, cached: 0, output: 500_000 },
    }, priceFor);
    // gpt-4.1: 0.6M × 2 + 0.4M × 0.5 + 0.1M × 8 = 2.2; the dated mini prices as gpt-4.1-mini: 2M × 0.4 + 0.5M × 1.6 = 1.6.
    assert.ok(cost !== undefined && Math.abs(cost - 3.8) < 1e-9, `cost ${cost}`);
    assert.equal(toHistoryEntry(summary({ usageByModel: { 'gpt-4.1': { input: 10_000, cached: 0, output: 2_500 } } }), { activeId: undefined, priceFor }).costUsd, 0.04);
  });

  it('bills cached tokens in full when the table has no cached price, and never counts more cached than input', () => {
    assert.equal(conversationCost({ 'no-cache': { input: 1_000_000, cached: 500_000, output: 0 } }, priceFor), 1);
    assert.equal(conversationCost({ 'gpt-4.1': { input: 100, cached: 1_000_000, output: 0 } }, priceFor), (100 * 0.5) / 1_000_000);
  });

  it('gives no cost when any model used has no price, rather than a partial one', () => {
    const usage = { 'gpt-4.1': { input: 1_000, cached: 0, output: 1_000 }, 'llama-local': { input: 10, cached: 0, output: 10 } };
    assert.equal(conversationCost(usage, priceFor), undefined);
    assert.equal('costUsd' in toHistoryEntry(summary({ usageByModel: usage }), { activeId: undefined, priceFor }), false);
    assert.equal(conversationCost({ 'input-only': { input: 10, cached: 0, output: 5 } }, priceFor), undefined, 'output without an output price');
    assert.equal(conversationCost({ 'input-only': { input: 1_000_000, cached: 0, output: 0 } }, priceFor), 1);
  });

  it('ignores a model that used no tokens, priced or not, and prices an empty conversation at zero', () => {
    assert.equal(conversationCost({ 'llama-local': { input: 0, cached: 0, output: 0 } }, priceFor), 0);
    assert.equal(conversationCost({}, priceFor), 0);
    assert.equal(conversationCost({ 'gpt-4.1': { input: 1, cached: 0, output: 0 } }, () => undefined), undefined);
  });
});
