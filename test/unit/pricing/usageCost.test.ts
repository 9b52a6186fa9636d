import * as assert from 'node:assert/strict';
import type { Turn } from '../../../src/core/conversation/turn';
import { pricesFromSettings } from '../../../src/core/pricing/priceTable';
import { answerCost, conversationCost, costOf, usageByModel } from '../../../src/core/pricing/usageCost';

const prices = pricesFromSettings({
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'no-cache': { input: 1, output: 2 },
  'input-only': { input: 1 },
}, {});

const close = (actual: number | undefined, expected: number): void =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

function usage(inputTokens: number, cachedTokens: number, outputTokens: number, reasoningTokens = 0) {
  return { inputTokens, cachedTokens, outputTokens, reasoningTokens, totalTokens: inputTokens + outputTokens };
}

describe('pricing: what usage cost', () => {
  it('bills cache hits at the cached price, the rest of the input in full, and output (reasoning included) at the output price', () => {
    const cost = costOf({ input: 1_000_000, cached: 400_000, output: 100_000 }, { input: 2, cachedInput: 0.5, output: 8 });
    close(cost?.input, 1.2);
    close(cost?.cached, 0.2);
    close(cost?.output, 0.8);
    close(cost?.total, 2.2);
    const answer = answerCost(usage(1_000, 0, 2_000, 1_500), 'gpt-4.1-mini-2025-04-14', prices);
    assert.equal(answer?.match.key, 'gpt-4.1-mini');
    close(answer?.cost.total, (1_000 * 0.4 + 2_000 * 1.6) / 1_000_000);
  });

  it('bills cached tokens in full without a cached price, and never counts more cached than input', () => {
    close(costOf({ input: 1_000_000, cached: 500_000, output: 0 }, { input: 1, output: 2 })?.total, 1);
    close(costOf({ input: 100, cached: 1_000_000, output: 0 }, { input: 2, cachedInput: 0.5 })?.total, (100 * 0.5) / 1_000_000);
  });

  it('cannot bill output without an output price', () => {
    assert.equal(costOf({ input: 10, cached: 0, output: 5 }, { input: 1 }), undefined);
    assert.equal(answerCost(usage(10, 0, 5), 'input-only', prices), undefined);
    assert.equal(answerCost(usage(10, 0, 5), 'llama-local', prices), undefined);
  });

  it('sums a conversation over models, and names the unpriced ones instead of giving a partial sum', () => {
    const both = conversationCost({
      'gpt-4.1': { input: 1_000_000, cached: 400_000, output: 100_000 },
      'gpt-4.1-mini-2025-04-14': { input: 2_000_000, cached: 0, output: 500_000 },
    }, prices);
    close(both.usd, 3.8);
    assert.deepEqual(both.unpriced, []);
    const mixed = conversationCost({ 'gpt-4.1': { input: 1_000, cached: 0, output: 1_000 }, 'llama-local': { input: 10, cached: 0, output: 10 }, 'input-only': { input: 1, cached: 0, output: 1 } }, prices);
    assert.equal(mixed.usd, undefined);
    assert.deepEqual(mixed.unpriced, ['llama-local', 'input-only']);
  });

  it('ignores a model that used no tokens and prices an empty conversation at zero', () => {
    assert.equal(conversationCost({ 'llama-local': { input: 0, cached: 0, output: 0 } }, prices).usd, 0);
    assert.equal(conversationCost({}, prices).usd, 0);
  });

  it('says when a price came from settings', () => {
    const mixed = pricesFromSettings({ 'gpt-4.1': { input: 1, output: 1 } });
    assert.equal(conversationCost({ 'gpt-4.1': { input: 1, cached: 0, output: 1 } }, mixed).usesSettings, true);
    assert.equal(conversationCost({ 'gpt-4o': { input: 1, cached: 0, output: 1 } }, mixed).usesSettings, false);
  });

  it('counts every answer of a fan-out turn by its own model', () => {
    const turns = [
      { id: 't1', model: 'gpt-4.1', usage: usage(100, 10, 50) },
      {
        id: 't2', model: 'gpt-4.1', usage: usage(200, 0, 20),
        alternatives: [{ id: 't2.0', model: 'gpt-4.1', usage: usage(200, 0, 20) }, { id: 't2.1', model: 'gpt-4.1-mini', usage: usage(300, 0, 30) }],
      },
      { id: 't3', model: 'gpt-4.1-mini' },
    ] as unknown as Turn[];
    assert.deepEqual(usageByModel(turns), {
      'gpt-4.1': { input: 300, cached: 10, output: 70 },
      'gpt-4.1-mini': { input: 300, cached: 0, output: 30 },
    });
  });
});
