import type { Turn } from '../conversation/turn';
import { answerUsages } from '../conversation/fanOutAnswers';
import type { Usage } from '../turn/usage';
import { type ModelPrice, type PriceMatch, type Prices, priceForModel } from './priceTable';

/** Tokens one model used, as the API reports them: `input` includes the `cached` tokens. */
export interface ModelUsage {
  input: number;
  cached: number;
  output: number;
}

/** What a bill for some usage says, in USD. */
export interface CostBreakdown {
  /** Input tokens that missed the prompt cache, at the full input price. */
  input: number;
  /** Cache hits, at the cached price (the full price when the table gives none). */
  cached: number;
  /** Output tokens, reasoning included: the API bills reasoning as output. */
  output: number;
  total: number;
}

/** A usage's bill, or undefined when it has output the price cannot bill (an entry without an output price). */
export function costOf(usage: ModelUsage, price: ModelPrice): CostBreakdown | undefined {
  if (usage.output > 0 && price.output === undefined) return undefined;
  const cachedTokens = Math.min(usage.cached, usage.input);
  const input = ((usage.input - cachedTokens) * price.input) / 1_000_000;
  const cached = (cachedTokens * (price.cachedInput ?? price.input)) / 1_000_000;
  const output = (usage.output * (price.output ?? 0)) / 1_000_000;
  return { input, cached, output, total: input + cached + output };
}

export function modelUsageOf(usage: Usage): ModelUsage {
  return { input: usage.inputTokens, cached: usage.cachedTokens, output: usage.outputTokens };
}

/** One answer's cost with the price that was used, or undefined when its model has no (complete) price. */
export function answerCost(usage: Usage, model: string, prices: Prices): { cost: CostBreakdown; match: PriceMatch } | undefined {
  const match = priceForModel(prices, model);
  const cost = match && costOf(modelUsageOf(usage), match.price);
  return match && cost ? { cost, match } : undefined;
}

/** Every answer's tokens by model: a fan-out turn counts each of its answers, whichever the chain continued with. */
export function usageByModel(turns: readonly Turn[]): Record<string, ModelUsage> {
  const byModel: Record<string, ModelUsage> = {};
  for (const turn of turns) {
    for (const { model, usage } of answerUsages(turn)) {
      const sum = (byModel[model] ??= { input: 0, cached: 0, output: 0 });
      sum.input += usage.inputTokens;
      sum.cached += usage.cachedTokens;
      sum.output += usage.outputTokens;
    }
  }
  return byModel;
}

/** A conversation's bill: the sum when every model used has a price, and the models that have none. */
export interface ConversationCost {
  /** USD; absent when any model is unpriced, because a partial sum would read as the whole bill. */
  usd?: number;
  unpriced: string[];
  /** True when any price used came from `threadline.pricing` rather than the dated built-in table. */
  usesSettings: boolean;
}

export function conversationCost(byModel: Readonly<Record<string, ModelUsage>>, prices: Prices): ConversationCost {
  let total = 0;
  let usesSettings = false;
  const unpriced: string[] = [];
  for (const [model, usage] of Object.entries(byModel)) {
    if (usage.input === 0 && usage.cached === 0 && usage.output === 0) continue;
    const match = priceForModel(prices, model);
    const cost = match && costOf(usage, match.price);
    if (!match || !cost) {
      unpriced.push(model);
      continue;
    }
    usesSettings ||= match.source === 'settings';
    total += cost.total;
  }
  return unpriced.length > 0 ? { unpriced, usesSettings } : { usd: total, unpriced, usesSettings };
}
