import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { renderedTurns, send, sendAndWait, showThreadlineView, turnIds, waitForNewLastTurn, waitForNewStreamingTurn } from './support/chatPanel';
import { until } from './support/editorUi';
import { type HistoryRow, historyRow, openHistory, turnsOnDisk, waitForHistory } from './support/historyView';
import { type WorkbenchOptions, WorkbenchSession } from './workbenchSession';
import type { WorkbenchWindow } from './workbenchWindow';

const ALPHA = 'alpha from the first window';
const BRAVO = 'bravo from the second window';
const SHARED = 'bravo in the shared conversation';
const SLOW = 'Count slowly in the first window [[slow:80]] [[long:200]]';
const CHARLIE = 'charlie after New Conversation';

/**
 * Two extension hosts on one workspace: two pages on one code-server, each a window with its own extension host,
 * writing to the same conversation library. Each window sees what the other wrote (after its own turn finishes,
 * or when it gets focus back), both can write to one conversation, and New Conversation in one while the other
 * streams loses nothing: every turn either window showed is on disk, and both lists agree with the disk.
 */
function twoWindowsSuite(title: string, name: string, options: WorkbenchOptions): void {
  suite(title, function () {
    this.timeout(180_000);
    let session: WorkbenchSession;
    let second: WorkbenchWindow;
    let chatA: Frame;
    let chatB: Frame;
    /** Every turn id either window had on screen, with the text it showed for it. */
    const seen = new Map<string, string>();
    const ids: Record<string, string> = {};

    async function note(chat: Frame): Promise<void> {
      for (const turn of await renderedTurns(chat)) seen.set(turn.id, turn.user);
    }

    async function sendIn(chat: Frame, prompt: string): Promise<string> {
      const turn = await sendAndWait(chat, prompt);
      ids[prompt] = turn.id;
      await note(chat);
      return turn.id;
    }

    /**
     * Waits until the turns sent with `prompts` are on disk and complete, then gives `window` focus back. Saving
     * follows the answer on screen, so a window focused a moment too early has nothing new to read yet and no
     * reason to look again: a user switches windows after the other one has written.
     */
    async function focusOnceSaved(window: WorkbenchWindow, ...prompts: string[]): Promise<void> {
      await until(`${prompts.join(', ')} on disk`, () => {
        const onDisk = turnsOnDisk(session.globalStorage);
        return prompts.every((prompt) => onDisk.get(ids[prompt])?.status === 'complete') ? true : undefined;
      });
      await window.blurAndRefocus();
    }

    function titled(rows: HistoryRow[], rowTitle: string): HistoryRow | undefined {
      return rows.find((row) => row.title === rowTitle);
    }

    suiteSetup(async () => {
      session = await WorkbenchSession.open(name, options);
      chatA = await showThreadlineView(session);
      second = await session.openSecondWindow();
      chatB = await showThreadlineView(second);
    });

    teardown(async function () {
      if (this.currentTest?.state === 'failed') {
        await session?.screenshot('FAILED').catch(() => undefined);
        await second?.screenshot('FAILED').catch(() => undefined);
      }
    });

    suiteTeardown(async () => {
      if (session) await session.close();
    });

    test('each page is a window with its own extension host', async () => {
      await until('both extension hosts to activate Threadline', () =>
        (session.threadlineLog().match(/\bactivated in \d/g)?.length === 2 ? true : undefined));
      assert.deepEqual(await turnIds(chatA), [], 'the first window starts empty');
      assert.deepEqual(await turnIds(chatB), [], 'so does the second');
    });

    test('each window lists the conversation the other started: after its own turn, and on focus', async () => {
      await sendIn(chatA, ALPHA);
      await openHistory(chatA);
      await waitForHistory(chatA, 'the first window’s own conversation', (rows) => rows.length === 1);

      await sendIn(chatB, BRAVO);
      await openHistory(chatB);
      // The second window read the library when its turn finished, so the first window's conversation is there.
      const inB = await waitForHistory(chatB, 'both conversations in the second window', (rows) => rows.length === 2);
      assert.deepEqual(inB.map((r) => [r.title, r.current]), [[BRAVO, true], [ALPHA, false]]);

      // The first window's list is open; focus coming back is what makes it read the library again.
      await focusOnceSaved(session.main, BRAVO);
      const inA = await waitForHistory(chatA, 'both conversations in the first window', (rows) => rows.length === 2);
      assert.deepEqual(inA.map((r) => [r.title, r.current]), [[BRAVO, false], [ALPHA, true]]);
      for (const rows of [inA, inB]) for (const row of rows) assert.match(row.meta, /^1 turn · /, `${row.title}: ${row.meta}`);
      await session.screenshot('first-sees-second');
      await second.screenshot('sees-first');
    });

    test('both windows write to one conversation and each shows the other’s turns', async () => {
      await historyRow(chatB, ALPHA).locator('.entry-title').click();
      await chatB.waitForFunction((id) => Array.from(document.querySelectorAll<HTMLElement>('.turn[data-turn-id]'), (t) => t.dataset.turnId).join() === id, ids[ALPHA]);
      await sendIn(chatB, SHARED);

      await focusOnceSaved(session.main, SHARED);
      const expected = [ids[ALPHA], ids[SHARED]];
      await chatA.waitForFunction((want) => Array.from(document.querySelectorAll<HTMLElement>('.turn[data-turn-id]'), (t) => t.dataset.turnId).join() === want.join(), expected);
      await note(chatA);
      assert.deepEqual((await renderedTurns(chatA)).map((t) => [t.user, t.status]), [[ALPHA, 'complete'], [SHARED, 'complete']]);
      await session.screenshot('shared-conversation');
    });

    test('New Conversation in one window while the other streams loses no turn, on screen or on disk', async () => {
      const knownA = await turnIds(chatA);
      await send(chatA, SLOW);
      const streaming = await waitForNewStreamingTurn(chatA, knownA, 3);
      ids[SLOW] = streaming;
      const slowRequest = await until('the slow request', () => session.fake.responseRequests.find((r) => r.userText === SLOW));

      // The second window has the same conversation open; it starts a new one and sends there meanwhile.
      await chatB.click('#new-conversation');
      await chatB.waitForFunction(() => document.querySelector('.turn[data-turn-id]') === null);
      await sendIn(chatB, CHARLIE);
      assert.equal(slowRequest.outcome, undefined, 'the first window was still streaming all along');
      await second.screenshot('new-conversation-while-first-streams');

      const finished = await waitForNewLastTurn(chatA, knownA, 'complete', 60_000);
      assert.equal(finished.id, streaming);
      assert.equal(slowRequest.outcome, 'completed');
      await note(chatA);

      // Both windows read the library again (focus), then their lists are compared with each other and the disk.
      await focusOnceSaved(session.main, CHARLIE, SLOW);
      await focusOnceSaved(second, CHARLIE, SLOW);
      const counts = { [ALPHA]: 3, [BRAVO]: 1, [CHARLIE]: 1 };
      const agrees = (rows: HistoryRow[]) => rows.length === 3 && Object.entries(counts).every(([t, n]) => titled(rows, t)?.meta.startsWith(`${n} turn${n === 1 ? '' : 's'} · `));
      await openHistory(chatA);
      await openHistory(chatB);
      const inA = await waitForHistory(chatA, 'all three conversations in the first window', agrees);
      const inB = await waitForHistory(chatB, 'all three conversations in the second window', agrees);
      assert.equal(titled(inA, ALPHA)?.current, true);
      assert.equal(titled(inB, CHARLIE)?.current, true);
      assert.deepEqual((await renderedTurns(chatA)).map((t) => [t.id, t.status]), [[ids[ALPHA], 'complete'], [ids[SHARED], 'complete'], [streaming, 'complete']]);
      await session.screenshot('after');
      await second.screenshot('after');

      // Every turn either window showed is on disk, complete, in the conversation the lists put it in.
      assert.equal(seen.size, 5, `turns seen: ${[...seen.values()].join(' | ')}`);
      const onDisk = await until('every turn seen on screen to be on disk and complete', () => {
        const turns = turnsOnDisk(session.globalStorage);
        return [...seen.keys()].every((id) => turns.get(id)?.status === 'complete') ? turns : undefined;
      });
      const conversationOf = (prompt: string) => onDisk.get(ids[prompt])?.conversationId;
      assert.equal(conversationOf(SHARED), conversationOf(ALPHA));
      assert.equal(conversationOf(SLOW), conversationOf(ALPHA));
      assert.equal(titled(inA, ALPHA)?.id, conversationOf(ALPHA));
      assert.equal(titled(inA, BRAVO)?.id, conversationOf(BRAVO));
      assert.equal(titled(inB, CHARLIE)?.id, conversationOf(CHARLIE));
      assert.equal(new Set([conversationOf(ALPHA), conversationOf(BRAVO), conversationOf(CHARLIE)]).size, 3);
      assert.deepEqual([...onDisk.keys()].sort(), [...seen.keys()].sort(), 'nothing on disk that no window showed');
      const workspaces = fs.readdirSync(path.join(session.globalStorage, 'workspaces'));
      if (options.folderless) assert.deepEqual(workspaces, ['no-folder'], 'folderless windows share the no-folder library');
      else assert.match(workspaces.join(), /^[0-9a-f]{24}$/, 'one library for the folder, whichever window wrote');
    });
  });
}

twoWindowsSuite('Two windows on one folder in the real workbench', 'ui-two-windows', {});
twoWindowsSuite('Two folderless windows in the real workbench', 'ui-two-windows-folderless', { folderless: true });
