import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { ChatPage } from './chatPage';
import { panelState, sampleAnswer, streamingTurn, totalsOf, turn, usage } from './chatFixtures';
import { type Harness, launchChromium, startHarness } from './harness';

describe('chat webview: streaming render (Chromium)', function () {
  let browser: Browser;
  let harness: Harness;
  let chat: ChatPage;

  before(async () => {
    mkdirSync('test-results', { recursive: true });
    harness = await startHarness();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await harness?.close();
  });
  beforeEach(async () => {
    chat = await ChatPage.open(browser, harness);
  });
  afterEach(async () => {
    assert.deepEqual(chat.pageErrors, []);
    await chat.close();
  });

  async function streamChunks(turnId: string, text: string, size: number): Promise<void> {
    const deltas = [];
    for (let i = 0; i < text.length; i += size) deltas.push({ type: 'delta' as const, turnId, channel: 'text' as const, text: text.slice(i, i + size) });
    await chat.postAll(deltas);
    await chat.settle();
  }

  it('renders streamed Markdown block by block and keeps finished blocks untouched', async () => {
    const live = streamingTurn({ userText: 'Explain retry' });
    await chat.postAll([{ type: 'init', turns: [], state: panelState(), totals: usage(0, 0) }, { type: 'turnStarted', turn: live }]);
    await chat.settle();
    assert.equal(await chat.page.isVisible('#stop'), true, 'Stop replaces Send while streaming');
    assert.equal(await chat.page.isVisible('#send'), false);

    await streamChunks(live.id, 'First paragraph with **bold** text.\n\nSecond para', 5);
    await chat.page.evaluate(() => {
      const first = document.querySelector('.turn .assistant .markdown p');
      (window as unknown as { __firstBlock: Element | null }).__firstBlock = first;
    });
    assert.equal(await chat.page.textContent('.assistant .markdown p strong'), 'bold');

    await streamChunks(live.id, 'graph continues.\n\n```ts\nconst x: number = 1;\n', 3);
    assert.equal(await chat.page.evaluate(() => {
      const kept = (window as unknown as { __firstBlock: Element }).__firstBlock;
      return kept.isConnected && kept === document.querySelector('.turn .assistant .markdown p');
    }), true, 'the first finished block is the same DOM node after later deltas');
    assert.equal(await chat.page.textContent('.assistant .code-block .code-language'), 'ts', 'an open fence renders as a code block while streaming');

    await streamChunks(live.id, 'console.log(x);\n```\n\nDone.', 4);
    const final = { ...live, status: 'complete' as const, assistantText: 'First paragraph with **bold** text.\n\nSecond paragraph continues.\n\n```ts\nconst x: number = 1;\nconsole.log(x);\n```\n\nDone.', usage: usage(50, 30, 10, 5), finishedAt: live.startedAt + 2000 };
    await chat.post({ type: 'turnUpdated', turn: final, totals: totalsOf([final]) });
    await chat.settle();

    const rendered = await chat.page.evaluate(() => ({
      paragraphs: Array.from(document.querySelectorAll('.assistant .markdown > p')).map((p) => p.textContent),
      code: document.querySelector('.assistant .code-block pre code')?.textContent,
      highlighted: document.querySelectorAll('.assistant .code-block pre code span[class^="hljs-"]').length,
      footer: document.querySelector('.turn-footer')?.textContent,
      status: document.querySelector('.turn')?.getAttribute('data-status'),
      total: document.querySelector('#total-tokens')?.textContent,
    }));
    assert.deepEqual(rendered.paragraphs, ['First paragraph with bold text.', 'Second paragraph continues.', 'Done.']);
    assert.equal(rendered.code, 'const x: number = 1;\nconsole.log(x);\n');
    assert.ok(rendered.highlighted > 0, 'code is highlighted');
    assert.equal(rendered.footer, '50 in · 10 cached · 30 out · 5 reasoning · 2.0 s');
    assert.equal(rendered.status, 'complete');
    assert.equal(rendered.total, 'Σ 80 tokens');
    assert.equal(await chat.page.isVisible('#send'), true);
    await chat.screenshot('streaming-complete');
  });

  it('never re-renders a finished turn while another one streams', async () => {
    const done = turn({ assistantText: sampleAnswer(1) });
    const live = streamingTurn();
    await chat.postAll([{ type: 'init', turns: [done], state: panelState(), totals: totalsOf([done]) }]);
    await chat.settle();
    await chat.page.evaluate((id) => {
      const target = document.querySelector(`.turn[data-turn-id="${id}"]`) as Element;
      const log: number[] = [];
      (window as unknown as { __mutations: number[] }).__mutations = log;
      new MutationObserver((records) => log.push(records.length)).observe(target, { subtree: true, childList: true, characterData: true, attributes: true });
    }, done.id);
    await chat.post({ type: 'turnStarted', turn: live });
    await streamChunks(live.id, sampleAnswer(2), 7);
    const final = { ...live, status: 'complete' as const, assistantText: sampleAnswer(2), usage: usage(), finishedAt: live.startedAt + 10 };
    await chat.post({ type: 'turnUpdated', turn: final, totals: totalsOf([done, final]) });
    await chat.settle();
    const mutations = await chat.page.evaluate(() => (window as unknown as { __mutations: number[] }).__mutations);
    // The only change allowed on the older turn is losing the "last turn" marker class.
    assert.ok(mutations.reduce((a, b) => a + b, 0) <= 1, `finished turn mutated: ${JSON.stringify(mutations)}`);
    assert.equal(await chat.page.locator('.turn').count(), 2);
  });

  it('shows refusal and reasoning distinctly and announces the answer politely', async () => {
    const live = streamingTurn();
    await chat.postAll([{ type: 'init', turns: [], state: panelState(), totals: usage(0, 0) }, { type: 'turnStarted', turn: live }]);
    await chat.postAll([
      { type: 'delta', turnId: live.id, channel: 'reasoning', text: '**Weighing** the options' },
      { type: 'delta', turnId: live.id, channel: 'text', text: 'A finished block.\n\nAn open tail' },
      { type: 'delta', turnId: live.id, channel: 'refusal', text: 'I cannot help with that part.' },
    ]);
    await chat.settle();
    assert.equal(await chat.page.isVisible('.reasoning'), true);
    assert.equal(await chat.page.textContent('.refusal'), 'I cannot help with that part.');
    const spokenWhileStreaming = await chat.page.textContent('#live-region');
    assert.equal(spokenWhileStreaming, 'A finished block.', 'only finished blocks are announced while streaming');
    const final = { ...live, status: 'complete' as const, assistantText: 'A finished block.\n\nAn open tail', refusalText: 'I cannot help with that part.', reasoningSummary: '**Weighing** the options' };
    await chat.post({ type: 'turnUpdated', turn: final, totals: usage() });
    await chat.settle();
    const region = await chat.page.evaluate(() => Array.from(document.querySelectorAll('#live-region p')).map((p) => p.textContent));
    assert.deepEqual(region, ['A finished block.', 'An open tail', 'Answer complete.']);
    assert.equal(await chat.page.getAttribute('#live-region', 'aria-live'), 'polite');
    await chat.page.click('.reasoning summary');
    assert.equal(await chat.page.textContent('.reasoning-text strong'), 'Weighing', 'reasoning renders as Markdown once opened');
  });

  it('follows the stream at the bottom, never yanks a reader who scrolled up, and offers a jump back', async () => {
    const history = Array.from({ length: 6 }, (_, i) => turn({ assistantText: sampleAnswer(i) }));
    const live = streamingTurn();
    await chat.postAll([{ type: 'init', turns: history, state: panelState(), totals: totalsOf(history) }, { type: 'turnStarted', turn: live }]);
    await chat.settle();
    const distanceFromBottom = () => chat.page.evaluate(() => {
      const s = document.getElementById('transcript') as HTMLElement;
      return s.scrollHeight - s.scrollTop - s.clientHeight;
    });
    await streamChunks(live.id, sampleAnswer(10), 20);
    assert.ok(await distanceFromBottom() <= 6, 'pinned to the bottom while following');
    assert.equal(await chat.page.isVisible('#jump-to-latest'), false);

    await chat.page.evaluate(() => { (document.getElementById('transcript') as HTMLElement).scrollTop -= 400; });
    await chat.settle();
    const before = await chat.page.evaluate(() => (document.getElementById('transcript') as HTMLElement).scrollTop);
    await streamChunks(live.id, sampleAnswer(11), 20);
    const after = await chat.page.evaluate(() => (document.getElementById('transcript') as HTMLElement).scrollTop);
    assert.equal(after, before, 'scroll position kept while the reader is up');
    assert.equal(await chat.page.isVisible('#jump-to-latest'), true);
    await chat.screenshot('streaming-scrolled-up');

    await chat.page.click('#jump-to-latest');
    await streamChunks(live.id, sampleAnswer(12), 20);
    assert.ok(await distanceFromBottom() <= 6, 'following again after Jump to latest');
    assert.equal(await chat.page.isVisible('#jump-to-latest'), false);
  });
});
