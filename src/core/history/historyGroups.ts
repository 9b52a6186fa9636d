import { wt } from '../l10n/webviewMessages';
import { localDay, monthStart, type TimeZoneOffset, weekStart } from './calendar';
import type { HistoryEntry, HistoryGroup } from './historyTypes';

/** How long a deleted conversation stays restorable. */
export const TRASH_RETENTION_MS = 30 * 86_400_000;

export const GROUP_LABELS = ['Pinned', 'Today', 'Yesterday', 'Earlier this week', 'Last week', 'Earlier this month', 'Older'] as const;
export type GroupLabel = (typeof GROUP_LABELS)[number];

/**
 * The history list: pinned conversations first, then by the calendar day of their last activity in local time.
 * Weeks start on Monday (ISO 8601), so on a Monday "Earlier this week" is empty and Sunday is "Yesterday".
 * Each date bucket takes what the ones before it did not: a day of last week that is also yesterday is
 * "Yesterday", and "Earlier this month" holds only days before last week. Activity stamped in the future
 * (another machine's clock) counts as today. Trashed entries are left out; `trashedEntries` lists them.
 * Empty groups are omitted; inside a group the most recent comes first.
 */
export function groupHistory(entries: readonly HistoryEntry[], now: number, timeZoneOffset?: TimeZoneOffset): HistoryGroup[] {
  const today = localDay(now, timeZoneOffset);
  const thisWeek = weekStart(today);
  const lastWeek = thisWeek - 7;
  const thisMonth = monthStart(today);
  const buckets = new Map<GroupLabel, HistoryEntry[]>(GROUP_LABELS.map((label) => [label, []]));

  for (const entry of entries) {
    if (entry.trashedAt !== undefined) continue;
    buckets.get(entry.pinned ? 'Pinned' : dateBucket(localDay(entry.lastActivity, timeZoneOffset)))?.push(entry);
  }

  function dateBucket(day: number): GroupLabel {
    if (day >= today) return 'Today';
    if (day === today - 1) return 'Yesterday';
    if (day >= thisWeek) return 'Earlier this week';
    if (day >= lastWeek) return 'Last week';
    if (day >= thisMonth) return 'Earlier this month';
    return 'Older';
  }

  const groups: HistoryGroup[] = [];
  for (const [label, members] of buckets) {
    if (members.length > 0) groups.push({ label, entries: members.sort(byRecentActivity) });
  }
  return groups;
}

/** The trash, most recently deleted first. */
export function trashedEntries(entries: readonly HistoryEntry[]): HistoryEntry[] {
  return entries
    .filter((entry) => entry.trashedAt !== undefined)
    .sort((a, b) => (b.trashedAt ?? 0) - (a.trashedAt ?? 0) || a.id.localeCompare(b.id));
}

/** When a trashed conversation will be purged, or undefined for one not in the trash. */
export function purgeTime(entry: Pick<HistoryEntry, 'trashedAt'>): number | undefined {
  return entry.trashedAt === undefined ? undefined : entry.trashedAt + TRASH_RETENTION_MS;
}

function byRecentActivity(a: HistoryEntry, b: HistoryEntry): number {
  // Ties (one import stamping many conversations alike) fall back to the id so the order never flickers.
  return b.lastActivity - a.lastActivity || a.id.localeCompare(b.id);
}

/** A group's heading in the webview's language; the label itself stays the stable English id. */
export function groupTitle(label: string): string {
  return (GROUP_LABELS as readonly string[]).includes(label) ? wt(`group.${label as GroupLabel}`) : label;
}
