import * as assert from 'node:assert/strict';
import { contextWindowFor } from '../../../src/core/tokens/contextWindows';
import { encodingForModel } from '../../../src/core/tokens/models';
import { formatShare, formatUsd, statusBarText, tooltipMarkdown, type TokenSnapshot } from '../../../src/core/tokens/tokenSummary';

function snapshot(model: string, extra: Partial<TokenSnapshot>): TokenSnapshot {
  return { model, modelEncoding: encodingForModel(model), contextWindow: contextWindowFor(model), selectionRanges: 0, loading: false, ...extra };
}

describe('token summary', () => {
  it('shows the selection when there is one, else the document', () => {
    assert.equal(statusBarText(snapshot('gpt-4.1', { document: 12_345 })), '$(symbol-numeric) 12,345 tokens');
    assert.equal(statusBarText(snapshot('gpt-4.1', { document: 12_345, selection: 67, selectionRanges: 1 })), '$(selection) 67 tokens selected');
    assert.equal(statusBarText(snapshot('gpt-4.1', { loading: true })), '$(loading~spin) tokens');
  });

  it('puts every count, the context share, the cost and the encoding in the tooltip', () => {
    const text = tooltipMarkdown(snapshot('gpt-4o', {
      document: 64_000, selection: 1_280, selectionRanges: 2, draft: 42, persona: 87, personaLabel: 'Code Reviewer',
      documentName: 'src/a.ts', cost: { priceKey: 'gpt-4o', input: 0.0032, cachedInput: 0.0016 },
    }));
    for (const expected of ['Selection (2 ranges) | 1,280 | 1.0%', 'Document `src/a.ts` | 64,000 | 50%', 'Chat draft | 42 |',
      'Persona: Code Reviewer | 87 |', 'Context window: 128,000 tokens', '$0.0032', '$0.0016 if cached', '`o200k_base`']) {
      assert.ok(text.includes(expected), `tooltip lacks ${expected}:\n${text}`);
    }
    assert.ok(!text.includes('not a known OpenAI model'));
  });

  it('notes an unknown model and a missing price', () => {
    const text = tooltipMarkdown(snapshot('llama3', { document: 10 }));
    assert.ok(text.includes('not a known OpenAI model'));
    assert.ok(text.includes('(unknown model: assumed)'));
    assert.ok(text.includes('No price for this model'));
  });

  it('formats shares and dollars readably', () => {
    assert.equal(formatShare(0, 1000), '0%');
    assert.equal(formatShare(1, 100_000), '<0.1%');
    assert.equal(formatShare(500, 1000), '50%');
    assert.equal(formatUsd(1.5), '$1.50');
    assert.equal(formatUsd(0.25), '$0.2500');
    assert.equal(formatUsd(0.000125), '$0.000125');
    assert.equal(formatUsd(0.0000001), '<$0.000001', 'a tiny cost is not printed as "$0."');
    assert.equal(formatUsd(0.0005), '$0.0005');
  });
});
