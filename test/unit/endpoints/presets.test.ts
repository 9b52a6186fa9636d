import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBaseUrl } from '../../../src/core/endpoints/endpoint';
import { missingProfileKeyError } from '../../../src/core/endpoints/endpointErrors';
import { envKeyFor, keyHeaders, PRESET_IDS, PRESETS, presetOf } from '../../../src/core/endpoints/presets';

describe('endpoint presets', () => {
  it('have the documented URL, dialect and key for each server', () => {
    const table = PRESET_IDS.map((id) => [id, PRESETS[id].baseUrl, PRESETS[id].dialect, PRESETS[id].keyless]);
    assert.deepEqual(table, [
      ['openai', 'https://api.openai.com/v1', 'responses', false],
      ['azure', 'https://RESOURCE.openai.azure.com/openai/v1/', 'responses', false],
      ['ollama', 'http://localhost:11434/v1', 'auto', true],
      ['lmstudio', 'http://localhost:1234/v1', 'auto', true],
      ['vllm', 'http://localhost:8000/v1', 'auto', false],
      ['gemini', 'https://generativelanguage.googleapis.com/v1beta/openai/', 'chat', false],
      ['openrouter', 'https://openrouter.ai/api/v1', 'chat', false],
      ['custom', 'https://', 'auto', false],
    ]);
  });

  it('read only their own environment variable for the key', () => {
    assert.equal(envKeyFor('openai'), 'OPENAI_API_KEY');
    assert.equal(envKeyFor('azure'), 'AZURE_OPENAI_API_KEY');
    assert.equal(envKeyFor('gemini'), 'GEMINI_API_KEY');
    for (const id of ['ollama', 'lmstudio', 'vllm', 'openrouter', 'custom']) assert.equal(envKeyFor(id), undefined, id);
  });

  it('put Azure’s key in api-key and drop the bearer header; others keep the bearer key', () => {
    assert.deepEqual(keyHeaders('azure', 'k1'), { 'api-key': 'k1', Authorization: null });
    assert.deepEqual(keyHeaders('openai', 'k1'), {});
    assert.deepEqual(keyHeaders('gemini', 'k1'), {});
  });

  it('prefill URLs that are valid, except where the user must fill in a name', () => {
    for (const id of PRESET_IDS) {
      const check = checkBaseUrl(PRESETS[id].baseUrl, { profile: PRESETS[id].label });
      assert.equal(check.ok, !['azure', 'custom'].includes(id), id);
    }
    const azure = checkBaseUrl(PRESETS.azure.baseUrl, { profile: 'Azure OpenAI' });
    assert.ok(!azure.ok && /RESOURCE/.test(azure.error.detail) && /endpoint “Azure OpenAI”/.test(azure.error.title));
  });

  it('fall back to Custom for an unknown preset', () => {
    assert.equal(presetOf('nope').id, 'custom');
  });

  it('agree with the README’s table and the missing-key message on which servers take no key', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    for (const id of PRESET_IDS) {
      const preset = PRESETS[id];
      const row = readme.split('\n').find((line) => line.startsWith(`| ${preset.label} |`));
      assert.ok(row, `the README has a row for ${preset.label}`);
      assert.equal(/none \(keyless\)/.test(row), preset.keyless, row);
      assert.ok(row.includes(`| ${preset.dialect} |`), `the README gives ${preset.label}'s dialect: ${row}`);
      if (preset.envKey) assert.ok(row.includes(preset.envKey), row);
    }
    const keyless = PRESET_IDS.filter((id) => PRESETS[id].keyless).map((id) => PRESETS[id].label);
    const missing = missingProfileKeyError({ id: 'x', label: 'X', preset: 'openai', baseUrl: 'https://api.openai.com/v1', dialect: 'responses' });
    const action = missing.action ?? '';
    for (const label of keyless) assert.ok(action.includes(label), `the missing-key message names ${label} as keyless`);
    assert.deepEqual(missing.actions, ['setApiKey'], 'the failed turn carries a Set API Key button');
  });
});
