import * as z from 'zod';
import { modelFamilyName } from './models';

/** USD per 1M tokens, as in `threadline.pricing`. */
export const modelPriceSchema = z.object({
  input: z.number().min(0),
  cachedInput: z.number().min(0).optional(),
  output: z.number().min(0).optional(),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;
export type PriceTable = Record<string, ModelPrice>;

/** Keeps the entries that are valid prices; a hand-edited bad entry only loses its own estimate. */
export function parsePriceTable(raw: unknown): PriceTable {
  const table: PriceTable = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return table;
  for (const [model, value] of Object.entries(raw)) {
    const parsed = modelPriceSchema.safeParse(value);
    if (parsed.success) table[model.toLowerCase()] = parsed.data;
  }
  return table;
}

/**
 * The price for a model: its exact name, else the longest table key it extends with `-…`
 * (`gpt-4.1-mini-2025-04-14` → `gpt-4.1-mini`, not `gpt-4.1`).
 */
export function priceForModel(table: PriceTable, model: string): { key: string; price: ModelPrice } | undefined {
  const candidates = [model.trim().toLowerCase(), modelFamilyName(model)];
  for (const name of candidates) {
    const exact = table[name];
    if (exact) return { key: name, price: exact };
  }
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    if (candidates.some((name) => name.startsWith(`${key}-`)) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : { key: best, price: table[best] as ModelPrice };
}

export interface InputCostEstimate {
  /** The price table key that matched. */
  priceKey: string;
  /** USD at the full input price. */
  input: number;
  /** USD if every token were a cache hit; absent when the table gives no cached price. */
  cachedInput?: number;
}

export function estimateInputCost(tokens: number, model: string, table: PriceTable): InputCostEstimate | undefined {
  const match = priceForModel(table, model);
  if (!match) return undefined;
  const estimate: InputCostEstimate = { priceKey: match.key, input: (tokens / 1_000_000) * match.price.input };
  if (match.price.cachedInput !== undefined) estimate.cachedInput = (tokens / 1_000_000) * match.price.cachedInput;
  return estimate;
}
