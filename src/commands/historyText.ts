import * as vscode from 'vscode';
import type { HistoryEntry } from '../core/history';
import { formatUsd } from '../core/pricing/formatUsd';

/** "12 turns · 34,500 tokens · $0.0412 · Coding Assistant, Reviewer · 5 min ago": one line for quick picks. */
export function describeEntry(entry: HistoryEntry, now = Date.now()): string {
  const count = entry.totalTokens.toLocaleString('en-US');
  const parts = [
    entry.turnCount === 1 ? vscode.l10n.t('1 turn') : vscode.l10n.t('{0} turns', entry.turnCount),
    entry.totalTokens === 1 ? vscode.l10n.t('1 token') : vscode.l10n.t('{0} tokens', count),
  ];
  if (entry.costUsd !== undefined) parts.push(formatUsd(entry.costUsd));
  if (entry.personas.length > 0) parts.push(entry.personas.join(', '));
  parts.push(ago(now - entry.lastActivity));
  return parts.join(' · ');
}

function ago(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return vscode.l10n.t('just now');
  if (minutes < 60) return vscode.l10n.t('{0} min ago', minutes);
  const hours = Math.round(minutes / 60);
  if (hours < 24) return vscode.l10n.t('{0} h ago', hours);
  return vscode.l10n.t('{0} d ago', Math.round(hours / 24));
}
