import * as assert from 'node:assert/strict';
import type { AnswerAlternative } from '../../src/core/conversation/turn';
import { PRICES_CHECKED_ON } from '../../src/core/pricing/builtInPrices';
import { toPanelPrices } from '../../src/core/pricing/panelPricing';
import { pricesFromSettings } from '../../src/core/pricing/priceTable';
import { conversationCost, usageByModel } from '../../src/core/pricing/usageCost';
import { ChatPage } from './chatPage';
import { panelState, totalsOf, turn, usage } from './chatFixtures';
import { useChatPages } from './useChatPages';

const builtIn = pricesFromSettings({});

describe('chat webview: what answers and the conversation cost (Chromium)', function () {
  const pages = useChatPages();
  let chat: ChatPage;
  beforeEach(() => {
    chat = pages.chat();
  });

  const footerOf = (id: string) => chat.page.locator(`[data-turn-id="${id}"] .turn-footer`).first();

  it('prices each answer’s footer and the conversation total, saying whose prices and when they were checked', async () => {
    // gpt-4.1-mini: $0.40 in, $0.10 cached, $1.60 out per 1M. 100 uncached in, 20 cached, 80 out → $0.00017.
    const turns = [turn({ usage: usage(120, 80, 20) }), turn({ usage: usage(1_000, 500) })];
    const cost = conversationCost(usageByModel(turns), builtIn);
    await chat.post({ type: 'init', turns, state: panelState({ prices: toPanelPrices(builtIn) }), totals: totalsOf(turns), cost });
    await chat.settle();
    const first = footerOf(turns[0].id);
    assert.match(await first.innerText(), /· \$0\.00017 ·/);
    const title = await first.getAttribute('title') ?? '';
    assert.ok(title.includes('Cost of this answer: $0.00017'), title);
    assert.ok(title.includes('input $0.00004 · cached $0.000002 · output (reasoning included) $0.000128'), title);
    assert.ok(title.includes(`gpt-4.1-mini prices, checked ${PRICES_CHECKED_ON}`), title);
    // Second: 1,000 × 0.4 + 500 × 1.6 = $0.0012; together $0.00137.
    assert.equal(await chat.page.textContent('#total-tokens'), 'Σ 1.7k · $0.00137 · <1%');
    const totalTitle = await chat.page.getAttribute('#total-tokens', 'title') ?? '';
    assert.ok(totalTitle.includes('Cost of the conversation: $0.00137, every answer counted'), totalTitle);
    assert.ok(totalTitle.includes(`Built-in prices checked ${PRICES_CHECKED_ON}`), totalTitle);
    await chat.screenshot('cost-footer-and-total');
  });

  it('prices again when the prices change: built footers, the total, and the source named', async () => {
    const turns = [turn({ usage: usage(1_000_000, 0) })];
    await chat.post({ type: 'init', turns, state: panelState({ prices: toPanelPrices(builtIn) }), totals: totalsOf(turns), cost: conversationCost(usageByModel(turns), builtIn) });
    await chat.settle();
    assert.match(await footerOf(turns[0].id).innerText(), /\$0\.4000/);
    const mine = pricesFromSettings({ 'gpt-4.1-mini': { input: 1, output: 4 } });
    await chat.post({ type: 'state', state: panelState({ prices: toPanelPrices(mine) }) });
    await chat.post({ type: 'totals', totals: totalsOf(turns), cost: conversationCost(usageByModel(turns), mine) });
    await chat.settle();
    assert.match(await footerOf(turns[0].id).innerText(), /\$1\.00/);
    assert.ok((await footerOf(turns[0].id).getAttribute('title'))?.includes('gpt-4.1-mini prices from threadline.pricing'));
    assert.match(await chat.page.textContent('#total-tokens') ?? '', /· \$1\.00 ·/);
    assert.ok((await chat.page.getAttribute('#total-tokens', 'title'))?.includes('Some prices from threadline.pricing'));
  });

  it('shows no figure for an unpriced model rather than a partial sum, and names the model', async () => {
    const turns = [turn({ model: 'llama3.1:8b', usage: usage(500, 100) }), turn({ usage: usage(100, 100) })];
    const cost = conversationCost(usageByModel(turns), builtIn);
    assert.deepEqual(cost.unpriced, ['llama3.1:8b']);
    await chat.post({ type: 'init', turns, state: panelState({ prices: toPanelPrices(builtIn) }), totals: totalsOf(turns), cost });
    await chat.settle();
    assert.doesNotMatch(await footerOf(turns[0].id).innerText(), /\$/);
    assert.match(await footerOf(turns[1].id).innerText(), /\$0\.0002 ·/);
    assert.doesNotMatch(await chat.page.textContent('#total-tokens') ?? '', /\$/);
    assert.ok((await chat.page.getAttribute('#total-tokens', 'title'))?.includes('Cost unknown: no price for llama3.1:8b'));
  });

  it('prices each answer of a fan-out turn by its own model', async () => {
    const answers: AnswerAlternative[] = [['gpt-4.1', 'Code Reviewer'], ['gpt-4.1-mini', 'Poet']].map(([model, personaLabel], i) => ({
      id: `fan.${i}`, personaId: `p${i}`, personaLabel, model, assistantText: `answer ${i}`, refusalText: '', reasoningSummary: '',
      status: 'complete', startedAt: 1_760_000_000_000, finishedAt: 1_760_000_001_000, usage: usage(1_000_000, 0),
    }));
    const fan = turn({ id: 'fan', model: 'gpt-4.1', alternatives: answers, chosen: 'fan.0', usage: usage(1_000_000, 0) });
    await chat.post({ type: 'init', turns: [fan], state: panelState({ prices: toPanelPrices(builtIn) }), totals: usage(2_000_000, 0), cost: conversationCost(usageByModel([fan]), builtIn) });
    await chat.settle();
    const footers = await chat.page.locator('.fanout-answer .turn-footer').allInnerTexts();
    assert.ok(footers[0]?.includes('$2.00'), footers.join(' | '));
    assert.ok(footers[1]?.includes('$0.4000'), footers.join(' | '));
    assert.match(await chat.page.textContent('#total-tokens') ?? '', /· \$2\.40 ·/);
  });

  it('keeps the header on one row at the default side bar width, with the cost, an endpoint and the unsaved note', async () => {
    for (const width of [290, 420]) {
      const narrow = await ChatPage.open(pages.browser(), pages.harness(), { width });
      try {
        const turns = [turn({ usage: usage(123_456, 7_890) })];
        const state = panelState({
          prices: toPanelPrices(builtIn), endpoint: { id: 'azure', label: 'Azure OpenAI (production)' },
          personas: [{ id: 'assistant', label: 'Coding Assistant with a long name', model: 'gpt-4.1-mini' }],
          unsaved: { pending: 2 },
        });
        await narrow.post({ type: 'init', turns, state, totals: totalsOf(turns), cost: conversationCost(usageByModel(turns), builtIn) });
        await narrow.settle();
        const rows = await narrow.page.evaluate(() => {
          const shown = [...document.querySelectorAll('#toolbar > *')].filter((e) => (e as HTMLElement).offsetParent !== null && e.getBoundingClientRect().width > 0);
          return new Set(shown.map((e) => Math.round(e.getBoundingClientRect().top / 8))).size;
        });
        assert.equal(rows, 1, `the header wraps at ${width} px`);
        const overflow = await narrow.page.evaluate(() => document.getElementById('toolbar')!.scrollWidth - document.getElementById('toolbar')!.clientWidth);
        await narrow.screenshot(`header-one-row-${width}`);
        assert.ok(overflow <= 0, `the header overflows by ${overflow} px at ${width} px`);
        assert.deepEqual(narrow.pageErrors, []);
      } finally {
        await narrow.close();
      }
    }
  });
});
