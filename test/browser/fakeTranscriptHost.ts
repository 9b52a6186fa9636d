import type { Turn } from '../../src/core/conversation/turn';
import type { HostToWebview } from '../../src/core/protocol';
import { firstPage } from '../../src/core/transcriptPaging';
import type { ChatPage } from './chatPage';
import { panelState, totalsOf } from './chatFixtures';

/**
 * Plays the host's side of transcript paging inside the page: `init` as the host makes it (the newest turns, the
 * older ones by id), then every `loadTurns` the webview posts answered with a `turnsPage`, asynchronously, as the
 * host's postMessage is. Every request is kept in `window.__pageRequests` for the test to read.
 */
export async function openPagedTranscript(chat: ChatPage, turns: Turn[], transcriptId = 'paged-1'): Promise<HostToWebview> {
  await chat.page.evaluate(({ all, id }) => {
    const byId = new Map(all.map((turn) => [turn.id, turn]));
    const requests: string[][] = [];
    const w = window as unknown as { __posted: Array<{ type: string }>; __pageRequests: string[][] };
    w.__pageRequests = requests;
    const record = w.__posted.push.bind(w.__posted);
    w.__posted.push = (...messages) => {
      for (const message of messages as Array<{ type: string; transcriptId?: string; turnIds?: string[] }>) {
        if (message.type !== 'loadTurns' || message.transcriptId !== id) continue;
        const asked = message.turnIds ?? [];
        requests.push(asked);
        const found = asked.flatMap((turnId) => byId.get(turnId) ?? []);
        setTimeout(() => window.postMessage({ type: 'turnsPage', transcriptId: id, requested: asked, turns: found }, '*'), 0);
      }
      return record(...messages);
    };
  }, { all: turns, id: transcriptId });
  const init: HostToWebview = { type: 'init', transcriptId, ...firstPage(turns), state: panelState(), totals: totalsOf(turns) };
  await chat.post(init);
  return init;
}

/** What the webview asked the fake host for so far, one list of ids per request. */
export function pageRequests(chat: ChatPage): Promise<string[][]> {
  return chat.page.evaluate(() => (window as unknown as { __pageRequests: string[][] }).__pageRequests.slice());
}
