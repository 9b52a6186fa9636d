import type { Turn } from '../conversation/turn';
import { answerUsages } from '../conversation/fanOutAnswers';
import { modelFamilyName } from '../tokens/models';
import { type PriceMatch, type Prices, priceForModel } from './priceTable';

/**
 * What asking about some text would cost: the input is counted exactly, the answer is not written yet. Its length
 * is the median of this conversation's recent answers from the same model, or ASSUMED_ANSWER_TOKENS before there
 * are any; the tooltip says which, so a reader knows how much of the figure is a guess.
 */
export const ASSUMED_ANSWER_TOKENS = 1000;
/** Enough answers for a stable median; older ones say less about how this model answers here now. */
const RECENT_ANSWERS = 20;

export interface AnswerLength {
  tokens: number;
  /** `conversation`: the median of `answers` recent answers; `assumed`: none yet. */
  basis: 'conversation' | 'assumed';
  answers: number;
}

export interface SendEstimate {
  match: PriceMatch;
  /** USD for the input at the full price. */
  input: number;
  /** USD for the input if every token were a cache hit; absent when the price has no cached rate. */
  cachedInput?: number;
  answer: AnswerLength;
  /** USD for an answer of `answer.tokens`; absent when the price has no output rate. */
  output?: number;
  /** Input plus output; absent with `output`. */
  total?: number;
}

/** Output tokens (reasoning included) of the newest answers from `model` or a dated version of it, oldest first. */
export function recentAnswerTokens(turns: readonly Turn[], model: string, limit = RECENT_ANSWERS): number[] {
  const family = undated(model);
  const found: number[] = [];
  for (let i = turns.length - 1; i >= 0 && found.length < limit; i -= 1) {
    const turn = turns[i] as Turn;
    for (const answer of answerUsages(turn)) {
      if (undated(answer.model) === family && answer.usage.outputTokens > 0) found.push(answer.usage.outputTokens);
    }
  }
  return found.slice(0, limit).reverse();
}

/** `gpt-4.1-2025-04-14` answers like `gpt-4.1`; `gpt-4.1-mini` is another model. */
function undated(model: string): string {
  return modelFamilyName(model).replace(/-\d{4}-\d{2}-\d{2}$/, '');
}

export function typicalAnswerLength(outputs: readonly number[]): AnswerLength {
  if (outputs.length === 0) return { tokens: ASSUMED_ANSWER_TOKENS, basis: 'assumed', answers: 0 };
  const sorted = [...outputs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { tokens: Math.round(median), basis: 'conversation', answers: sorted.length };
}

export function estimateSendCost(inputTokens: number, model: string, prices: Prices, answer: AnswerLength): SendEstimate | undefined {
  const match = priceForModel(prices, model);
  if (!match) return undefined;
  const { price } = match;
  const estimate: SendEstimate = { match, input: (inputTokens / 1_000_000) * price.input, answer };
  if (price.cachedInput !== undefined) estimate.cachedInput = (inputTokens / 1_000_000) * price.cachedInput;
  if (price.output !== undefined) {
    estimate.output = (answer.tokens / 1_000_000) * price.output;
    estimate.total = estimate.input + estimate.output;
  }
  return estimate;
}
