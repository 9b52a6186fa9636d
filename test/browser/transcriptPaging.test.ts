import * as assert from 'node:assert/strict';
import type { Turn } from '../../src/core/conversation/turn';
import { FIRST_PAGE_TURNS, MAX_PAGE_TURNS, TURNS_PER_GROUP } from '../../src/core/transcriptPaging';
import { ChatPage } from './chatPage';
import { panelState, sampleAnswer, streamingTurn, totalsOf, turn } from './chatFixtures';
import { openPagedTranscript, pageRequests } from './fakeTranscriptHost';
import { useChatPages } from './useChatPages';

const COUNT = 2000;

/** Turns counted on the page: built ones plus the places of those not built (or not even sent) yet. */
function countTurns(): { all: number; built: number } {
  const waiting = Array.from(document.querySelectorAll<HTMLElement>('.turn-group[data-pending-turns]'), (g) => Number(g.dataset.pendingTurns));
  const built = document.querySelectorAll('.turn').length;
  return { all: built + waiting.reduce((a, b) => a + b, 0), built };
}

describe('chat webview: a long transcript sent in pages (Chromium)', function () {
  const pages = useChatPages({ perTest: false });
  let chat: ChatPage;
  let turns: Turn[];

  beforeEach(async () => {
    chat = await ChatPage.open(pages.browser(), pages.harness());
    turns = Array.from({ length: COUNT }, (_, i) => turn({ userText: `Question ${i}`, assistantText: sampleAnswer(i) }));
  });
  afterEach(async () => {
    assert.deepEqual(chat.pageErrors, []);
    await chat.close();
  });

  it('opens with the newest turns only, and reaches the first turn by scrolling up, in order', async () => {
    const init = await openPagedTranscript(chat, turns);
    assert.ok(init.type === 'init' && init.turns.length < FIRST_PAGE_TURNS + TURNS_PER_GROUP, 'the host sent a screenful, not the transcript');
    await chat.settle();
    const opened = await chat.page.evaluate(countTurns);
    assert.equal(opened.all, COUNT, 'every turn has its place, so the scroll bar spans the whole conversation');
    assert.deepEqual(await pageRequests(chat), [], 'nothing older is asked for while the reader is at the end');

    // Scrolling to the top: the groups there ask for their turns, are built when they arrive, and rendered.
    const first = turns[0].id;
    await chat.page.waitForFunction((id) => {
      const scroller = document.getElementById('transcript') as HTMLElement;
      scroller.scrollTop = 0;
      const element = document.querySelector(`.turn[data-turn-id="${id}"]`);
      return element !== null && !element.classList.contains('unmaterialized');
    }, first, { polling: 'raf' });
    assert.match(await chat.page.locator(`.turn[data-turn-id="${first}"] .user-text`).textContent() ?? '', /^Question 0$/);
    const requests = await pageRequests(chat);
    assert.ok(requests.length > 0 && requests.every((ids) => ids.length <= MAX_PAGE_TURNS), 'asked in pages');
    assert.ok(requests.flat().length < COUNT / 2, `only the turns near the viewport were asked for (${requests.flat().length})`);

    // A screen reader reads the built turns in conversation order, and none twice.
    const ids = await chat.page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.turn'), (t) => t.dataset.turnId));
    assert.equal(new Set(ids).size, ids.length, 'no turn shown twice');
    const indexOf = new Map(turns.map((t, i) => [t.id, i]));
    const positions = ids.map((id) => indexOf.get(id ?? '') ?? -1);
    assert.deepEqual(positions, [...positions].sort((a, b) => a - b), 'built turns are in conversation order');
    assert.equal((await chat.page.evaluate(countTurns)).all, COUNT);

    // An old turn works like any other once it is here: Fork from here names it.
    await chat.page.locator(`.turn[data-turn-id="${first}"]`).hover();
    await chat.page.click(`.turn[data-turn-id="${first}"] .fork-turn`);
    assert.deepEqual((await chat.posted()).at(-1), { type: 'forkFromTurn', turnId: first });
    await chat.screenshot('paged-transcript-top');
  });

  it('reveals a turn far back that was not sent yet: asked for, scrolled to, highlighted and focused', async () => {
    await openPagedTranscript(chat, turns);
    await chat.settle();
    const target = turns[700];
    await chat.post({ type: 'revealTurn', turnId: target.id });
    await chat.page.waitForFunction((id) => {
      const element = document.querySelector(`.turn[data-turn-id="${id}"]`);
      const box = element?.getBoundingClientRect();
      const top = (document.getElementById('transcript') as HTMLElement).getBoundingClientRect().top;
      return element === document.activeElement && box !== undefined && Math.abs(box.top - top) <= 2;
    }, target.id);
    const state = await chat.page.evaluate((id) => {
      const element = document.querySelector(`.turn[data-turn-id="${id}"]`) as HTMLElement;
      return { built: !element.classList.contains('unmaterialized'), jumpShown: !(document.getElementById('jump-to-latest') as HTMLElement).hidden };
    }, target.id);
    assert.deepEqual(state, { built: true, jumpShown: true });
    assert.ok((await pageRequests(chat)).some((ids) => ids.includes(target.id)));
    assert.equal(chat.consoleWarnings.filter((w) => w.includes('cannot reveal')).length, 0);
    await chat.screenshot('paged-transcript-revealed');
  });

  it('keyboard: Home reaches the first turn though the host had not sent it, and ↓ and End walk on from there', async () => {
    await openPagedTranscript(chat, turns);
    await chat.settle();
    const focused = (id: string) => chat.page.waitForFunction((turnId) => (document.activeElement as HTMLElement | null)?.dataset.turnId === turnId, id);
    await chat.page.focus(`.turn[data-turn-id="${turns[COUNT - 1].id}"]`);
    assert.ok(!(await pageRequests(chat)).flat().includes(turns[0].id), 'the first turn was not sent before the key');
    await chat.page.keyboard.press('Home');
    await focused(turns[0].id);
    assert.match(await chat.page.locator(`.turn[data-turn-id="${turns[0].id}"] .user-text`).textContent() ?? '', /^Question 0$/);
    await chat.page.keyboard.press('ArrowDown');
    await focused(turns[1].id);
    await chat.page.keyboard.press('End');
    await focused(turns[COUNT - 1].id);
  });

  it('keeps every turn in place when one not sent yet is removed, a stale page arrives, or an answer streams', async () => {
    await openPagedTranscript(chat, turns);
    await chat.settle();
    await chat.post({ type: 'turnRemoved', turnId: turns[5].id });
    // A page for a transcript that has been replaced since changes nothing.
    await chat.post({ type: 'turnsPage', transcriptId: 'an-older-one', requested: [turns[0].id], turns: [turns[0]] });
    await chat.settle();
    assert.equal((await chat.page.evaluate(countTurns)).all, COUNT - 1);
    assert.equal(await chat.page.locator(`.turn[data-turn-id="${turns[0].id}"]`).count(), 0);

    const live = streamingTurn();
    await chat.post({ type: 'turnStarted', turn: live });
    await chat.post({ type: 'delta', turnId: live.id, channel: 'text', text: 'The **newest** answer.' });
    await chat.settle();
    assert.equal(await chat.page.textContent('.turn.is-last .markdown strong'), 'newest');
    assert.equal((await chat.page.evaluate(countTurns)).all, COUNT);
  });

  it('keeps an edit of an old turn across a reload, though that turn was not sent again', async () => {
    await openPagedTranscript(chat, turns);
    await chat.page.evaluate((id) => sessionStorage.setItem('threadline-harness-state', JSON.stringify({ draft: 'edited', editTurnId: id })), turns[3].id);
    await chat.page.reload();
    await chat.waitForPosted('ready');
    await openPagedTranscript(chat, turns, 'paged-2');
    await chat.settle();
    assert.equal(await chat.page.isVisible('#edit-banner'), true, 'still editing the old turn');
    assert.equal(await chat.page.inputValue('#prompt'), 'edited');
    await chat.post({ type: 'init', turns: [turn()], state: panelState(), totals: totalsOf([]) });
    await chat.settle();
    assert.equal(await chat.page.isVisible('#edit-banner'), false, 'a transcript without that turn ends the edit');
  });
});
