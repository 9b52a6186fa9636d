import type { PriceTable } from './priceTable';

/**
 * The prices Threadline knows without settings: USD per 1M tokens, standard tier (not Batch, Flex or Priority),
 * short-context rates. Every entry was compared on PRICES_CHECKED_ON with the published per-1M prices of OpenAI's
 * pricing page (PRICE_SOURCE). Prices change: `threadline.pricing` overrides any entry and adds others, and the
 * token tooltip and the conversation total say which table a figure came from and when it was checked.
 */
export const PRICES_CHECKED_ON = '2026-11-30';
export const PRICE_SOURCE = 'https://developers.openai.com/api/docs/pricing';

export const BUILT_IN_PRICES: PriceTable = {
  'gpt-4.1': { input: 2, cachedInput: 0.5, output: 8 },
  'gpt-4.1-mini': { input: 0.4, cachedInput: 0.1, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, cachedInput: 0.025, output: 0.4 },
  'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
  'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
  'gpt-5': { input: 1.25, cachedInput: 0.125, output: 10 },
  'gpt-5-mini': { input: 0.25, cachedInput: 0.025, output: 2 },
  'gpt-5-nano': { input: 0.05, cachedInput: 0.005, output: 0.4 },
  'gpt-5.4': { input: 2.5, cachedInput: 0.25, output: 15 },
  'gpt-5.4-mini': { input: 0.75, cachedInput: 0.075, output: 4.5 },
  'o3': { input: 2, cachedInput: 0.5, output: 8 },
  'o4-mini': { input: 1.1, cachedInput: 0.275, output: 4.4 },
};
