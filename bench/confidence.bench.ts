// Token confidence benchmark, in Chromium with the real dist/webview/webview.js:
//   chat.confidence_render_ms_2000  click the answer's confidence switch → 2,000 tinted tokens and the footer
//                                   rendered and laid out (median of several runs); target ≤ 50 ms
// Prints `BENCH {json}` as its last line.
import type { Page } from 'playwright-core';
import type { TokenLogprob } from '../src/core/turn/logprobs';
import { panelState, sampleAnswer, totalsOf, turn } from '../test/browser/chatFixtures';
import { launchChromium, startHarness } from '../test/browser/harness';

const TOKENS = 2000;
const RUNS = 7;

/** 2,000 word-sized tokens of a real-looking answer, five alternatives each, every seventh one unsure. */
function answerTokens(): TokenLogprob[] {
  const words: string[] = [];
  for (let i = 0; words.length < TOKENS; i++) words.push(...(sampleAnswer(i).match(/\s*\S+/g) ?? []));
  return words.slice(0, TOKENS).map((word, i) => {
    const p = i % 7 === 3 ? 0.3 : 0.95 - (i % 5) * 0.05;
    const alternatives = Array.from({ length: 5 }, (_, k): [string, number] => [` alt${k}`, Math.log((1 - p) / (k + 2))]);
    return [word, Math.log(p), alternatives];
  });
}

async function measure(page: Page): Promise<number> {
  return page.evaluate(() => new Promise<number>((resolve) => {
    const button = document.querySelector('.show-confidence') as HTMLButtonElement;
    const t0 = performance.now();
    button.click();
    // Layout of what the click built, then the frame it is painted in.
    void (document.querySelector('.confidence-view') as HTMLElement).offsetHeight;
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
  }));
}

async function main(): Promise<void> {
  const harness = await startHarness();
  const browser = await launchChromium();
  const tokens = answerTokens();
  const text = tokens.map((t) => t[0]).join('');
  const answered = turn({ assistantText: text, parts: [{ kind: 'text', text, annotations: [], logprobs: tokens }] });
  const samples: number[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 420, height: 800 } });
    await page.goto(harness.url());
    await page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'ready'));
    await page.evaluate((message) => window.postMessage(message, '*'), { type: 'init', turns: [answered], state: panelState(), totals: totalsOf([answered]) });
    await page.waitForSelector('.show-confidence:not([hidden])');
    for (let run = 0; run < RUNS; run++) {
      samples.push(await measure(page));
      const shown = await page.locator('.confidence-tokens .tok').count();
      if (shown !== TOKENS) throw new Error(`the confidence view showed ${shown} tokens, not ${TOKENS}`);
      // Back to the Markdown, so the next run builds the view again.
      await page.click('.show-confidence');
    }
    await page.close();
  } finally {
    await browser.close();
    await harness.close();
  }
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(`[confidence] render 2,000 tokens: ${samples.map((s) => s.toFixed(1)).join(', ')} ms`);
  console.log(`BENCH ${JSON.stringify({ 'chat.confidence_render_ms_2000': Number(sorted[Math.floor(sorted.length / 2)].toFixed(1)) })}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
