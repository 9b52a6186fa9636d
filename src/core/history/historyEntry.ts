import type { ConversationSummary } from '../store/libraryTypes';
import type { Prices } from '../pricing/priceTable';
import { conversationCost } from '../pricing/usageCost';
import type { HistoryEntry } from './historyTypes';

export interface HistoryEntryOptions {
  /** The conversation this window shows now. */
  activeId: string | undefined;
  /** The prices in force; a conversation with any unpriced model gets no cost (see conversationCost). */
  prices: Prices;
  /** This window's workspace: a summary from any other is marked `otherWorkspace`. */
  currentWorkspaceKey?: string;
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
  const cost = conversationCost(summary.usageByModel, options.prices).usd;
  if (cost !== undefined) entry.costUsd = cost;
  if (summary.trashedAt !== undefined) entry.trashedAt = summary.trashedAt;
  if (options.currentWorkspaceKey !== undefined && summary.workspace.key !== options.currentWorkspaceKey) entry.otherWorkspace = true;
  return entry;
}
