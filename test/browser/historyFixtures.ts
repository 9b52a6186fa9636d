import type { HistoryEntry, SearchHit } from '../../src/core/history/historyTypes';

/** Protocol-shaped history data for driving the history view. */

let counter = 0;

export function historyEntry(overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  counter += 1;
  return {
    id: `c${counter}`,
    title: `Conversation ${counter}`,
    lastActivity: Date.UTC(2025, 9, 15, 0, 0),
    turnCount: 3,
    totalTokens: 1_200,
    costUsd: 0.01,
    personas: ['Coding Assistant'],
    pinned: false,
    workspaceLabel: 'threadline',
    workspaceKey: 'ws-main',
    active: false,
    ...overrides,
  };
}

export function searchHit(overrides: Partial<SearchHit> = {}): SearchHit {
  return {
    conversationId: 'c1',
    conversationTitle: 'Fix the parser',
    workspaceLabel: 'threadline',
    workspaceKey: 'ws-main',
    turnId: 't1',
    field: 'answer',
    snippet: { before: '…so the ', match: 'parser', after: ' reads the config once…' },
    ...overrides,
  };
}

/** Wall-clock time in Seoul (UTC+9, no daylight saving), the zone the history pages run in. */
export function seoul(month: number, day: number, hours = 12, minutes = 0): number {
  return Date.UTC(2025, month - 1, day, hours - 9, minutes);
}

/** "Now" for the history pages: Wednesday 15 October 2025, 10:00 in Seoul. */
export const NOW = seoul(10, 15, 10);
