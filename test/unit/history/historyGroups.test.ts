import * as assert from 'node:assert/strict';
import { localDay, weekStart } from '../../../src/core/history/calendar';
import { groupHistory, purgeTime, trashedEntries, TRASH_RETENTION_MS } from '../../../src/core/history/historyGroups';
import type { HistoryEntry } from '../../../src/core/history/historyTypes';

/** Seoul: UTC+9, no daylight saving. Wall-clock times below are read there. */
const SEOUL = 540;

/** The instant of a wall-clock time in a zone `offset` minutes east of UTC. */
function at(offset: number, year: number, month: number, day: number, hours = 12, minutes = 0, ms = 0): number {
  return Date.UTC(year, month - 1, day, hours, minutes, 0, ms) - offset * 60_000;
}

function entry(id: string, lastActivity: number, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id, title: id, lastActivity, turnCount: 1, totalTokens: 10, personas: [], pinned: false,
    workspaceLabel: 'repo', workspaceKey: 'k', active: false, ...overrides,
  };
}

function labelsById(groups: ReturnType<typeof groupHistory>): Record<string, string> {
  return Object.fromEntries(groups.flatMap((g) => g.entries.map((e) => [e.id, g.label])));
}

describe('history: grouping by local calendar', () => {
  // Wednesday 15 October 2025, 10:00 in Seoul.
  const now = at(SEOUL, 2025, 10, 15, 10);

  it('puts each entry in the first bucket that fits, with Monday starting the week', () => {
    const groups = groupHistory([
      entry('today-midnight', at(SEOUL, 2025, 10, 15, 0, 0)),
      entry('yesterday-last-ms', at(SEOUL, 2025, 10, 14, 23, 59, 59_999)),
      entry('yesterday-first', at(SEOUL, 2025, 10, 14, 0, 0)),
      entry('monday', at(SEOUL, 2025, 10, 13, 0, 0)),
      entry('sunday-before', at(SEOUL, 2025, 10, 12, 23, 59, 59_999)),
      entry('last-monday', at(SEOUL, 2025, 10, 6, 0, 0)),
      entry('week-before-sunday', at(SEOUL, 2025, 10, 5, 23, 59)),
      entry('first-of-month', at(SEOUL, 2025, 10, 1, 0, 0)),
      entry('end-of-september', at(SEOUL, 2025, 9, 30, 23, 59, 59_999)),
      entry('last-year', at(SEOUL, 2024, 10, 15)),
    ], now, SEOUL);
    assert.deepEqual(groups.map((g) => g.label), ['Today', 'Yesterday', 'Earlier this week', 'Last week', 'Earlier this month', 'Older']);
    assert.deepEqual(labelsById(groups), {
      'today-midnight': 'Today',
      'yesterday-last-ms': 'Yesterday',
      'yesterday-first': 'Yesterday',
      monday: 'Earlier this week',
      'sunday-before': 'Last week',
      'last-monday': 'Last week',
      'week-before-sunday': 'Earlier this month',
      'first-of-month': 'Earlier this month',
      'end-of-september': 'Older',
      'last-year': 'Older',
    });
  });

  it('on a Monday, Sunday is Yesterday and nothing is "Earlier this week"', () => {
    const monday = at(SEOUL, 2025, 10, 13, 0, 0, 1);
    const groups = groupHistory([
      entry('sunday', at(SEOUL, 2025, 10, 12, 23, 59)),
      entry('saturday', at(SEOUL, 2025, 10, 11, 9)),
      entry('monday-before', at(SEOUL, 2025, 10, 6, 0)),
      entry('sunday-two-weeks', at(SEOUL, 2025, 10, 5, 9)),
    ], monday, SEOUL);
    assert.deepEqual(labelsById(groups), {
      sunday: 'Yesterday', saturday: 'Last week', 'monday-before': 'Last week', 'sunday-two-weeks': 'Earlier this month',
    });
  });

  it('on a Sunday, Monday to Friday are earlier this week', () => {
    const sunday = at(SEOUL, 2025, 10, 19, 23, 59);
    const groups = groupHistory([entry('mon', at(SEOUL, 2025, 10, 13, 0)), entry('sat', at(SEOUL, 2025, 10, 18, 1))], sunday, SEOUL);
    assert.deepEqual(labelsById(groups), { mon: 'Earlier this week', sat: 'Yesterday' });
  });

  it('lets last week reach into the previous month, before "Earlier this month" applies', () => {
    // Wednesday 1 October: last week is 22–28 September, this week started on Monday 29 September.
    const first = at(SEOUL, 2025, 10, 1, 8);
    const groups = groupHistory([
      entry('tuesday-sept-30', at(SEOUL, 2025, 9, 30, 8)),
      entry('monday-sept-29', at(SEOUL, 2025, 9, 29, 8)),
      entry('sept-22', at(SEOUL, 2025, 9, 22, 8)),
      entry('sept-21', at(SEOUL, 2025, 9, 21, 8)),
    ], first, SEOUL);
    assert.deepEqual(labelsById(groups), {
      'tuesday-sept-30': 'Yesterday', 'monday-sept-29': 'Earlier this week', 'sept-22': 'Last week', 'sept-21': 'Older',
    });
  });

  it('reads days in the given zone: the same instant is today in Seoul and yesterday in New York', () => {
    const instant = Date.UTC(2025, 9, 15, 1, 0); // 10:00 in Seoul, 21:00 the day before in New York (UTC−4).
    const later = Date.UTC(2025, 9, 15, 14, 0); // 23:00 in Seoul, 10:00 in New York.
    assert.equal(groupHistory([entry('x', instant)], later, SEOUL)[0].label, 'Today');
    assert.equal(groupHistory([entry('x', instant)], later, -240)[0].label, 'Yesterday');
  });

  it('asks a zone function per instant, so a daylight-saving change does not move a day', () => {
    // A zone at UTC+1 in winter and UTC+2 from 26 October 2025 02:00 local (as in Central Europe).
    const change = Date.UTC(2025, 9, 26, 1, 0);
    const zone = (ms: number) => (ms >= change ? 60 : 120);
    const justAfterMidnightBefore = at(120, 2025, 10, 26, 0, 30); // 00:30 summer time, 26 October
    const nowWinter = at(60, 2025, 10, 26, 23, 30); // 23:30 winter time, same day
    assert.equal(groupHistory([entry('x', justAfterMidnightBefore)], nowWinter, zone)[0].label, 'Today');
    assert.equal(groupHistory([entry('x', justAfterMidnightBefore)], nowWinter, 60)[0].label, 'Yesterday', 'a fixed offset would get it wrong');
  });

  it('counts activity stamped in the future (another clock) as today', () => {
    assert.equal(groupHistory([entry('x', now + 3 * 86_400_000)], now, SEOUL)[0].label, 'Today');
  });

  it('puts pinned entries first whatever their age, leaves the trash out, sorts newest first and omits empty groups', () => {
    const groups = groupHistory([
      entry('old-pinned', at(SEOUL, 2020, 1, 1), { pinned: true }),
      entry('new-pinned', at(SEOUL, 2025, 10, 15, 9), { pinned: true }),
      entry('a', at(SEOUL, 2025, 10, 15, 8)),
      entry('b', at(SEOUL, 2025, 10, 15, 9)),
      entry('tie-2', at(SEOUL, 2025, 10, 15, 7)),
      entry('tie-1', at(SEOUL, 2025, 10, 15, 7)),
      entry('gone', at(SEOUL, 2025, 10, 15, 9), { trashedAt: now - 1000 }),
      entry('gone-pinned', at(SEOUL, 2025, 10, 15, 9), { trashedAt: now - 1000, pinned: true }),
    ], now, SEOUL);
    assert.deepEqual(groups.map((g) => [g.label, g.entries.map((e) => e.id)]), [
      ['Pinned', ['new-pinned', 'old-pinned']],
      ['Today', ['b', 'a', 'tie-1', 'tie-2']],
    ]);
    assert.deepEqual(groupHistory([], now), []);
  });

  it('lists the trash most recently deleted first, with when each is purged', () => {
    const trash = trashedEntries([
      entry('kept', now),
      entry('older', now, { trashedAt: now - 5000 }),
      entry('newer', now, { trashedAt: now - 10 }),
    ]);
    assert.deepEqual(trash.map((e) => e.id), ['newer', 'older']);
    assert.equal(purgeTime(trash[0]), now - 10 + TRASH_RETENTION_MS);
    assert.equal(purgeTime({}), undefined);
  });

  it('numbers days and weeks like the calendar does', () => {
    assert.equal(localDay(0, 0), 0);
    assert.equal(localDay(-1, 0), -1, 'the last millisecond of 1969 is the day before');
    assert.equal(weekStart(localDay(at(0, 2025, 10, 19), 0)), localDay(at(0, 2025, 10, 13), 0), 'Sunday belongs to the week of the Monday before');
    assert.equal(weekStart(localDay(at(0, 1970, 1, 1), 0)), -3, '1 January 1970 was a Thursday');
  });
});
