import type { HistoryEntry } from '../core/history';

/** "12 turns · 34,500 tokens · $0.0412 · Coding Assistant, Reviewer · 5 min ago": one line for quick picks. */
export function describeEntry(entry: HistoryEntry, now = Date.now()): string {
  const parts = [`${entry.turnCount} turn${entry.turnCount === 1 ? '' : 's'}`, `${entry.totalTokens.toLocaleString('en-US')} tokens`];
  if (entry.costUsd !== undefined) parts.push(entry.costUsd < 0.0001 && entry.costUsd > 0 ? '<$0.0001' : `$${entry.costUsd.toFixed(4)}`);
  if (entry.personas.length > 0) parts.push(entry.personas.join(', '));
  parts.push(ago(now - entry.lastActivity));
  return parts.join(' · ');
}

function ago(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}
