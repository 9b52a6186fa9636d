import type { TokenLogprob } from './logprobs';

/**
 * Figures the confidence view shows for an answer's tokens: the tint band of each token, the mean
 * log-probability and perplexity, and the spans the model was least sure of. Pure, so the webview, the bench
 * and the unit tests compute exactly the same thing.
 */

/** Tint bands, most confident first; the thresholds are probabilities of the chosen token. */
export const CONFIDENCE_BANDS = [
  { band: 0, min: 0.9, label: 'high' },
  { band: 1, min: 0.6, label: 'fair' },
  { band: 2, min: 0.3, label: 'low' },
  { band: 3, min: 0, label: 'very low' },
] as const;
export type ConfidenceBand = (typeof CONFIDENCE_BANDS)[number]['band'];

/** A token below this probability counts towards a low-confidence span. */
export const LOW_CONFIDENCE = 0.6;

export function probabilityOf(logprob: number): number {
  return Math.exp(logprob);
}

export function bandOf(logprob: number): ConfidenceBand {
  const p = probabilityOf(logprob);
  for (const entry of CONFIDENCE_BANDS) if (p >= entry.min) return entry.band;
  return 3;
}

export interface ConfidenceSummary {
  tokens: number;
  /** Mean natural-log probability per token; 0 for no tokens. */
  meanLogprob: number;
  /** exp(-mean): 1 is certain, higher is less sure. */
  perplexity: number;
}

export function summarize(tokens: readonly TokenLogprob[]): ConfidenceSummary {
  if (tokens.length === 0) return { tokens: 0, meanLogprob: 0, perplexity: 1 };
  let sum = 0;
  for (const token of tokens) sum += token[1];
  const meanLogprob = sum / tokens.length;
  return { tokens: tokens.length, meanLogprob, perplexity: Math.exp(-meanLogprob) };
}

export interface LowSpan {
  /** Index of the first token, and one past the last. */
  start: number;
  end: number;
  text: string;
  /** The lowest probability in the span. */
  minProbability: number;
}

/**
 * Runs of consecutive tokens below LOW_CONFIDENCE, least sure first (by the lowest token in each run), at most
 * `limit`. Whitespace-only tokens neither start nor end a run, so a span reads as words, not as a gap.
 */
export function lowestSpans(tokens: readonly TokenLogprob[], limit = 5): LowSpan[] {
  const threshold = Math.log(LOW_CONFIDENCE);
  const spans: LowSpan[] = [];
  let start = -1;
  let end = -1;
  let min = 0;
  const close = () => {
    if (start < 0) return;
    const text = tokens.slice(start, end).map((t) => t[0]).join('').trim();
    if (text) spans.push({ start, end, text, minProbability: probabilityOf(min) });
    start = -1;
  };
  tokens.forEach((token, index) => {
    if (token[0].trim() === '') return;
    if (token[1] >= threshold) return close();
    if (start < 0) {
      start = index;
      min = token[1];
    }
    end = index + 1;
    min = Math.min(min, token[1]);
  });
  close();
  return spans.sort((a, b) => a.minProbability - b.minProbability || a.start - b.start).slice(0, limit);
}

/** "87.5 %", "< 0.1 %", "100 %": short enough for a tooltip line, honest at both ends. */
export function formatProbability(probability: number): string {
  const percent = probability * 100;
  if (percent >= 99.95) return '100 %';
  if (percent < 0.1) return '< 0.1 %';
  return `${percent.toFixed(percent >= 10 ? 1 : 2)} %`;
}

/** Tokens shown as typed text: whitespace made visible, so a newline or a space can be told apart in a list. */
export function visibleToken(token: string): string {
  if (token === '') return '∅';
  return token.replace(/\n/g, '↵').replace(/\t/g, '⇥').replace(/^ +| +$/g, (spaces) => '·'.repeat(spaces.length));
}
