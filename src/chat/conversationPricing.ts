import * as vscode from 'vscode';
import type { Turn } from '../core/conversation/turn';
import { type PanelPrices, toPanelCost, toPanelPrices } from '../core/pricing/panelPricing';
import { type Prices, pricesFromSettings } from '../core/pricing/priceTable';
import { type ConversationCost, conversationCost, usageByModel } from '../core/pricing/usageCost';
import { CONFIG_SECTION, readConfig } from '../host/config';
import { DisposableOwner } from '../host/disposables';

/**
 * The prices the chat panel shows costs with: the built-in table under `threadline.pricing`, read once per
 * settings change, and the bill of a whole conversation.
 */
export class ConversationPricing extends DisposableOwner {
  private cached: Prices | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** `threadline.pricing` changed: totals and footers are priced anew. */
  readonly onDidChange = this.changed.event;

  constructor() {
    super();
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${CONFIG_SECTION}.pricing`)) return;
      this.cached = undefined;
      this.changed.fire();
    }));
  }

  get prices(): Prices {
    this.cached ??= pricesFromSettings(readConfig().pricing);
    return this.cached;
  }

  forPanel(): PanelPrices {
    return toPanelPrices(this.prices);
  }

  /** Every answer of every turn, fan-out alternatives included, priced by its own model. */
  billOf(turns: readonly Turn[]): ConversationCost {
    return toPanelCost(conversationCost(usageByModel(turns), this.prices));
  }
}
