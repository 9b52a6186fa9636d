import { localDay, localParts, type TimeZoneOffset } from '../../core/history/calendar';
import { purgeTime } from '../../core/history/historyGroups';
import type { HistoryEntry } from '../../core/history/historyTypes';
import { wt } from '../../core/l10n/webviewMessages';

/** What a history row says about a conversation, as plain text. Pure, so it is tested on Node with a fixed zone. */

const months = (): string[] => wt('time.months').split(',');
const weekdays = (): string[] => wt('time.weekdays').split(',');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** "just now", "5 min ago", "3 h ago", "Yesterday", "Tuesday" (this past week), "Mar 4", "Mar 4, 2024". */
export function relativeTime(then: number, now: number, zone?: TimeZoneOffset): string {
  const elapsed = now - then;
  if (elapsed < MINUTE) return wt('time.justNow');
  if (elapsed < HOUR) return wt('time.minutesAgo', Math.floor(elapsed / MINUTE));
  const days = localDay(now, zone) - localDay(then, zone);
  if (days === 0) return wt('time.hoursAgo', Math.floor(elapsed / HOUR));
  if (days === 1) return wt('time.yesterday');
  const parts = localParts(then, zone);
  if (days < 7) return weekdays()[new Date(Date.UTC(parts.year, parts.month, parts.date)).getUTCDay()];
  const month = months()[parts.month];
  return parts.year === localParts(now, zone).year ? wt('time.monthDay', month, parts.date) : wt('time.monthDayYear', month, parts.date, parts.year);
}

/** "950 tokens", "12.3k tokens", "1.2M tokens": a list reads magnitudes, the exact count is in the tooltip. */
export function compactTokens(count: number): string {
  return count === 1 ? wt('time.oneToken') : wt('time.tokens', compactCount(count));
}

/** "950", "12.3k", "1.2M". */
export function compactCount(count: number): string {
  if (count < 1000) return String(count);
  if (count < 1_000_000) return `${trimZero((count / 1000).toFixed(count < 100_000 ? 1 : 0))}k`;
  return `${trimZero((count / 1_000_000).toFixed(1))}M`;
}

/** "$0.04"; "<$0.01" for a few tokens, so a real cost never reads as free. */
export function compactCost(usd: number): string {
  if (usd === 0) return '$0.00';
  if (usd < 0.01) return '<$0.01';
  return `$${usd.toFixed(usd < 100 ? 2 : 0)}`;
}

/** "12 turns · 12.3k tokens · $0.04"; the cost is left out when a model had no price. */
export function entrySummary(entry: Pick<HistoryEntry, 'turnCount' | 'totalTokens' | 'costUsd'>): string {
  const parts = [entry.turnCount === 1 ? wt('time.oneTurn') : wt('time.turns', entry.turnCount), compactTokens(entry.totalTokens)];
  if (entry.costUsd !== undefined) parts.push(compactCost(entry.costUsd));
  return parts.join(' · ');
}

/** "Deleted 3 days ago · removed in 27 days". */
export function trashSummary(entry: Pick<HistoryEntry, 'trashedAt'>, now: number, zone?: TimeZoneOffset): string {
  const purge = purgeTime(entry);
  if (entry.trashedAt === undefined || purge === undefined) return '';
  const daysLeft = Math.max(0, Math.ceil((purge - now) / (24 * HOUR)));
  const deleted = relativeTime(entry.trashedAt, now, zone);
  // A weekday or a date reads "Deleted on Tuesday"; "just now", "5 min ago" and "yesterday" read without "on".
  const onADay = /^[A-Z]/.test(deleted) && deleted !== wt('time.yesterday');
  const removed = daysLeft === 0 ? wt('time.removedToday') : daysLeft === 1 ? wt('time.removedInDay') : wt('time.removedInDays', daysLeft);
  return `${onADay ? wt('time.deletedOn', deleted) : wt('time.deleted', deleted.toLowerCase())} · ${removed}`;
}

function trimZero(value: string): string {
  return value.replace(/\.0$/, '');
}
