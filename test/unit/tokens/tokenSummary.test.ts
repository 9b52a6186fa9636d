import * as assert from 'node:assert/strict';
import { contextWindowFor } from '../../../src/core/tokens/contextWindows';
import { encodingForModel } from '../../../src/core/tokens/models';
import { PRICES_CHECKED_ON } from '../../../src/core/pricing/builtInPrices';
import { pricesFromSettings } from '../../../src/core/pricing/priceTable';
import { estimateSendCost, typicalAnswerLength } from '../../../src/core/pricing/sendEstimate';
import { formatUsd } from '../../../src/core/pricing/formatUsd';
import { formatShare, statusBarText, tooltipMarkdown, type TokenSnapshot } from '../../../src/core/tokens/tokenSummary';

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
      documentName: 'src/a.ts',
      cost: estimateSendCost(1_280, 'gpt-4o', pricesFromSettings({}), typicalAnswerLength([])),
    }));
    // 1,280 × $2.50/1M input, 1,000 assumed answer tokens × $10/1M output.
    for (const expected of ['Selection (2 ranges) | 1,280 | 1.0%', 'Document `src/a.ts` | 64,000 | 50%', 'Chat draft | 42 |',
      'Persona: Code Reviewer | 87 |', 'Context window: 128,000 tokens', 'asking about the selection: ~$0.0132',
      '$0.0032 input ($0.0016 if cached) + ~$0.0100 for a ~1,000-token answer (assumed', `checked ${PRICES_CHECKED_ON}`, '`o200k_base`']) {
      assert.ok(text.includes(expected), `tooltip lacks ${expected}:\n${text}`);
    }
    assert.ok(!text.includes('not a known OpenAI model'));
  });

  it('rests the answer on this conversation’s answers when there are some, and names a price from settings', () => {
    const prices = pricesFromSettings({ 'gpt-4o': { input: 1, output: 2 } });
    const text = tooltipMarkdown(snapshot('gpt-4o', { document: 1_000_000, cost: estimateSendCost(1_000_000, 'gpt-4o', prices, typicalAnswerLength([400, 600, 500])) }));
    for (const expected of ['asking about the document: ~$1.00', '$1.00 input + ~$0.001 for a ~500-token answer (the median of the last 3 answers', 'from `threadline.pricing`']) {
      assert.ok(text.includes(expected), `tooltip lacks ${expected}:\n${text}`);
    }
    const inputOnly = tooltipMarkdown(snapshot('gpt-4o', { document: 1_000_000, cost: estimateSendCost(1_000_000, 'gpt-4o', pricesFromSettings({ 'gpt-4o': { input: 1 } }), typicalAnswerLength([])) }));
    assert.ok(inputOnly.includes('input cost of the document: $1.00; no output price'), inputOnly);
  });

  it('notes an unknown model and a missing price', () => {
    const text = tooltipMarkdown(snapshot('llama3', { document: 10 }));
    assert.ok(text.includes('not a known OpenAI model'));
    assert.ok(text.includes('(unknown model: assumed)'));
    assert.ok(text.includes('No price for `llama3`'), text);
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
