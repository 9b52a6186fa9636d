import * as z from 'zod';
import { PRICES_CHECKED_ON } from './builtInPrices';
import { modelPriceSchema, type Prices } from './priceTable';
import type { ConversationCost } from './usageCost';

/**
 * Prices as they cross to the chat panel: the table in force, which entries came from settings, and when the
 * built-in ones were checked. The panel prices each answer's footer with them; the conversation's total comes
 * from the host, which holds every turn (the panel may hold only the newest pages).
 */
export const panelPricesSchema = z.object({
  table: z.record(z.string().max(200), modelPriceSchema),
  fromSettings: z.array(z.string().max(200)).max(500),
  checkedOn: z.string().max(20),
});
export type PanelPrices = z.infer<typeof panelPricesSchema>;

export const conversationCostSchema = z.object({
  usd: z.number().nonnegative().optional(),
  unpriced: z.array(z.string().max(200)).max(100),
  usesSettings: z.boolean(),
});

export function toPanelPrices(prices: Prices): PanelPrices {
  return { table: prices.table, fromSettings: [...prices.fromSettings], checkedOn: PRICES_CHECKED_ON };
}

export function fromPanelPrices(panel: PanelPrices): Prices {
  return { table: panel.table, fromSettings: new Set(panel.fromSettings) };
}

/** The unpriced list is for the tooltip; a conversation that used a hundred models is told about the first hundred. */
export function toPanelCost(cost: ConversationCost): ConversationCost {
  return { ...cost, unpriced: cost.unpriced.slice(0, 100) };
}
