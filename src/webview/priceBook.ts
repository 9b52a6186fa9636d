import { formatUsd } from '../core/pricing/formatUsd';
import { fromPanelPrices, type PanelPrices } from '../core/pricing/panelPricing';
import type { Prices } from '../core/pricing/priceTable';
import { answerCost, type ConversationCost } from '../core/pricing/usageCost';
import type { Usage } from '../core/turn/usage';
import { wt } from '../core/l10n/webviewMessages';

/**
 * The prices the panel last received. Footers read them when they render (as images read their base), so a turn
 * built later, or re-rendered, is priced with what is in force then.
 */
let current: { prices: Prices; checkedOn: string; key: string } | undefined;

/** Takes the panel state's prices; true when they differ from what footers were priced with. */
export function setPanelPrices(panel: PanelPrices | undefined): boolean {
  const key = panel ? JSON.stringify(panel) : '';
  if (key === (current?.key ?? '')) return false;
  current = panel ? { prices: fromPanelPrices(panel), checkedOn: panel.checkedOn, key } : undefined;
  return true;
}

export interface CostLabel {
  text: string;
  title: string;
}

/** An answer's cost for its footer, or undefined when its model has no price (the footer then shows tokens only). */
export function answerCostLabel(usage: Usage, model: string): CostLabel | undefined {
  if (!current) return undefined;
  const priced = answerCost(usage, model, current.prices);
  if (!priced) return undefined;
  const { cost, match } = priced;
  const source = match.source === 'settings' ? wt('cost.pricesFromSettings', match.key) : wt('cost.pricesBuiltIn', match.key, current.checkedOn);
  return {
    text: formatUsd(cost.total),
    title: [wt('cost.answer', formatUsd(cost.total)), wt('cost.breakdown', formatUsd(cost.input), formatUsd(cost.cached), formatUsd(cost.output)), source].join('\n'),
  };
}

/** The conversation's bill for the header: a figure only when every model used is priced. */
export function conversationCostLabel(cost: ConversationCost | undefined): { text?: string; title: string } | undefined {
  if (!cost) return undefined;
  if (cost.usd === undefined) return { title: wt('cost.unpriced', cost.unpriced.join(', ')) };
  const source = cost.usesSettings ? wt('cost.someFromSettings') : wt('cost.checkedOn', current?.checkedOn ?? '');
  return { text: formatUsd(cost.usd), title: `${wt('cost.total', formatUsd(cost.usd))}\n${source}` };
}
