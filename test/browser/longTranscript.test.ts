import * as assert from 'node:assert/strict';
import { ChatPage } from './chatPage';
import { panelState, sampleAnswer, streamingTurn, totalsOf, turn } from './chatFixtures';
import { useChatPages } from './useChatPages';

describe('chat webview: long transcripts (Chromium)', function () {
  const pages = useChatPages({ perTest: false });

  it('opens 1,000 restored turns at the bottom, builds old turns only as they come into view', async () => {
    const chat = await ChatPage.open(pages.browser(), pages.harness());
    try {
      const turns = Array.from({ length: 1000 }, (_, i) => turn({ assistantText: sampleAnswer(i), userText: `Question number ${i}` }));
      await chat.post({ type: 'init', turns, state: panelState(), totals: totalsOf(turns) });
      await chat.settle();
      const opened = await chat.page.evaluate(() => {
        const scroller = document.getElementById('transcript') as HTMLElement;
        // Far groups are not even made yet: each holds the count of the turns it stands for.
        const waiting = Array.from(document.querySelectorAll<HTMLElement>('.turn-group[data-pending-turns]'), (g) => Number(g.dataset.pendingTurns)).reduce((a, b) => a + b, 0);
        return {
          turns: document.querySelectorAll('.turn').length + waiting,
          pending: document.querySelectorAll('.turn.unmaterialized').length + waiting,
          lastRendered: document.querySelector('.turn.is-last .markdown .code-block') !== null,
          fromBottom: scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight,
          scrollable: scroller.scrollHeight > scroller.clientHeight * 10,
        };
      });
      assert.equal(opened.turns, 1000);
      assert.ok(opened.pending > 900 && opened.pending < 1000, `old turns wait to be built (${opened.pending} placeholders)`);
      assert.ok(opened.lastRendered);
      assert.ok(opened.fromBottom <= 6, `opens at the newest turn (${opened.fromBottom}px from the bottom)`);
      assert.ok(opened.scrollable);
      await chat.screenshot('long-transcript-bottom');

      await chat.page.evaluate(() => { (document.getElementById('transcript') as HTMLElement).scrollTop = 0; });
      await chat.settle();
      await chat.settle();
      const top = await chat.page.evaluate(() => ({
        firstRendered: !document.querySelector('.turn')?.classList.contains('unmaterialized'),
        firstHasCode: document.querySelectorAll('.turn-group:first-child > .turn:first-child .code-block').length,
        pending: document.querySelectorAll('.turn.unmaterialized').length
          + Array.from(document.querySelectorAll<HTMLElement>('.turn-group[data-pending-turns]'), (g) => Number(g.dataset.pendingTurns)).reduce((a, b) => a + b, 0),
      }));
      assert.ok(top.firstRendered, 'the first turn rendered once scrolled into view');
      assert.equal(top.firstHasCode, 2);
      assert.ok(top.pending > 900, 'only turns near the viewport were built');

      // A new turn on a long transcript still streams and finishes normally.
      const live = streamingTurn();
      await chat.page.click('#prompt');
      await chat.page.keyboard.type('one more');
      await chat.page.keyboard.press('Enter');
      await chat.post({ type: 'turnStarted', turn: live });
      await chat.post({ type: 'delta', turnId: live.id, channel: 'text', text: 'The **1001st** answer.' });
      await chat.settle();
      assert.equal(await chat.page.textContent('.turn.is-last .markdown strong'), '1001st');
      const fromBottom = await chat.page.evaluate(() => {
        const s = document.getElementById('transcript') as HTMLElement;
        return s.scrollHeight - s.scrollTop - s.clientHeight;
      });
      assert.ok(fromBottom <= 6, 'sending jumps back to the newest turn');
    } finally {
      await chat.close();
    }
  });
});
