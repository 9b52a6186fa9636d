import * as assert from 'node:assert/strict';
import type { Turn } from '../../../src/core/conversation/turn';
import { pricesFromSettings } from '../../../src/core/pricing/priceTable';
import { ASSUMED_ANSWER_TOKENS, estimateSendCost, recentAnswerTokens, typicalAnswerLength } from '../../../src/core/pricing/sendEstimate';

const prices = pricesFromSettings({ 'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 }, 'input-only': { input: 1 } }, {});

function turn(id: string, model: string, outputTokens?: number): Turn {
  const usage = outputTokens === undefined ? undefined : { inputTokens: 10, cachedTokens: 0, outputTokens, reasoningTokens: 0, totalTokens: 10 + outputTokens };
  return { id, model, ...(usage ? { usage } : {}) } as unknown as Turn;
}

describe('pricing: the cost of asking', () => {
  it('prices the counted input and a typical answer, and keeps the cached rate apart', () => {
    const estimate = estimateSendCost(250_000, 'gpt-4.1', prices, typicalAnswerLength([]));
    assert.equal(estimate?.match.key, 'gpt-4.1');
    assert.equal(estimate?.input, 0.5);
    assert.equal(estimate?.cachedInput, 0.125);
    assert.deepEqual(estimate?.answer, { tokens: ASSUMED_ANSWER_TOKENS, basis: 'assumed', answers: 0 });
    assert.equal(estimate?.output, (ASSUMED_ANSWER_TOKENS * 8) / 1_000_000);
    assert.equal(estimate?.total, 0.5 + (ASSUMED_ANSWER_TOKENS * 8) / 1_000_000);
  });

  it('has no output figure or total for a price without an output rate, and nothing for an unpriced model', () => {
    const estimate = estimateSendCost(1_000_000, 'input-only', prices, typicalAnswerLength([100]));
    assert.equal(estimate?.input, 1);
    assert.equal(estimate?.output, undefined);
    assert.equal(estimate?.total, undefined);
    assert.equal(estimateSendCost(10, 'unknown-model', prices, typicalAnswerLength([])), undefined);
  });

  it('takes the median of recent answers', () => {
    assert.deepEqual(typicalAnswerLength([900, 100, 300]), { tokens: 300, basis: 'conversation', answers: 3 });
    assert.deepEqual(typicalAnswerLength([100, 400]), { tokens: 250, basis: 'conversation', answers: 2 });
  });

  it('reads the newest answers of the same model family, skipping unanswered turns and empty answers', () => {
    const turns = [
      turn('a', 'gpt-4.1', 111),
      turn('b', 'gpt-4.1-mini', 999),
      turn('c', 'gpt-4.1-2025-04-14', 222),
      turn('d', 'gpt-4.1'),
      turn('e', 'gpt-4.1', 0),
      turn('f', 'gpt-4.1', 333),
    ];
    assert.deepEqual(recentAnswerTokens(turns, 'gpt-4.1'), [111, 222, 333]);
    assert.deepEqual(recentAnswerTokens(turns, 'gpt-4.1', 2), [222, 333]);
    assert.deepEqual(recentAnswerTokens(turns, 'o3'), []);
  });
});
