import * as assert from 'node:assert/strict';
import { INTERRUPTED_NOTICE } from '../../src/core/turn/interruption';
import type { ChatPage } from './chatPage';
import { panelState, streamingTurn, totalsOf, turn, usage } from './chatFixtures';
import { useChatPages } from './useChatPages';

/** A turn's outcome is shown once and heard once: by the status line, and by the one live region. */
describe('chat webview: a turn’s outcome, said once (Chromium)', function () {
  const pages = useChatPages();
  let chat: ChatPage;
  beforeEach(() => {
    chat = pages.chat();
  });

  const read = () => chat.page.evaluate(() => {
    const last = document.querySelector<HTMLElement>('.turn:last-child') as HTMLElement;
    return {
      text: last.innerText,
      noticeShown: !(last.querySelector('.turn-notice') as HTMLElement).hidden,
      status: last.querySelector('.turn-status')?.textContent ?? '',
      // Anything in the transcript a screen reader would read out on change, besides the one announcer.
      liveInTranscript: document.querySelectorAll('#transcript [aria-live], #transcript [role="status"], #transcript [role="alert"], #transcript [role="log"]').length,
      announced: Array.from(document.querySelectorAll('#live-region p'), (p) => p.textContent ?? ''),
    };
  });
  const count = (text: string, part: string) => text.split(part).length - 1;

  it('a turn interrupted by a reload shows its note once, as its status, and is not announced on opening', async () => {
    const interrupted = turn({ status: 'stopped', assistantText: 'The first half of', notice: INTERRUPTED_NOTICE, usage: undefined });
    await chat.post({ type: 'init', turns: [turn(), interrupted], state: panelState(), totals: usage() });
    await chat.settle();
    const seen = await read();
    assert.equal(count(seen.text, 'VS Code closed while this answer was streaming'), 1, seen.text);
    assert.equal(count(seen.text.toLowerCase(), 'stopped'), 1, 'one badge, and no second "stopped before the answer finished"');
    assert.equal(seen.noticeShown, false);
    assert.equal(seen.status, `Stopped${INTERRUPTED_NOTICE}Retry`);
    assert.equal(seen.liveInTranscript, 0);
    assert.deepEqual(seen.announced, []);
  });

  it('a stream that ends stopped or failed is announced once, by the live region only', async () => {
    const live = streamingTurn({ userText: 'Explain' });
    await chat.postAll([{ type: 'init', turns: [], state: panelState(), totals: usage(0, 0) }, { type: 'turnStarted', turn: live }]);
    await chat.post({ type: 'delta', turnId: live.id, channel: 'text', text: 'Partial' });
    const stopped = { ...live, status: 'stopped' as const, assistantText: 'Partial', finishedAt: live.startedAt + 500 };
    await chat.post({ type: 'turnUpdated', turn: stopped, totals: totalsOf([stopped]) });
    await chat.settle();
    const seen = await read();
    assert.equal(seen.liveInTranscript, 0, 'the status line is not a second live region');
    assert.deepEqual(seen.announced.filter((a) => a.includes('Stopped')), ['Stopped: Stopped before the answer finished; the partial answer is kept.']);
  });

  it('a notice that says something else stays beside the status', async () => {
    const repaired = turn({ status: 'stopped', notice: 'The server no longer had this conversation; it was sent again in full.' });
    await chat.post({ type: 'init', turns: [repaired], state: panelState(), totals: usage() });
    await chat.settle();
    const seen = await read();
    assert.equal(seen.noticeShown, true);
    assert.match(seen.status, /^StoppedStopped before the answer finished/);
  });
});
