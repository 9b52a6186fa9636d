// Chat webview benchmark, in Chromium with the real dist/webview/webview.js:
//   chat.delta_ms_at_1k / chat.delta_ms_at_20k  median main-thread time per streamed token while the answer is ~1k / ~20k tokens
//   chat.delta_ms_in_long_code_block            the same, ~20k tokens deep inside one still-open code fence
//   chat.open_1000_turns_ms / _10000_            post a 1,000- (10,000-) turn transcript as the host does (the newest turns,
//                                                the older ones by id: core/transcriptPaging) → rendered, laid out and scrollable at the bottom
//   chat.heap_mb_1000_turns / _10000_            JS heap after that, post-GC
//   bundle.webview_kb / bundle.webview_css_kb    size of the shipped webview bundle
// Prints `BENCH {json}` as its last line.
import { statSync } from 'node:fs';
import { getEncoding } from 'js-tiktoken';
import type { Page } from 'playwright-core';
import type { HostToWebview } from '../src/core/protocol';
import { firstPage } from '../src/core/transcriptPaging';
import { panelState, sampleAnswer, streamingTurn, totalsOf, turn } from '../test/browser/chatFixtures';
import { type Harness, launchChromium, startHarness } from '../test/browser/harness';

const MEASURED_DELTAS = 300;
const OPEN_RUNS = 3;
const encoder = getEncoding('o200k_base');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/** Markdown answers (prose, lists, tables, code) concatenated until they are `tokens` long. */
function answerOfTokens(tokens: number): string {
  let text = '';
  for (let i = 0; encoder.encode(text).length < tokens; i++) text += sampleAnswer(i) + '\n';
  return text;
}

/** The text as the model streams it: one token per delta. */
function tokenDeltas(text: string): string[] {
  return encoder.encode(text).map((token) => encoder.decode([token]));
}

async function openPage(harness: Harness, browserPage: () => Promise<Page>): Promise<Page> {
  const page = await browserPage();
  await page.goto(harness.url());
  await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ready'));
  return page;
}

/** One long TypeScript module (a single code fence still open), about `tokens` long: the opening fence and the code. */
function openCodeFenceOfTokens(tokens: number): { prefix: string; more: string } {
  const lines: string[] = [];
  const line = (i: number) => `  const value${i} = await fetchRecord(client, { id: ${i}, retries: ${i % 5} }); // step ${i}`;
  const perLine = encoder.encode(line(1000) + '\n').length;
  const count = Math.ceil(tokens / perLine);
  for (let i = 0; i < count + 40; i++) lines.push(line(i));
  return {
    prefix: 'Here is the whole module:\n\n```ts\nexport async function loadAll(client: Client): Promise<void> {\n' + lines.slice(0, count).join('\n') + '\n',
    more: lines.slice(count).join('\n') + '\n',
  };
}

/**
 * Streams `stream.prefix` in large pieces, then measures single-token deltas of `stream.more`. One sample is
 * the synchronous message handling plus that frame's render work and the layout it causes: callback A marks
 * the frame's start, the webview's own frame callback runs next (it was requested during dispatch), and C
 * forces layout.
 */
async function measureDeltas(page: Page, stream: { prefix: string; more: string }): Promise<number[]> {
  const history = Array.from({ length: 20 }, (_, i) => turn({ assistantText: sampleAnswer(i) }));
  const live = streamingTurn();
  await page.evaluate((messages) => { for (const m of messages) window.postMessage(m, '*'); }, [
    { type: 'init', turns: history, state: panelState(), totals: totalsOf(history) },
    { type: 'turnStarted', turn: live },
    // The host streams an answer as part events: the final message is a part, its text arrives as deltas to it.
    { type: 'part', turnId: live.id, event: { type: 'added', index: 0, part: { kind: 'text', text: '', annotations: [] } } },
  ] satisfies HostToWebview[]);
  const prefix = stream.prefix;
  for (let i = 0; i < prefix.length; i += 4000) {
    await page.evaluate((message) => new Promise((resolve) => {
      window.postMessage(message, '*');
      setTimeout(() => requestAnimationFrame(resolve), 0);
    }), { type: 'part', turnId: live.id, event: { type: 'delta', index: 0, text: prefix.slice(i, i + 4000) } } satisfies HostToWebview);
  }
  const measured = tokenDeltas(stream.more).slice(0, MEASURED_DELTAS)
    .map((text): HostToWebview => ({ type: 'part', turnId: live.id, event: { type: 'delta', index: 0, text } }));
  return page.evaluate(async (deltas) => {
    const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
    const samples: number[] = [];
    for (const data of deltas) {
      await nextFrame();
      let frameStart = 0;
      requestAnimationFrame(() => { frameStart = performance.now(); });
      const t0 = performance.now();
      window.dispatchEvent(new MessageEvent('message', { data }));
      const handled = performance.now() - t0;
      const frameEnd = await new Promise<number>((resolve) => requestAnimationFrame(() => {
        void document.body.offsetHeight;
        resolve(performance.now());
      }));
      samples.push(handled + (frameEnd - frameStart));
    }
    return samples;
  }, measured);
}

