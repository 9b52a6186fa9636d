import type { Turn } from './conversation/turn';

/**
 * How the host hands a long transcript to the webview in pages. Posting ten thousand turns at once costs a
 * structured clone and a schema parse of every one of them before the panel shows anything; the reader sees a
 * screenful. So the first message carries the newest turns and only the ids of the older ones (the webview keeps
 * their places, in order, so the scroll bar, search jumps and edits know every turn), and the webview asks for
 * the older turns by id as they come near the viewport.
 */

/**
 * The webview lays turns out in groups of this many (the browser skips layout of a group out of view); the
 * first page starts on a group boundary so none is split.
 */
export const TURNS_PER_GROUP = 25;
/** Newest turns in the first message: a screenful and the margin built ahead of it, with room to spare. */
export const FIRST_PAGE_TURNS = 50;
/** The most turns one `loadTurns` may ask for, so a single answer stays small however the reader scrolls. */
export const MAX_PAGE_TURNS = 200;

/** The context share in the header comes from the newest turn with usage; it may lie among the turns not sent. */
export interface OlderContext {
  inputTokens: number;
  model: string;
}

export interface FirstPage {
  /** Ids of the turns before `turns`, oldest first. */
  olderTurnIds: string[];
  /** The newest turns, oldest first. */
  turns: Turn[];
  /** Set only when no turn in `turns` reported usage but an older one did. */
  olderContext?: OlderContext;
}

/** The first message's share of a transcript: whole groups from the end, at least FIRST_PAGE_TURNS of them. */
export function firstPage(all: readonly Turn[]): FirstPage {
  const wanted = all.length - FIRST_PAGE_TURNS;
  const start = wanted <= 0 ? 0 : Math.floor(wanted / TURNS_PER_GROUP) * TURNS_PER_GROUP;
  const turns = all.slice(start);
  const page: FirstPage = { olderTurnIds: all.slice(0, start).map((turn) => turn.id), turns };
  if (!turns.some((turn) => turn.usage)) {
    const older = findLast(all, start, (turn) => turn.usage !== undefined);
    if (older?.usage) page.olderContext = { inputTokens: older.usage.inputTokens, model: older.model };
  }
  return page;
}

/**
 * The turns the webview asked for, in transcript order. Ids it asked for that the transcript no longer holds are
 * simply absent: the webview takes an absent id to mean the turn is gone.
 */
export function pageOf(all: readonly Turn[], turnIds: readonly string[]): Turn[] {
  const wanted = new Set(turnIds.slice(0, MAX_PAGE_TURNS));
  const page: Turn[] = [];
  for (const turn of all) {
    if (!wanted.has(turn.id)) continue;
    page.push(turn);
    if (page.length === wanted.size) break;
  }
  return page;
}

function findLast(all: readonly Turn[], before: number, test: (turn: Turn) => boolean): Turn | undefined {
  for (let i = before - 1; i >= 0; i--) if (test(all[i])) return all[i];
  return undefined;
}
