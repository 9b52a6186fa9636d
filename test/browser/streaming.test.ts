import * as assert from 'node:assert/strict';
import type { ChatPage } from './chatPage';
import { panelState, sampleAnswer, streamingTurn, totalsOf, turn, usage } from './chatFixtures';
import { useChatPages } from './useChatPages';

describe('chat webview: streaming render (Chromium)', function () {
  const pages = useChatPages();
  let chat: ChatPage;
  beforeEach(() => {
    chat = pages.chat();
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
    assert.equal(rendered.footer, '50 in · 10 cached · 30 out · 5 reasoning · <1% of context (1048k) · 2.0 s');
    assert.equal(rendered.status, 'complete');
    assert.equal(rendered.total, 'Σ 80 · <1%');
    assert.equal(await chat.page.isVisible('#send'), true);
    await chat.screenshot('streaming-complete');
  });

  it('streams a 3,000-line code block as plain text in place, then highlights it once when the fence closes', async () => {
    const live = streamingTurn();
    await chat.postAll([{ type: 'init', turns: [], state: panelState(), totals: usage(0, 0) }, { type: 'turnStarted', turn: live }]);
    // Markup-like code proves the streamed text is never parsed as HTML; indentation proves nothing is trimmed.
    const codeLines = Array.from({ length: 3000 }, (_, i) => `${i % 4 === 0 ? '' : '  '}const v${i} = render("<b id=x${i}>&amp;</b>", ${i});`);
    const code = codeLines.join('\n') + '\n';
    const intro = 'Here is the module:\n```ts\n';
    const outro = '```\n\nThat is all.';
    const whole = intro + code + outro;
    const readCode = () => chat.page.evaluate(() => {
      const blocks = document.querySelectorAll('.assistant .markdown .code-block');
      const element = document.querySelector('.assistant .markdown .code-block pre code');
      return {
        blocks: blocks.length,
        text: element?.textContent ?? null,
        language: document.querySelector('.assistant .markdown .code-language')?.textContent ?? null,
        highlighted: document.querySelectorAll('.assistant .markdown .code-block pre code span[class^="hljs-"]').length,
        injected: document.querySelectorAll('.assistant .markdown b').length,
        streaming: element?.classList.contains('streaming-code') ?? false,
        sameElement: element === (window as unknown as { __code?: Element }).__code,
      };
    });

    // Deltas of 23 characters (lines and deltas rarely line up), a few hundred per frame.
    const batchEnds = [intro.length + 40, intro.length + code.length / 3, intro.length + (2 * code.length) / 3, intro.length + code.length - 17, intro.length + code.length];
    let sent = 0;
    for (const end of batchEnds.map(Math.floor)) {
      for (let from = sent; from < end; from += 4000) {
        const upTo = Math.min(end, from + 4000);
        const deltas = [];
        for (let i = from; i < upTo; i += 23) deltas.push({ type: 'delta' as const, turnId: live.id, channel: 'text' as const, text: whole.slice(i, Math.min(upTo, i + 23)) });
        await chat.postAll(deltas);
        await chat.settle();
      }
      sent = end;
      if (end === batchEnds[0]) await chat.page.evaluate(() => {
        (window as unknown as { __code?: Element }).__code = document.querySelector('.assistant .markdown .code-block pre code') ?? undefined;
      });
      const streamed = await readCode();
      assert.equal(streamed.text, whole.slice(intro.length, end), `code shown after ${end} characters`);
      assert.equal(streamed.blocks, 1);
      assert.equal(streamed.language, 'ts');
      assert.equal(streamed.streaming, true);
      assert.equal(streamed.highlighted, 0, 'not highlighted while the fence is open');
      assert.equal(streamed.injected, 0, 'code text is never parsed as HTML');
      assert.equal(streamed.sameElement, true, 'the open block grows in place instead of being rendered again');
      assert.equal(await chat.page.textContent('.assistant .markdown > p'), 'Here is the module:');
    }

    await streamChunks(live.id, outro, 23);
    const closed = await readCode();
    assert.equal(closed.text, code, 'the finished block holds exactly the code');
    assert.equal(closed.blocks, 1);
    assert.equal(closed.language, 'ts');
    assert.equal(closed.streaming, false);
    assert.ok(closed.highlighted > 3000, `the finished block is highlighted (${closed.highlighted} tokens)`);
    assert.equal(closed.injected, 0);
    const paragraphs = await chat.page.evaluate(() => Array.from(document.querySelectorAll('.assistant .markdown p')).map((p) => p.textContent));
    assert.deepEqual(paragraphs, ['Here is the module:', 'That is all.']);

    await chat.page.click('.assistant .code-block .copy-code');
    const copied = (await chat.posted()).filter((m) => m.type === 'copyText');
    assert.deepEqual(copied, [{ type: 'copyText', text: code.slice(0, -1) }]);
  });

  it('strips an indented fence\'s indentation from streamed code lines, as the finished render does', async () => {
    const live = streamingTurn();
    await chat.postAll([{ type: 'init', turns: [], state: panelState(), totals: usage(0, 0) }, { type: 'turnStarted', turn: live }]);
    await streamChunks(live.id, '  ~~~python\r\n  def f():\r\n      return 1\r\n   x = 2\r\n', 5);
    const codeText = () => chat.page.textContent('.assistant .markdown .code-block pre code');
    assert.equal(await codeText(), 'def f():\n    return 1\n x = 2\n');
    await streamChunks(live.id, '  ~~~\r\n', 5);
    assert.equal(await codeText(), 'def f():\n    return 1\n x = 2\n');
    assert.equal(await chat.page.locator('.assistant .markdown .streaming-code').count(), 0);
  });

  it('stops rendering a streaming answer that a new transcript replaced', async () => {
    const live = streamingTurn();
    await chat.postAll([{ type: 'init', turns: [], state: panelState(), totals: usage(0, 0) }, { type: 'turnStarted', turn: live }]);
    await streamChunks(live.id, 'Already shown.', 5);
    await chat.page.evaluate(() => {
      (window as unknown as { __oldAnswer?: Element }).__oldAnswer = document.querySelector('.assistant .markdown') ?? undefined;
    });
    // Both handled before the next frame: the delta is queued for a turn the init then removes.
    const next = turn({ assistantText: 'A fresh transcript.' });
    await chat.postAll([
      { type: 'delta', turnId: live.id, channel: 'text', text: ' Queued before the reset.' },
      { type: 'init', turns: [next], state: panelState(), totals: totalsOf([next]) },
    ]);
    await chat.settle();
    const old = await chat.page.evaluate(() => {
      const element = (window as unknown as { __oldAnswer: Element }).__oldAnswer;
      return { connected: element.isConnected, text: element.textContent?.trim() };
    });
    assert.deepEqual(old, { connected: false, text: 'Already shown.' }, 'the replaced turn rendered nothing more');
    assert.equal((await chat.page.textContent('.assistant .markdown'))?.trim(), 'A fresh transcript.');
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
