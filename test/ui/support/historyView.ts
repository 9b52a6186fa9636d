/**
 * The history view of the chat webview in the real workbench, read as it is rendered, and the conversation
 * library as it is on disk: what a test compares the screen with.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator } from 'playwright-core';
import { escapeRegExp, until } from './workbenchChrome';

export interface HistoryRow {
  /** The conversation id (the row's data-id). */
  id: string;
  group: string;
  title: string;
  /** "3 turns · 1.2k tokens · $0.01". */
  meta: string;
  current: boolean;
  pinned: boolean;
}

/** Opens the history view from the toolbar (unless it is open) and waits until it shows a list from the host. */
export async function openHistory(chat: Frame): Promise<void> {
  if ((await chat.getAttribute('#toggle-history', 'aria-pressed')) !== 'true') await chat.click('#toggle-history');
  await chat.waitForSelector('#history-panel', { state: 'visible' });
  await chat.waitForFunction(() => document.querySelector('#history-list')?.childElementCount !== 0);
}

/** Empties the search box, which the view keeps across closing and opening, so the list shows again. */
export async function clearHistorySearch(chat: Frame): Promise<void> {
  await chat.fill('#history-search', '');
  await chat.press('#history-search', 'Enter');
  await chat.waitForSelector('#history-list', { state: 'visible' });
}

export async function closeHistory(chat: Frame): Promise<void> {
  if ((await chat.getAttribute('#toggle-history', 'aria-pressed')) === 'true') await chat.click('#toggle-history');
  await chat.waitForSelector('#history-panel', { state: 'hidden' });
}

/** Every live conversation in the list, in the order shown, with the group it is under; none while the list is hidden. */
export async function historyRows(chat: Frame): Promise<HistoryRow[]> {
  return chat.evaluate(() => (document.getElementById('history-list')?.checkVisibility() !== true ? [] : Array.from(document.querySelectorAll<HTMLElement>('#history-list .history-group')).flatMap((group) => {
    const label = group.querySelector('.group-label')?.textContent ?? '';
    return Array.from(group.querySelectorAll<HTMLElement>('.history-entry')).map((row) => ({
      id: row.dataset.id ?? '',
      group: label,
      title: row.querySelector('.entry-title')?.textContent ?? '',
      meta: row.querySelector('.entry-meta')?.textContent ?? '',
      current: row.getAttribute('aria-current') === 'true',
      pinned: row.classList.contains('pinned'),
    }));
  })));
}

/** The titles under each group label, in order: [['Pinned', [...]], ['Today', [...]]]. */
export async function historyGroups(chat: Frame): Promise<Array<[string, string[]]>> {
  const groups: Array<[string, string[]]> = [];
  for (const row of await historyRows(chat)) {
    const last = groups.at(-1);
    if (last && last[0] === row.group) last[1].push(row.title);
    else groups.push([row.group, [row.title]]);
  }
  return groups;
}

/** Waits until the rendered list satisfies `check` and returns it; the message says what was awaited. */
export async function waitForHistory(chat: Frame, what: string, check: (rows: HistoryRow[]) => boolean, timeoutMs?: number): Promise<HistoryRow[]> {
  let last: HistoryRow[] = [];
  try {
    return await until(what, async () => {
      last = await historyRows(chat);
      return check(last) ? last : undefined;
    }, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}; the list shows ${JSON.stringify(last.map((r) => [r.group, r.title, r.meta]))}`);
  }
}

/** The live row titled `title`. */
export function historyRow(chat: Frame, title: string): Locator {
  return chat.locator('#history-list .history-entry', { has: chat.locator('.entry-title', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) });
}

/** Hovers a row, as a user does to see its actions, and clicks one (`pin`, `rename`, `delete`, …). */
export async function clickRowAction(row: Locator, action: string): Promise<void> {
  await row.hover();
  await row.locator(`.action-${action}`).click();
}

export interface TurnOnDisk {
  conversationId: string;
  status: string;
  /** The log file holding the winning record. */
  file: string;
}

/** Every `<writer>.jsonl` of every conversation under the library root (backups and checkpoints left out). */
export function conversationLogs(globalStorage: string): Array<{ conversationId: string; file: string }> {
  const workspaces = path.join(globalStorage, 'workspaces');
  if (!fs.existsSync(workspaces)) return [];
  const logs: Array<{ conversationId: string; file: string }> = [];
  for (const workspace of fs.readdirSync(workspaces)) {
    const conversations = path.join(workspaces, workspace, 'conversations');
    if (!fs.existsSync(conversations)) continue;
    for (const conversationId of fs.readdirSync(conversations)) {
      const dir = path.join(conversations, conversationId);
      for (const name of fs.readdirSync(dir)) if (/^[0-9a-f]{16}\.jsonl$/.test(name)) logs.push({ conversationId, file: path.join(dir, name) });
    }
  }
  return logs;
}

interface Stamped {
  op: string;
  at: number;
  seq: number;
  w?: string;
  turn?: { id: string; status: string };
  id?: string;
  field?: string;
  value?: unknown;
}

/**
 * The turns on disk by id, merged as the library merges them: the record with the greatest stamp (time, writer,
 * sequence) wins, and a turn whose winner is a `remove` is not there. A line still being appended is skipped.
 */
export function turnsOnDisk(globalStorage: string): Map<string, TurnOnDisk> {
  const winners = new Map<string, { record: Stamped; conversationId: string; file: string }>();
  for (const { conversationId, file } of conversationLogs(globalStorage)) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const writer = (parse(lines[0]) as { writerId?: string } | undefined)?.writerId ?? '';
    for (const line of lines.slice(1)) {
      const record = parse(line) as Stamped | undefined;
      const turnId = record?.op === 'put' ? record.turn?.id : record?.op === 'remove' ? record.id : undefined;
      if (!record || !turnId) continue;
      const key = `${conversationId}/${turnId}`;
      const current = winners.get(key);
      if (!current || newer({ ...record, w: record.w ?? writer }, current.record)) winners.set(key, { record: { ...record, w: record.w ?? writer }, conversationId, file });
    }
  }
  const turns = new Map<string, TurnOnDisk>();
  for (const { record, conversationId, file } of winners.values()) {
    if (record.op === 'put' && record.turn) turns.set(record.turn.id, { conversationId, status: record.turn.status, file });
  }
  return turns;
}

/** The value of a conversation's field (`title`, `pinned`, `trashedAt`) as the newest record on disk has it. */
export function metaOnDisk(globalStorage: string, conversationId: string, field: string): unknown {
  let winner: Stamped | undefined;
  for (const { file } of conversationLogs(globalStorage).filter((log) => log.conversationId === conversationId)) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const writer = (parse(lines[0]) as { writerId?: string } | undefined)?.writerId ?? '';
    for (const line of lines.slice(1)) {
      const record = parse(line) as Stamped | undefined;
      if (record?.op !== 'meta' || record.field !== field) continue;
      const stamped = { ...record, w: record.w ?? writer };
      if (!winner || newer(stamped, winner)) winner = stamped;
    }
  }
  return winner?.value;
}

function newer(a: Stamped, b: Stamped): boolean {
  if (a.at !== b.at) return a.at > b.at;
  if ((a.w ?? '') !== (b.w ?? '')) return (a.w ?? '') > (b.w ?? '');
  return a.seq > b.seq;
}

function parse(line: string | undefined): unknown {
  if (!line) return undefined;
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}
