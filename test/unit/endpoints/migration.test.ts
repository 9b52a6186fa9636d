import * as assert from 'node:assert/strict';
import { effectiveEndpoints, LEGACY_PROFILE_ID, legacyProfile, withAddedProfile } from '../../../src/core/endpoints/migration';
import type { EndpointProfile } from '../../../src/core/endpoints/profiles';

const gemini: EndpointProfile = { id: 'gemini', label: 'Gemini', preset: 'gemini', baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai/', dialect: 'chat' };

describe('migration from 0.1.0’s base URL', () => {
  it('makes threadline.baseUrl the one profile while none is set, as 0.1.0 used it', () => {
    const openai = effectiveEndpoints({ endpoints: undefined, activeEndpoint: '', baseUrl: 'https://api.openai.com/v1' });
    assert.equal(openai.fromLegacy, true);
    assert.deepEqual(openai.active, { id: LEGACY_PROFILE_ID, label: 'OpenAI', preset: 'openai', baseUrl: 'https://api.openai.com/v1', dialect: 'responses' });
    const azure = legacyProfile('https://res.openai.azure.com/openai/v1/');
    assert.equal(azure.preset, 'custom', '0.1.0 sent a bearer key to Azure; the migrated profile keeps doing so');
    assert.equal(azure.label, 'res.openai.azure.com');
    assert.equal(legacyProfile('http://localhost:1234/v1').keyless, true, 'loopback needed no key in 0.1.0');
  });

  it('uses the profiles once there are any, and the legacy one again when all are invalid', () => {
    const set = effectiveEndpoints({ endpoints: [gemini], activeEndpoint: 'gemini', baseUrl: 'https://api.openai.com/v1' });
    assert.equal(set.fromLegacy, false);
    assert.equal(set.active.id, 'gemini');
    const broken = effectiveEndpoints({ endpoints: [{ id: 'x' }], activeEndpoint: 'x', baseUrl: 'http://127.0.0.1:9/v1' });
    assert.equal(broken.active.id, LEGACY_PROFILE_ID);
    assert.equal(broken.problems.length > 0, true);
  });

  it('names an active id that matches no profile, and falls back to the first', () => {
    const state = effectiveEndpoints({ endpoints: [gemini], activeEndpoint: 'gone', baseUrl: '' });
    assert.equal(state.active.id, 'gemini');
    assert.equal(state.unknownActiveId, 'gone');
  });

  it('writes 0.1.0’s endpoint ahead of the first profile added, so it is not lost', () => {
    const written = withAddedProfile(undefined, 'https://proxy.example/v1', gemini) as EndpointProfile[];
    assert.deepEqual(written.map((p) => p.id), [LEGACY_PROFILE_ID, 'gemini']);
    assert.equal(written[0]?.baseUrl, 'https://proxy.example/v1');
    const again = withAddedProfile(written, 'ignored', { ...gemini, id: 'gemini-2' }) as EndpointProfile[];
    assert.deepEqual(again.map((p) => p.id), [LEGACY_PROFILE_ID, 'gemini', 'gemini-2']);
  });
});
