import * as l10n from '@vscode/l10n';
import { totalUsage } from '../conversation/fanOutAnswers';
import { usageByModel } from '../pricing/usageCost';
import type { Turn } from '../conversation/turn';
import type { StoredSummary } from './logRecords';

/** What the history list shows of a conversation, computed from its merged turns and fields. */

export const TITLE_MAX_CHARS = 80;

export interface ConversationMeta {
  title?: string;
  pinned: boolean;
  trashedAt?: number;
  createdAt?: number;
  forkedFrom?: { conversationId: string; turnId: string };
}

/** The first non-empty line of the first user message, cut at a word near 80 characters. */
export function deriveTitle(turns: readonly Turn[]): string {
  for (const turn of turns) {
    const line = turn.userText.split('\n').map((l) => l.trim()).find((l) => l.length > 0);
    if (line) return shorten(line.replace(/\s+/g, ' '));
  }
  return l10n.t('New conversation');
}

function shorten(line: string): string {
  const chars = [...line];
  if (chars.length <= TITLE_MAX_CHARS) return line;
  const cut = chars.slice(0, TITLE_MAX_CHARS - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > TITLE_MAX_CHARS / 2 ? cut.slice(0, space) : cut}…`;
}

export function summarize(id: string, turns: readonly Turn[], meta: ConversationMeta, fallbackCreatedAt: number): StoredSummary {
  const createdAt = meta.createdAt ?? turns[0]?.startedAt ?? fallbackCreatedAt;
  let lastActivity = turns.length > 0 ? 0 : createdAt;
  const personas: string[] = [];
  const storedResponseIds = new Set<string>();
  for (const turn of turns) {
    lastActivity = Math.max(lastActivity, turn.finishedAt ?? turn.startedAt);
    for (const answer of [turn, ...(turn.alternatives ?? [])]) {
      if (answer.personaLabel && !personas.includes(answer.personaLabel)) personas.push(answer.personaLabel);
      // Only responses asked for with store: true are on the server. A turn recorded before that was kept (0.1.0,
      // whose default was store: true) is listed: the server answers "not found" if it never had it.
      if (answer.responseId && answer.responseStored !== false) storedResponseIds.add(answer.responseId);
    }
  }
  return {
    id,
    title: meta.title ?? deriveTitle(turns),
    titleSet: meta.title !== undefined,
    createdAt,
    lastActivity,
    turnCount: turns.length,
    // A fan-out turn costs every answer it holds, not only the one the conversation continued with.
    totalTokens: totalUsage(turns).totalTokens,
    usageByModel: usageByModel(turns),
    personas,
    pinned: meta.pinned,
    ...(meta.trashedAt !== undefined ? { trashedAt: meta.trashedAt } : {}),
    storedResponseIds: [...storedResponseIds],
  };
}

/** Equal summaries need no new index record. Field by field: a 10,000-turn summary is too long to stringify per refresh. */
export function sameSummary(a: StoredSummary, b: StoredSummary): boolean {
  return (
    a.id === b.id &&
    a.title === b.title &&
    a.titleSet === b.titleSet &&
    a.createdAt === b.createdAt &&
    a.lastActivity === b.lastActivity &&
    a.turnCount === b.turnCount &&
    a.totalTokens === b.totalTokens &&
    a.pinned === b.pinned &&
    a.trashedAt === b.trashedAt &&
    sameList(a.personas, b.personas) &&
    sameList(a.storedResponseIds, b.storedResponseIds) &&
    JSON.stringify(a.usageByModel) === JSON.stringify(b.usageByModel)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
