import * as assert from 'node:assert/strict';
import { bandOf, formatProbability, lowestSpans, summarize, visibleToken } from '../../../src/core/turn/confidenceStats';
import type { TokenLogprob } from '../../../src/core/turn/logprobs';

const ln = Math.log;

describe('token confidence figures', () => {
  it('bands by probability: ≥ 90 %, ≥ 60 %, ≥ 30 %, below', () => {
    assert.deepEqual([0.99, 0.91, 0.89, 0.61, 0.59, 0.31, 0.29, 0.01].map((p) => bandOf(ln(p))), [0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('mean log-probability and perplexity', () => {
    const tokens: TokenLogprob[] = [['a', ln(0.5)], ['b', ln(0.25)], ['c', ln(1)]];
    const summary = summarize(tokens);
    assert.equal(summary.tokens, 3);
    assert.ok(Math.abs(summary.meanLogprob - (ln(0.5) + ln(0.25)) / 3) < 1e-12);
    assert.ok(Math.abs(summary.perplexity - 2) < 1e-12, 'exp(-(ln .5 + ln .25)/3) = 2');
    assert.deepEqual(summarize([]), { tokens: 0, meanLogprob: 0, perplexity: 1 });
  });

  it('lowest spans: runs of unsure tokens, across spaces, least sure first, limited', () => {
    const tokens: TokenLogprob[] = [
      ['The', ln(0.99)], [' cat', ln(0.5)], [' ', ln(0.2)], ['sat', ln(0.4)], [' on', ln(0.95)],
      [' the', ln(0.97)], [' mat', ln(0.1)], ['.', ln(0.99)], [' Yes', ln(0.55)],
    ];
    const spans = lowestSpans(tokens);
    assert.deepEqual(spans.map((s) => s.text), ['mat', 'cat sat', 'Yes']);
    assert.ok(Math.abs(spans[0].minProbability - 0.1) < 1e-12);
    assert.ok(Math.abs(spans[1].minProbability - 0.4) < 1e-12, 'a blank token neither joins the minimum nor breaks the run');
    assert.deepEqual(lowestSpans(tokens, 1).map((s) => s.text), ['mat']);
    assert.deepEqual(lowestSpans([['sure', ln(0.99)]]), []);
  });

  it('formats probabilities and makes whitespace tokens visible', () => {
    assert.deepEqual([1, 0.9996, 0.875, 0.05, 0.0004].map(formatProbability), ['100 %', '100 %', '87.5 %', '5.00 %', '< 0.1 %']);
    assert.deepEqual([' the', '\n', '  ', '', 'a\tb'].map(visibleToken), ['·the', '↵', '··', '∅', 'a⇥b']);
  });
});
