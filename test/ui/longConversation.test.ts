import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { hideThreadlineView, sendAndWait, showThreadlineView } from './support/chatPanel';
import { EditorUi } from './support/editorUi';
import { openHistory } from './support/historyView';
import { conversationLogLines, placeConversationLog, storedTurn } from './support/seedLibrary';
import { type SessionPaths, WorkbenchSession } from './workbenchSession';

const WRITER = 'fedcba9876543210';
const LONG = 'c0nversation-long';
const SHORT = 'c0nversation-short';
const LONG_TURNS = 1200;
/** Only the answer of turn 7 of the long conversation holds this word. */
const FAR_WORD = 'quokka';
const FAR_INDEX = 7;

/** A conversation in the library's format, written before the editor starts, its turns a second apart. */
function placeConversation(paths: SessionPaths, conversation: string, count: number, newest: number): void {
  const turns = Array.from({ length: count }, (_, index) => storedTurn({
    id: `${conversation}-turn-${index}`,
    userText: `${conversation === LONG ? 'Long' : 'Short'} question ${index}`,
    assistantText: `Answer ${index}${conversation === LONG && index === FAR_INDEX ? ` mentions a ${FAR_WORD}` : ''}.\n\n${'A paragraph of the answer. '.repeat(12)}`,
    startedAt: newest - (count - index) * 1000,
  }));
  placeConversationLog(paths, conversation, WRITER, `${conversationLogLines(conversation, WRITER, turns).join('\n')}\n`);
}

/** Every turn of the open transcript: built, or a place in a group waiting to be built (or sent). */
function turnCount(chat: Frame): Promise<number> {
  return chat.evaluate(() => document.querySelectorAll('.turn').length + Array.from(
    document.querySelectorAll<HTMLElement>('.turn-group[data-pending-turns]'), (g) => Number(g.dataset.pendingTurns),
  ).reduce((a, b) => a + b, 0));
}

/** Waits until the turn is built, focused and at the top part of the transcript's view. */
async function waitForRevealed(chat: Frame, turnId: string): Promise<void> {
  await chat.waitForFunction((id) => {
    const element = document.querySelector<HTMLElement>(`.turn[data-turn-id="${id}"]`);
    if (!element || element !== document.activeElement || element.classList.contains('unmaterialized')) return false;
    const box = element.getBoundingClientRect();
    const scroller = (document.getElementById('transcript') as HTMLElement).getBoundingClientRect();
    return box.top >= scroller.top - 2 && box.top < scroller.bottom;
  }, turnId);
}

/**
 * A 1,200-turn conversation in the real workbench. The host sends the panel only the newest turns; a search hit
 * far back opens it at that turn, and after the view was hidden and shown again (a fresh page, sent only the
 * newest turns again) the first turn is reached by scrolling up; a new message goes on at the end.
 */
suite('A long conversation in the real workbench', function () {
  this.timeout(240_000);
  let session: WorkbenchSession;
  let ui: EditorUi;
  let chat: Frame;

  suiteSetup(async () => {
    const now = Date.now();
    session = await WorkbenchSession.open('ui-long-conversation', {
      beforeStart: (paths) => {
        placeConversation(paths, LONG, LONG_TURNS, now - 3_600_000);
        placeConversation(paths, SHORT, 2, now);
      },
    });
    ui = new EditorUi(session);
    chat = await showThreadlineView(session);
  });

  teardown(async function () {
    await ui?.screenshotOnFailure(this.currentTest);
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  test('a search hit far back opens the long conversation at that turn: built, in view and focused', async () => {
    await chat.waitForSelector(`.turn[data-turn-id="${SHORT}-turn-1"]`);
    await openHistory(chat);
    await chat.fill('#history-search', FAR_WORD);
    await chat.waitForFunction((word) => document.querySelector('.results-status')?.textContent === `1 match for “${word}”`, FAR_WORD);
    await chat.locator('.search-result').first().click();
    await chat.waitForSelector('#history-panel', { state: 'hidden' });
    const target = `${LONG}-turn-${FAR_INDEX}`;
    await waitForRevealed(chat, target);
    assert.match(await chat.locator(`.turn[data-turn-id="${target}"] .markdown`).textContent() ?? '', new RegExp(FAR_WORD));
    assert.equal(await turnCount(chat), LONG_TURNS, 'every turn of the long conversation has its place');
    await session.screenshot('long-conversation-search-jump');
  });

  test('Search Conversations from the command palette, with the view hidden, opens the view at the hit far back', async () => {
    await hideThreadlineView(session, chat);
    await ui.runCommand('Threadline: Search Conversations…');
    await ui.page.locator('.quick-input-widget input').fill(FAR_WORD);
    await ui.pickQuickItem(/Long question/);
    chat = await session.frameWith('#prompt', 60_000);
    const target = `${LONG}-turn-${FAR_INDEX}`;
    await waitForRevealed(chat, target);
    assert.match(await chat.locator(`.turn[data-turn-id="${target}"] .markdown`).textContent() ?? '', new RegExp(FAR_WORD));
    await session.screenshot('long-conversation-palette-jump');
  });

  test('hidden and shown again, the view opens at the newest turn, and the first turn is reached by scrolling up', async () => {
    await hideThreadlineView(session, chat);
    chat = await showThreadlineView(session);
    const newest = `${LONG}-turn-${LONG_TURNS - 1}`;
    await chat.waitForSelector(`.turn.is-last[data-turn-id="${newest}"]`);
    assert.equal(await turnCount(chat), LONG_TURNS, 'every turn has its place again');
    const first = `${LONG}-turn-0`;
    assert.equal(await chat.locator(`.turn[data-turn-id="${first}"]`).count(), 0, 'the reopened view was sent only the newest turns');

    await chat.waitForFunction((id) => {
      (document.getElementById('transcript') as HTMLElement).scrollTop = 0;
      const element = document.querySelector(`.turn[data-turn-id="${id}"]`);
      return element !== null && !element.classList.contains('unmaterialized');
    }, first, { polling: 'raf' });
    assert.equal(await chat.locator(`.turn[data-turn-id="${first}"] .user-text`).textContent(), 'Long question 0');
    await session.screenshot('long-conversation-top');
  });

  test('a new message is answered at the end of the long conversation', async () => {
    const turn = await sendAndWait(chat, 'One more question after twelve hundred');
    assert.equal(turn.status, 'complete');
    assert.equal(await turnCount(chat), LONG_TURNS + 1);
  });
});
