import * as assert from 'node:assert/strict';
import { ChainMemoryStore } from '../../../src/core/endpoints/chainMemoryStore';
import { endpointKey } from '../../../src/core/endpoints/endpointKey';
import { compactsOnServer, contextBudgetFor } from '../../../src/core/endpoints/contextBudget';

describe('chain memory per endpoint', () => {
  it('keeps a stateless verdict per base URL, saves it, and reads it back after a reload', async () => {
    let saved: unknown;
    const port = { load: () => saved, save: (value: unknown) => { saved = value; } };
    const store = new ChainMemoryStore(port);
    store.forEndpoint('http://localhost:11434/v1/').stateless = true;
    assert.equal(store.isStateless('http://localhost:11434/v1'), true, 'a trailing slash is the same endpoint');
    assert.equal(store.isStateless('https://api.openai.com/v1'), false, 'another endpoint starts fresh');
    await store.persist();
    assert.deepEqual(saved, { 'http://localhost:11434/v1': { stateless: true } });

    const reloaded = new ChainMemoryStore(port);
    assert.equal(reloaded.forEndpoint('http://localhost:11434/v1').stateless, true);
    assert.equal(reloaded.forEndpoint('https://api.openai.com/v1').stateless, false);
  });

  it('ignores saved state it cannot read, and never keys by credentials', () => {
    assert.equal(new ChainMemoryStore({ load: () => 'garbage', save: () => undefined }).isStateless('http://x/v1'), false);
    assert.equal(new ChainMemoryStore({ load: () => ({ 'http://x/v1': { stateless: 'yes' } }), save: () => undefined }).isStateless('http://x/v1'), false);
    assert.equal(endpointKey('https://user:secret@Example.com/v1/?key=abc'), 'https://example.com/v1');
  });
});

describe('context budget', () => {
  it('re-sends at most the window less a fifth, or the configured input budget', () => {
    assert.equal(contextBudgetFor('gpt-4o', 'http://127.0.0.1:1/v1', { compactAt: 0.8, maxInputTokens: 0 }).transcriptTokens, 102_400);
    assert.equal(contextBudgetFor('gpt-4o', 'http://127.0.0.1:1/v1', { compactAt: 0.8, maxInputTokens: 5000 }).transcriptTokens, 5000);
  });

  it('compacts at compactAt of the window, on the server only for OpenAI', () => {
    const openai = contextBudgetFor('gpt-5', 'https://api.openai.com/v1', { compactAt: 0.5, maxInputTokens: 0 });
    assert.deepEqual([openai.compactAtTokens, openai.serverCompacts], [200_000, true]);
    const local = contextBudgetFor('gpt-5', 'http://localhost:1234/v1', { compactAt: 0.5, maxInputTokens: 0 });
    assert.equal(local.serverCompacts, false);
    const configured = contextBudgetFor('gpt-5', 'http://localhost:1234/v1', { compactAt: 0.5, maxInputTokens: 4000 });
    assert.deepEqual([configured.transcriptTokens, configured.compactAtTokens], [4000, 2000], 'a configured budget stands for the window');
    assert.equal(compactsOnServer('not a url'), false);
  });
});
