import type { ConversationSummary } from '../store/libraryTypes';
import { type ModelPrice, type PriceTable, priceForModel } from '../tokens/pricing';
import type { HistoryEntry } from './historyTypes';

/** USD per 1M tokens for a model, or undefined when the price table has none. */
export type PriceLookup = (model: string) => ModelPrice | undefined;

export interface HistoryEntryOptions {
  /** The conversation this window shows now. */
  activeId: string | undefined;
  priceFor: PriceLookup;
  /** This window's workspace: a summary from any other is marked `otherWorkspace`. */
  currentWorkspaceKey?: string;
}

/** Prices models the way the token counter does (`threadline.pricing`, exact name, else the longest family key). */
export function priceLookup(table: PriceTable): PriceLookup {
  return (model) => priceForModel(table, model)?.price;
}

export function toHistoryEntry(summary: ConversationSummary, options: HistoryEntryOptions): HistoryEntry {
  const entry: HistoryEntry = {
    id: summary.id,
    title: summary.title,
    lastActivity: summary.lastActivity,
    turnCount: summary.turnCount,
    totalTokens: summary.totalTokens,
    personas: [...summary.personas],
    pinned: summary.pinned,
    workspaceLabel: summary.workspace.label,
    workspaceKey: summary.workspace.key,
    active: summary.id === options.activeId,
  };
  const cost = conversationCost(summary.usageByModel, options.priceFor);
  if (cost !== undefined) entry.costUsd = cost;
  if (summary.trashedAt !== undefined) entry.trashedAt = summary.trashedAt;
  if (options.currentWorkspaceKey !== undefined && summary.workspace.key !== options.currentWorkspaceKey) entry.otherWorkspace = true;
  return entry;
}

/**
 * What a conversation cost, or undefined when any model that was used has no price: a partial sum would
 * read as the whole bill. Input counts include the cached tokens (as the Responses API reports them), so
 * cached tokens are billed at the cached price and only the rest at the full input price. A table entry
 * without a cached price bills them in full; one without an output price cannot price output at all.
 */
export function conversationCost(usageByModel: ConversationSummary['usageByModel'], priceFor: PriceLookup): number | undefined {
  let total = 0;
  for (const [model, usage] of Object.entries(usageByModel)) {
    if (usage.input === 0 && usage.cached === 0 && usage.output === 0) continue;
    const price = priceFor(model);
    if (!price) return undefined;
    if (usage.output > 0 && price.output === undefined) return undefined;
    const cached = Math.min(usage.cached, usage.input);
    total += (usage.input - cached) * price.input + cached * (price.cachedInput ?? price.input) + usage.output * (price.output ?? 0);
  }
  return total / 1_000_000;
}
