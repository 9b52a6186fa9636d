import * as assert from 'node:assert/strict';
import type { Turn } from '../../src/core/conversation/turn';
import type { TokenLogprob } from '../../src/core/turn/logprobs';
import { ChatPage } from './chatPage';
import { panelState, streamingTurn, turn, usage } from './chatFixtures';
import { useChatPages } from './useChatPages';

const ln = Math.log;
/** "The capital of France is Paris." with one unsure token (" Paris", 25 %) and one fair one (" capital", 70 %). */
const TOKENS: TokenLogprob[] = [
  ['The', ln(0.99), [['A', ln(0.005)]]],
  [' capital', ln(0.7), [[' city', ln(0.2)], [' seat', ln(0.05)]]],
  [' of', ln(0.995)],
  [' France', ln(0.98)],
  [' is', ln(0.97)],
  [' Paris', ln(0.25), [[' Lyon', ln(0.6)], [' Nice', ln(0.1)]]],
  ['.', ln(0.999)],
];
const TEXT = TOKENS.map((t) => t[0]).join('');

function answered(overrides: Partial<Turn> = {}): Turn {
  return turn({ assistantText: TEXT, parts: [{ kind: 'text', text: TEXT, annotations: [], logprobs: TOKENS }], ...overrides });
}

/** The confidence view of a finished answer, rendered by the real webview bundle. */
describe('chat webview: token confidence (Chromium)', function () {
  const pages = useChatPages();
  let chat: ChatPage;
  beforeEach(() => {
    chat = pages.chat();
  });

  async function open(turns: Turn[], state = panelState()): Promise<void> {
    await chat.post({ type: 'init', turns, state, totals: usage(0, 0) });
    await chat.settle();
  }

  const toggleOf = (selector: string) => chat.page.evaluate((s) => {
    const b = document.querySelector(s) as HTMLElement;
    return { hidden: b.hidden, pressed: b.getAttribute('aria-pressed'), label: b.getAttribute('aria-label') ?? b.textContent, disabled: b.getAttribute('aria-disabled'), title: b.title };
  }, selector);

  it('switches a finished answer to tokens tinted by band, and back to the Markdown', async () => {
    await open([answered()]);
    assert.equal((await toggleOf('.show-confidence')).pressed, 'false');
    await chat.page.click('.show-confidence');
    const view = await chat.page.evaluate(() => ({
      classes: Array.from(document.querySelectorAll('.confidence-tokens .tok')).map((t) => t.className),
      text: document.querySelector('.confidence-tokens')?.textContent,
      answerHidden: (document.querySelector('.answer-parts') as HTMLElement).hidden,
      paris: getComputedStyle(document.querySelectorAll('.tok')[5]).textDecorationStyle,
      capital: getComputedStyle(document.querySelectorAll('.tok')[1]).backgroundColor,
      sure: getComputedStyle(document.querySelectorAll('.tok')[0]).backgroundColor,
      footer: document.querySelector('.confidence-figures')?.textContent,
      lowest: Array.from(document.querySelectorAll('.low-span')).map((b) => b.textContent),
    }));
    assert.deepEqual(view.classes, ['tok conf-b0', 'tok conf-b1', 'tok conf-b0', 'tok conf-b0', 'tok conf-b0', 'tok conf-b3', 'tok conf-b0']);
    assert.equal(view.text, TEXT);
    assert.equal(view.answerHidden, true);
    assert.equal(view.paris, 'wavy', 'the least sure tokens are marked by more than colour');
    assert.notEqual(view.capital, view.sure, 'a fair token is tinted, a sure one is not');
    assert.match(view.footer ?? '', /7 tokens · mean log-probability -0\.\d{3} · perplexity 1\.\d\d/);
    assert.deepEqual(view.lowest, ['Paris 25.0 %']);
    assert.equal((await toggleOf('.show-confidence')).pressed, 'true');
    await chat.page.click('.show-confidence');
    assert.equal(await chat.page.isVisible('.answer-parts .answer-text'), true);
    assert.equal(await chat.page.locator('.confidence-tokens').count(), 0);
  });

  it('hovering a token shows its probability and the alternatives, ranked', async () => {
    await open([answered()]);
    await chat.page.click('.show-confidence');
    await chat.page.hover('.tok[data-i="5"]');
    const card = await chat.page.evaluate(() => {
      const details = document.querySelector('.token-details') as HTMLElement;
      return {
        hidden: details.hidden,
        head: details.querySelector('.token-details-head')?.textContent,
        rows: Array.from(details.querySelectorAll('li')).map((li) => li.textContent),
      };
    });
    assert.equal(card.hidden, false);
    assert.equal(card.head, '·Paris 25.0 % · very low confidence');
    assert.deepEqual(card.rows, ['·Lyon60.0 %', '·Paris25.0 %chosen', '·Nice10.0 %']);
    await chat.screenshot('confidence-hover');
  });

  it('is reachable by keyboard: one tab stop, arrows move, Down jumps to the next unsure token, the card follows', async () => {
    await open([answered()]);
    await chat.page.click('.show-confidence');
    await chat.page.focus('.tok[data-i="0"]');
    await chat.page.keyboard.press('ArrowRight');
    const afterRight = await chat.page.evaluate(() => ({
      focused: (document.activeElement as HTMLElement).dataset.i,
      stops: document.querySelectorAll('.tok[tabindex="0"]').length,
      describedBy: document.activeElement?.getAttribute('aria-describedby') === document.querySelector('.token-details')?.id,
      head: document.querySelector('.token-details-head')?.textContent,
    }));
    assert.deepEqual(afterRight, { focused: '1', stops: 1, describedBy: true, head: '·capital 70.0 % · fair confidence' });
    await chat.page.keyboard.press('ArrowDown');
    assert.equal(await chat.page.evaluate(() => (document.activeElement as HTMLElement).dataset.i), '5');
    await chat.page.keyboard.press('End');
    assert.equal(await chat.page.evaluate(() => (document.activeElement as HTMLElement).dataset.i), '6');
    await chat.page.keyboard.press('Escape');
    assert.equal(await chat.page.evaluate(() => (document.querySelector('.token-details') as HTMLElement).hidden), true);
    await chat.page.click('.low-span');
    assert.equal(await chat.page.evaluate(() => (document.activeElement as HTMLElement).dataset.i), '5', 'a least-sure span jumps to its token');
  });

  it('offers no switch while streaming or without logprobs', async () => {
    await open([turn({ assistantText: 'plain' })]);
    assert.equal((await toggleOf('.show-confidence')).hidden, true);
    const live = streamingTurn({ parts: [{ kind: 'text', text: 'Th', annotations: [], logprobs: [['Th', -0.1]] }] });
    await chat.post({ type: 'turnStarted', turn: live });
    await chat.settle();
    assert.equal(await chat.page.evaluate(() => (document.querySelector('.turn:last-child .show-confidence') as HTMLElement).hidden), true);
    await chat.post({ type: 'turnUpdated', turn: answered({ id: live.id }), totals: usage(0, 0) });
    await chat.settle();
    assert.equal(await chat.page.evaluate(() => (document.querySelector('.turn:last-child .show-confidence') as HTMLElement).hidden), false, 'offered once the answer is finished');
  });

  it('the composer toggle shows the host state, asks to change it, and is disabled with the reason', async () => {
    await open([], panelState({ tokenConfidence: { enabled: false, available: true } }));
    assert.deepEqual(await toggleOf('#token-confidence-toggle'), { hidden: false, pressed: 'false', label: 'Confidence', disabled: 'false', title: await chat.page.getAttribute('#token-confidence-toggle', 'title') });
    await chat.clearPosted();
    await chat.page.click('#token-confidence-toggle');
    assert.deepEqual(await chat.waitForPosted('setTokenConfidence'), { type: 'setTokenConfidence', enabled: true });
    await chat.post({ type: 'state', state: panelState({ tokenConfidence: { enabled: true, available: true } }) });
    await chat.settle();
    assert.equal((await toggleOf('#token-confidence-toggle')).pressed, 'true');
    const reason = 'o3 is a reasoning model: it gives no token probabilities (logprobs).';
    await chat.post({ type: 'state', state: panelState({ model: 'o3', tokenConfidence: { enabled: true, available: false, reason } }) });
    await chat.settle();
    const off = await toggleOf('#token-confidence-toggle');
    assert.equal(off.disabled, 'true');
    assert.equal(off.pressed, 'false', 'not pressed where nothing will be asked');
    assert.match(off.title, /o3 is a reasoning model/);
    await chat.clearPosted();
    // Playwright refuses to click an aria-disabled button; a user's click still reaches it.
    await chat.page.click('#token-confidence-toggle', { force: true });
    await chat.settle();
    assert.equal((await chat.posted()).some((m) => m.type === 'setTokenConfidence'), false);
    await chat.screenshot('confidence-toggle-disabled');
  });

  it('high contrast: no tints, but the least sure tokens keep a wavy underline and an outline', async () => {
    const contrast = await ChatPage.open(pages.browser(), pages.harness(), { theme: 'high-contrast' });
    try {
      await contrast.post({ type: 'init', turns: [answered()], state: panelState(), totals: usage(0, 0) });
      await contrast.settle();
      await contrast.page.click('.show-confidence');
      const style = await contrast.page.evaluate(() => {
        const paris = getComputedStyle(document.querySelectorAll('.tok')[5]);
        return { background: paris.backgroundColor, underline: paris.textDecorationStyle, outline: paris.outlineStyle };
      });
      assert.deepEqual(style, { background: 'rgba(0, 0, 0, 0)', underline: 'wavy', outline: 'dashed' });
      await contrast.screenshot('confidence-high-contrast');
    } finally {
      await contrast.close();
    }
  });
});
