import * as z from 'zod';
import { modelFamilyName } from '../tokens/models';
import { BUILT_IN_PRICES } from './builtInPrices';

/** USD per 1M tokens, as in `threadline.pricing`. */
export const modelPriceSchema = z.object({
  input: z.number().min(0),
  cachedInput: z.number().min(0).optional(),
  output: z.number().min(0).optional(),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;
export type PriceTable = Record<string, ModelPrice>;

/** A price and where it came from: the built-in table (dated) or the user's `threadline.pricing`. */
export interface PriceMatch {
  /** The table key that matched, e.g. `gpt-4.1-mini` for `gpt-4.1-mini-2025-04-14`. */
  key: string;
  price: ModelPrice;
  source: 'builtIn' | 'settings';
}

/** The prices in force: the built-in table with the user's entries on top, each entry remembering its source. */
export interface Prices {
  readonly table: PriceTable;
  readonly fromSettings: ReadonlySet<string>;
}

/** Keeps the entries that are valid prices; a hand-edited bad entry only loses its own estimate. */
export function parsePriceTable(raw: unknown): PriceTable {
  const table: PriceTable = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return table;
  for (const [model, value] of Object.entries(raw)) {
    const parsed = modelPriceSchema.safeParse(value);
    if (parsed.success) table[model.trim().toLowerCase()] = parsed.data;
  }
  return table;
}

/**
 * The built-in prices overridden entry by entry by `threadline.pricing`: a user who corrects one model's price
 * (or adds a model of a local or third-party endpoint) keeps every other dated price.
 */
export function pricesFromSettings(raw: unknown, builtIn: PriceTable = BUILT_IN_PRICES): Prices {
  const user = parsePriceTable(raw);
  return { table: { ...builtIn, ...user }, fromSettings: new Set(Object.keys(user)) };
}

/**
 * The price for a model: its exact name, else the longest table key it extends with `-…`
 * (`gpt-4.1-mini-2025-04-14` → `gpt-4.1-mini`, not `gpt-4.1`). A routing prefix (`openai/gpt-4o`) is looked
 * through; a fine-tuned model (`ft:…`) is priced only by its own entry, because fine-tuned models are billed at
 * other rates than their base.
 */
export function priceForModel(prices: Prices, model: string): PriceMatch | undefined {
  const exact = model.trim().toLowerCase();
  const candidates = exact.startsWith('ft:') ? [exact] : [exact, modelFamilyName(model)];
  const found = (key: string): PriceMatch => ({
    key,
    price: prices.table[key] as ModelPrice,
    source: prices.fromSettings.has(key) ? 'settings' : 'builtIn',
  });
  for (const name of candidates) if (prices.table[name]) return found(name);
  let best: string | undefined;
  for (const key of Object.keys(prices.table)) {
    if (candidates.some((name) => name.startsWith(`${key}-`)) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : found(best);
}
