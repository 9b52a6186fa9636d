import * as assert from 'node:assert/strict';
import { estimateImageTokens, imageCostFormula, patchCount, tileCount } from '../../../src/core/images/imageTokens';

/** The worked examples of OpenAI's "Images and vision" guide, "Calculating costs". */
describe('image token estimate', () => {
  it('tile models: the guide’s examples for gpt-4o', () => {
    assert.equal(estimateImageTokens({ width: 1024, height: 1024 }, 'high', 'gpt-4o'), 765, '1024² → 768² → 4 tiles');
    assert.equal(estimateImageTokens({ width: 2048, height: 4096 }, 'high', 'gpt-4o'), 1105, '→ 1024×2048 → 768×1536 → 6 tiles');
    assert.equal(estimateImageTokens({ width: 4096, height: 8192 }, 'low', 'gpt-4o'), 85, 'low is the base whatever the size');
    assert.equal(estimateImageTokens({ width: 1024, height: 1024 }, 'auto', 'gpt-4.1'), 765, 'auto counts as high: the most it can cost');
  });

  it('never scales a small image up', () => {
    assert.equal(tileCount(300, 200), 1);
    assert.equal(estimateImageTokens({ width: 300, height: 200 }, 'high', 'gpt-4o'), 255);
  });

  it('patch models: 32-px patches, capped at 1536, times the model’s multiplier', () => {
    assert.equal(patchCount(1024, 1024, 1536), 1024, 'the guide: 1024×1024 is 1024 patches');
    assert.equal(patchCount(1800, 2400, 1536), 1452, 'the guide: 1800×2400 is scaled to 1452 patches');
    assert.equal(estimateImageTokens({ width: 1024, height: 1024 }, 'high', 'gpt-4.1-mini'), Math.ceil(1024 * 1.62));
    assert.equal(estimateImageTokens({ width: 1024, height: 1024 }, 'low', 'gpt-4.1-nano'), Math.ceil(1024 * 2.46), 'detail does not change patch models');
    assert.equal(estimateImageTokens({ width: 1800, height: 2400 }, 'high', 'o4-mini'), Math.ceil(1452 * 1.72));
    assert.ok(patchCount(10_000, 10_000, 1536) <= 1536);
  });

  it('picks the formula by model family, provider prefixes and snapshots included', () => {
    assert.deepEqual(imageCostFormula('openai/gpt-4.1-mini-2025-04-14'), { kind: 'patch', multiplier: 1.62, maxPatches: 1536 });
    assert.deepEqual(imageCostFormula('o3'), { kind: 'tile', base: 75, perTile: 150 });
    assert.deepEqual(imageCostFormula('gpt-4o-mini'), { kind: 'tile', base: 2833, perTile: 5667 });
    assert.deepEqual(imageCostFormula('my-local-model'), { kind: 'tile', base: 85, perTile: 170 });
  });

  it('assumes a large image when the size is unknown, rather than a free one', () => {
    assert.equal(estimateImageTokens({}, 'high', 'gpt-4o'), estimateImageTokens({ width: 2048, height: 2048 }, 'high', 'gpt-4o'));
  });
});
