import type { Browser } from 'playwright-core';
import { panelState, sampleAnswer, totalsOf, turn } from './chatFixtures';
import { type Harness, launchChromium, startHarness } from './harness';

describe('debug', function () {
  let browser: Browser; let harness: Harness;
  before(async () => { harness = await startHarness(); browser = await launchChromium(); });
  after(async () => { await browser.close(); await harness.close(); });
  for (let run = 0; run < 3; run++) it('open ' + run, async () => {
    const page = await browser.newPage({ viewport: { width: 420, height: 800 } });
    await page.goto(harness.url());
    await page.waitForTimeout(300);
    const turns = Array.from({ length: 1000 }, (_, i) => turn({ userText: `Question ${i}`, assistantText: sampleAnswer(i) }));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); await cdp.send('Profiler.start');
    const r = await page.evaluate((message) => new Promise((resolve) => {
      const c0 = performance.now(); structuredClone(message); const cloneOnly = performance.now() - c0;
      const t0 = performance.now(); let t1 = 0, t2 = 0, t3 = 0;
      window.addEventListener('message', () => { t1 = performance.now(); }, { once: true, capture: true });
      window.addEventListener('message', () => {
        t2 = performance.now();
        requestAnimationFrame(() => { const a = performance.now(); void (document.getElementById('transcript') as HTMLElement).scrollHeight; t3 = performance.now(); 
          setTimeout(() => resolve({ cloneOnly, clone: t1 - t0, handle: t2 - t1, toFrame: a - t2, layout: t3 - a, paint: performance.now() - t3 }), 0); });
      }, { once: true });
      window.postMessage(message, '*');
    }), { type: 'init', turns, state: panelState(), totals: totalsOf(turns) });
    console.log(JSON.stringify(r));
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map<string, number>(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const dt = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, i) => { const n = byId.get(id)!; const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0) / 1000); });
    console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(1)}ms ${k}`).join('\n'));
    await page.close();
  });
});
