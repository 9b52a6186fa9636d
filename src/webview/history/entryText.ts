import { localDay, localParts, type TimeZoneOffset } from '../../core/history/calendar';
import { purgeTime } from '../../core/history/historyGroups';
import type { HistoryEntry } from '../../core/history/historyTypes';

/** What a history row says about a conversation, as plain text. Pure, so it is tested on Node with a fixed zone. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** "just now", "5 min ago", "3 h ago", "Yesterday", "Tuesday" (this past week), "Mar 4", "Mar 4, 2024". */
export function relativeTime(then: number, now: number, zone?: TimeZoneOffset): string {
  const elapsed = now - then;
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  const days = localDay(now, zone) - localDay(then, zone);
  if (days === 0) return `${Math.floor(elapsed / HOUR)} h ago`;
  if (days === 1) return 'Yesterday';
  const parts = localParts(then, zone);
  if (days < 7) return WEEKDAYS[new Date(Date.UTC(parts.year, parts.month, parts.date)).getUTCDay()];
  const date = `${MONTHS[parts.month]} ${parts.date}`;
  return parts.year === localParts(now, zone).year ? date : `${date}, ${parts.year}`;
}

/** "950 tokens", "12.3k tokens", "1.2M tokens": a list reads magnitudes, the exact count is in the tooltip. */
export function compactTokens(count: number): string {
  if (count === 1) return '1 token';
  if (count < 1000) return `${count} tokens`;
  if (count < 1_000_000) return `${trimZero((count / 1000).toFixed(count < 100_000 ? 1 : 0))}k tokens`;
  return `${trimZero((count / 1_000_000).toFixed(1))}M tokens`;
}

/** "$0.04"; "<$0.01" for a few tokens, so a real cost never reads as free. */
export function compactCost(usd: number): string {
  if (usd === 0) return '$0.00';
  if (usd < 0.01) return '<$0.01';
  return `$${usd.toFixed(usd < 100 ? 2 : 0)}`;
}

/** "12 turns · 12.3k tokens · $0.04"; the cost is left out when a model had no price. */
export function entrySummary(entry: Pick<HistoryEntry, 'turnCount' | 'totalTokens' | 'costUsd'>): string {
  const parts = [`${entry.turnCount} ${entry.turnCount === 1 ? 'turn' : 'turns'}`, compactTokens(entry.totalTokens)];
  if (entry.costUsd !== undefined) parts.push(compactCost(entry.costUsd));
  return parts.join(' · ');
}

/** "Deleted 3 days ago · removed in 27 days". */
export function trashSummary(entry: Pick<HistoryEntry, 'trashedAt'>, now: number, zone?: TimeZoneOffset): string {
  const purge = purgeTime(entry);
  if (entry.trashedAt === undefined || purge === undefined) return '';
  const daysLeft = Math.max(0, Math.ceil((purge - now) / (24 * HOUR)));
  const deleted = relativeTime(entry.trashedAt, now, zone);
  const when = /^[A-Z]/.test(deleted) && !deleted.startsWith('Yesterday') ? `on ${deleted}` : deleted.toLowerCase();
  return `Deleted ${when} · removed ${daysLeft === 0 ? 'today' : `in ${daysLeft} ${daysLeft === 1 ? 'day' : 'days'}`}`;
}

function trimZero(value: string): string {
  return value.replace(/\.0$/, '');
}
