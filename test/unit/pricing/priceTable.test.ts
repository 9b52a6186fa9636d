import * as assert from 'node:assert/strict';
import { BUILT_IN_PRICES, PRICES_CHECKED_ON } from '../../../src/core/pricing/builtInPrices';
import { parsePriceTable, priceForModel, pricesFromSettings } from '../../../src/core/pricing/priceTable';

describe('pricing: the price table', () => {
  it('keeps valid entries, lower-cased, and drops invalid ones', () => {
    const table = parsePriceTable({
      'GPT-4.1': { input: 2, cachedInput: 0.5, output: 8 },
      'o3': { input: 2 },
      'broken': { input: -1 },
      'also-broken': 'free',
    });
    assert.deepEqual(Object.keys(table).sort(), ['gpt-4.1', 'o3']);
    assert.deepEqual(parsePriceTable(['not', 'an', 'object']), {});
    assert.deepEqual(parsePriceTable(undefined), {});
  });

  it('lays the user’s entries over the built-in table, one model at a time, remembering each source', () => {
    const prices = pricesFromSettings({ 'gpt-4.1': { input: 1, output: 4 }, 'llama3.1': { input: 0, output: 0 } });
    assert.deepEqual(priceForModel(prices, 'gpt-4.1'), { key: 'gpt-4.1', price: { input: 1, output: 4 }, source: 'settings' });
    assert.deepEqual(priceForModel(prices, 'llama3.1')?.source, 'settings');
    assert.deepEqual(priceForModel(prices, 'gpt-4.1-mini'), { key: 'gpt-4.1-mini', price: BUILT_IN_PRICES['gpt-4.1-mini'], source: 'builtIn' });
    assert.deepEqual(priceForModel(pricesFromSettings(undefined), 'gpt-4o')?.price, BUILT_IN_PRICES['gpt-4o']);
  });

  it('prices a dated model by the longest key it extends, and a routed name by its model', () => {
    const prices = pricesFromSettings({});
    assert.equal(priceForModel(prices, 'gpt-4.1-mini-2025-04-14')?.key, 'gpt-4.1-mini');
    assert.equal(priceForModel(prices, 'gpt-4.1-2025-04-14')?.key, 'gpt-4.1');
    assert.equal(priceForModel(prices, 'openai/gpt-4o-mini')?.key, 'gpt-4o-mini');
    assert.equal(priceForModel(prices, 'gpt-5.4-mini')?.key, 'gpt-5.4-mini');
    // A newer point release is not the model it resembles: no price beats a wrong one.
    assert.equal(priceForModel(prices, 'gpt-5.1'), undefined);
    assert.equal(priceForModel(prices, 'gpt-4.10'), undefined);
  });

  it('never prices a fine-tuned model at its base model’s rate', () => {
    assert.equal(priceForModel(pricesFromSettings({}), 'ft:gpt-4o-mini:acme::abc123'), undefined);
    const own = pricesFromSettings({ 'ft:gpt-4o-mini:acme::abc123': { input: 0.3, output: 1.2 } });
    assert.equal(priceForModel(own, 'ft:gpt-4o-mini:acme::abc123')?.key, 'ft:gpt-4o-mini:acme::abc123');
  });

  it('has a built-in table that is well formed and dated', () => {
    assert.match(PRICES_CHECKED_ON, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(parsePriceTable(BUILT_IN_PRICES), BUILT_IN_PRICES, 'every built-in entry passes the settings schema');
    for (const [model, price] of Object.entries(BUILT_IN_PRICES)) {
      assert.ok(price.output !== undefined && price.output > price.input, `${model}: output costs more than input`);
      assert.ok(price.cachedInput !== undefined && price.cachedInput < price.input, `${model}: cache hits cost less`);
    }
  });
});
