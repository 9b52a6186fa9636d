/**
 * Calendar arithmetic in the user's local time, without `Date`'s local getters, so the same code answers for the
 * webview (the user's own clock, which on code-server may differ from the host's) and for tests with a fixed zone.
 *
 * A time-zone offset is in minutes east of UTC (UTC+9 → 540, UTC−5 → −300), the ISO sign, not the inverted one of
 * `Date.prototype.getTimezoneOffset`. Passed as a function, it is asked per instant, which keeps days right across
 * daylight-saving changes; left out, the runtime's own zone is used the same way.
 */

export type TimeZoneOffset = number | ((epochMs: number) => number);

const DAY_MS = 86_400_000;

export function offsetAt(zone: TimeZoneOffset | undefined, epochMs: number): number {
  if (typeof zone === 'number') return zone;
  if (zone) return zone(epochMs);
  return -new Date(epochMs).getTimezoneOffset();
}

/** Days since 1970-01-01 in local time: two instants share a number exactly when they share a calendar day. */
export function localDay(epochMs: number, zone?: TimeZoneOffset): number {
  return Math.floor((epochMs + offsetAt(zone, epochMs) * 60_000) / DAY_MS);
}

/** Monday 0 … Sunday 6 (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** The local day number of the Monday that starts `day`'s week. */
export function weekStart(day: number): number {
  return day - weekdayOf(day);
}

/** The local day number of the first of `day`'s month. */
export function monthStart(day: number): number {
  const date = new Date(day * DAY_MS);
  return Math.round(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS);
}

/** Year, month (0-11), day of month, hours and minutes of an instant in local time. */
export function localParts(epochMs: number, zone?: TimeZoneOffset): { year: number; month: number; date: number; hours: number; minutes: number } {
  const shifted = new Date(epochMs + offsetAt(zone, epochMs) * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth(),
    date: shifted.getUTCDate(),
    hours: shifted.getUTCHours(),
    minutes: shifted.getUTCMinutes(),
  };
}
