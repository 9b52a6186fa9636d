import * as assert from 'node:assert/strict';
import { contextWindowFor } from '../../../src/core/tokens/contextWindows';
import { encodingForModel } from '../../../src/core/tokens/models';

describe('model tables', () => {
  it('maps model families to their encodings', () => {
    const o200k = ['gpt-4o', 'gpt-4o-mini-2024-07-18', 'chatgpt-4o-latest', 'gpt-4.1', 'gpt-4.1-nano', 'gpt-4.5-preview', 'gpt-5',
      'gpt-5-mini', 'gpt-5.1-codex', 'o1', 'o1-mini', 'o3-mini', 'o4-mini', 'GPT-4O', 'openai/gpt-4.1', 'ft:gpt-4o-mini:acme::abc'];
    for (const model of o200k) assert.deepEqual(encodingForModel(model), { encoding: 'o200k_base', known: true }, model);
    const cl100k = ['gpt-4', 'gpt-4-0613', 'gpt-4-32k', 'gpt-4-turbo', 'gpt-4-turbo-2024-04-09', 'gpt-3.5-turbo', 'gpt-35-turbo', 'text-embedding-3-small'];
    for (const model of cl100k) assert.deepEqual(encodingForModel(model), { encoding: 'cl100k_base', known: true }, model);
  });

  it('falls back to o200k_base and says so for unknown models', () => {
    for (const model of ['llama3.1:8b', 'gpt-4x', 'claude-3', 'omni', '']) {
      assert.deepEqual(encodingForModel(model), { encoding: 'o200k_base', known: false }, model);
    }
  });

  it('knows the context windows of each family', () => {
    const expected: Array<[string, number]> = [
      ['gpt-4.1', 1_047_576], ['gpt-4.1-mini-2025-04-14', 1_047_576], ['gpt-4o', 128_000], ['gpt-4o-mini', 128_000],
      ['gpt-5', 400_000], ['gpt-5-nano', 400_000], ['o3', 200_000], ['o4-mini', 200_000], ['o1-mini', 128_000],
      ['gpt-4', 8_192], ['gpt-4-0613', 8_192], ['gpt-4-32k', 32_768], ['gpt-4-turbo', 128_000], ['gpt-3.5-turbo', 16_385],
    ];
    for (const [model, tokens] of expected) assert.deepEqual(contextWindowFor(model), { tokens, known: true }, model);
    assert.deepEqual(contextWindowFor('mistral-large'), { tokens: 128_000, known: false });
  });
});