async function measureOpen(page: Page, turnsMessage: HostToWebview): Promise<{ ms: number; atBottom: boolean }> {
  return page.evaluate((message) => new Promise<{ ms: number; atBottom: boolean }>((resolve) => {
    const t0 = performance.now();
    // Registered after the webview's own listener, so it runs right after the transcript was built.
    window.addEventListener('message', () => {
      requestAnimationFrame(() => {
        const scroller = document.getElementById('transcript') as HTMLElement;
        const atBottom = scroller.scrollHeight > scroller.clientHeight && scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= 6;
        // After this frame's layout and paint.
        setTimeout(() => resolve({ ms: performance.now() - t0, atBottom }), 0);
      });
    }, { once: true });
    window.postMessage(message, '*');
  }), turnsMessage);
}

async function main(): Promise<void> {
  const harness = await startHarness();
  const browser = await launchChromium();
  const newPage = () => browser.newPage({ viewport: { width: 420, height: 800 } });
  const results: Record<string, number> = {};
  try {
    const perDelta: Record<string, number[]> = {};
    const prose = (tokens: number) => ({ prefix: answerOfTokens(tokens), more: sampleAnswer(424242) + sampleAnswer(424243) });
    const streams = { '1k': prose(1000), '20k': prose(20000), code: openCodeFenceOfTokens(20000) };
    for (const key of ['1k', '20k', 'code'] as const) {
      const page = await openPage(harness, newPage);
      perDelta[key] = await measureDeltas(page, streams[key]);
      if (key === 'code' && await page.locator('.code-block pre code.streaming-code').count() !== 1) {
        throw new Error('the long code block was not measured inside an open fence');
      }
      await page.close();
      console.log(`[chat] ${key}: median ${median(perDelta[key]).toFixed(3)} ms, p90 ${[...perDelta[key]].sort((a, b) => a - b)[Math.floor(perDelta[key].length * 0.9)].toFixed(3)} ms over ${perDelta[key].length} deltas`);
    }
    results['chat.delta_ms_at_1k'] = round(median(perDelta['1k']));
    results['chat.delta_ms_at_20k'] = round(median(perDelta['20k']));
    results['chat.delta_ratio_20k_to_1k'] = round(results['chat.delta_ms_at_20k'] / results['chat.delta_ms_at_1k'], 2);
    results['chat.delta_ms_in_long_code_block'] = round(median(perDelta.code));
    results['chat.delta_ratio_code_block_to_1k'] = round(results['chat.delta_ms_in_long_code_block'] / results['chat.delta_ms_at_1k'], 2);

    for (const count of [1000, 10_000]) {
      const turns = Array.from({ length: count }, (_, i) => turn({ userText: `Question ${i}: how does step ${i} work?`, assistantText: sampleAnswer(i) }));
      // The host's first message, made each run as the host makes it; its time on the host counts in the figure.
      const init = (): { message: HostToWebview; hostMs: number } => {
        const t0 = performance.now();
        const message: HostToWebview = { type: 'init', transcriptId: 'bench', ...firstPage(turns), state: panelState(), totals: totalsOf(turns) };
        return { message, hostMs: performance.now() - t0 };
      };
      const openTimes: number[] = [];
      let heapMb = 0;
      for (let run = 0; run < OPEN_RUNS; run++) {
        const page = await openPage(harness, newPage);
        const { message, hostMs } = init();
        const opened = await measureOpen(page, message);
        if (!opened.atBottom) throw new Error(`the ${count}-turn transcript did not open scrollable at the bottom`);
        openTimes.push(hostMs + opened.ms);
        if (run === OPEN_RUNS - 1) {
          await page.waitForTimeout(500);
          const cdp = await page.context().newCDPSession(page);
          await cdp.send('HeapProfiler.collectGarbage');
          await cdp.send('Performance.enable');
          const { metrics } = await cdp.send('Performance.getMetrics');
          heapMb = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / (1024 * 1024);
        }
        await page.close();
      }
      console.log(`[chat] open ${count} turns: ${openTimes.map((t) => t.toFixed(1)).join(', ')} ms`);
      results[`chat.open_${count}_turns_ms`] = round(median(openTimes), 1);
      results[`chat.heap_mb_${count}_turns`] = round(heapMb, 1);
    }
    results['bundle.webview_kb'] = round(statSync('dist/webview/webview.js').size / 1024, 1);
    results['bundle.webview_css_kb'] = round(statSync('dist/webview/webview.css').size / 1024, 1);
  } finally {
    await browser.close();
    await harness.close();
  }
  console.log(`BENCH ${JSON.stringify(results)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
