import * as assert from 'node:assert/strict';
import type { ChatPage } from './chatPage';
import { panelState, sampleAnswer, totalsOf, turn } from './chatFixtures';
import { useChatPages } from './useChatPages';

/** The keyboard in the transcript: one tab stop for the turns, keys between turns and into a turn's actions. */
describe('chat webview: keyboard between turns and their actions (Chromium)', function () {
  const pages = useChatPages();
  let chat: ChatPage;
  beforeEach(() => {
    chat = pages.chat();
  });

  /**
   * 60 turns: the oldest groups are left as placeholders, so moving to them must build them. Long answers without
   * code: a code block stays a tab stop in every turn (it may scroll sideways), which would come before the turns.
   */
  async function showConversation(count = 60): Promise<string[]> {
    const prose = (i: number) => Array.from({ length: 8 }, (_, p) => `Paragraph ${p} of answer ${i}, with [a link](https://example.com/${i}) to keep out of the tab order.`).join('\n\n');
    const turns = Array.from({ length: count }, (_, i) => turn({ userText: `Question number ${i}`, assistantText: prose(i) }));
    await chat.post({ type: 'init', turns, state: panelState(), totals: totalsOf(turns) });
    await chat.settle();
    return turns.map((t) => t.id);
  }

  const focused = () => chat.page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const turnEl = el?.closest<HTMLElement>('.turn');
    return {
      turn: turnEl?.dataset.turnId ?? '',
      onTurn: el === turnEl,
      button: el instanceof HTMLButtonElement ? el.className : '',
      question: turnEl?.querySelector('.user-text')?.textContent ?? '',
    };
  });
  const tabStops = () => chat.page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.turn')).filter((t) => t.tabIndex === 0).map((t) => t.dataset.turnId));

  async function press(key: string): Promise<void> {
    await chat.page.keyboard.press(key);
    await chat.settle();
  }

  it('Tab enters at the newest turn; arrows, j/k, Home and End move between turns, building old ones on the way', async () => {
    const ids = await showConversation();
    assert.deepEqual(await tabStops(), [ids[59]], 'one turn is in the tab order: the newest');
    await chat.page.focus('#transcript');
    await press('Tab');
    assert.deepEqual(await focused(), { turn: ids[59], onTurn: true, button: '', question: 'Question number 59' });

    await press('ArrowUp');
    assert.equal((await focused()).turn, ids[58]);
    await press('k');
    assert.equal((await focused()).turn, ids[57]);
    await press('j');
    assert.equal((await focused()).turn, ids[58]);
    assert.deepEqual(await tabStops(), [ids[58]], 'the tab stop follows the reader');
    const tabbableLinks = await chat.page.evaluate(() => [...new Set(Array.from(document.querySelectorAll<HTMLElement>('.turn a[data-href], .turn button'))
      .filter((el) => el.tabIndex === 0).map((el) => el.closest<HTMLElement>('.turn')?.dataset.turnId))]);
    assert.deepEqual(tabbableLinks, [ids[58]], 'links and buttons of other turns are out of the tab order');

    assert.equal(await chat.page.evaluate(() => document.querySelector('.turn-group:first-child')?.classList.contains('pending')), true, 'the oldest turns wait as a placeholder');
    await press('Home');
    assert.deepEqual(await focused(), { turn: ids[0], onTurn: true, button: '', question: 'Question number 0' }, 'the oldest turn was built and filled');
    await press('ArrowUp');
    assert.equal((await focused()).turn, ids[0], 'nothing above the first turn');
    await press('ArrowDown');
    assert.equal((await focused()).turn, ids[1]);
    await press('End');
    assert.equal((await focused()).turn, ids[59]);
  });

  it('Tab goes from a turn to its action bars; arrows move inside a bar; Alt+arrows and Escape lead back to turns', async () => {
    const ids = await showConversation(3);
    await chat.page.focus(`.turn[data-turn-id="${ids[2]}"]`);
    await press('Tab');
    assert.deepEqual(await focused(), { turn: ids[2], onTurn: false, button: 'copy-message', question: 'Question number 2' });
    assert.equal(await chat.page.getAttribute(`.turn[data-turn-id="${ids[2]}"] .user .turn-actions`, 'role'), 'toolbar');
    await press('ArrowRight');
    assert.equal((await focused()).button, 'edit-resend');
    await press('ArrowRight');
    assert.equal((await focused()).button, 'copy-message', 'the arrows wrap around the bar');
    await press('ArrowLeft');
    assert.equal((await focused()).button, 'edit-resend');
    await press('Tab');
    assert.equal((await focused()).button, 'copy-answer', 'one Tab leaves the question bar for the answer bar');
    await press('End');
    assert.equal((await focused()).button, 'regenerate', 'the last turn regenerates in place');
    await press('Shift+Tab');
    assert.equal((await focused()).button, 'edit-resend', 'the question bar kept the button last used');

    await press('Alt+ArrowUp');
    assert.deepEqual(await focused(), { turn: ids[1], onTurn: true, button: '', question: 'Question number 1' });
    await press('Tab');
    await press('Tab');
    assert.equal((await focused()).button, 'copy-answer');
    await press('ArrowRight');
    assert.equal((await focused()).button, 'fork-turn', 'an earlier turn forks instead of regenerating');
    await press('Escape');
    assert.deepEqual(await focused(), { turn: ids[1], onTurn: true, button: '', question: 'Question number 1' });
    await press('Alt+ArrowDown');
    assert.equal((await focused()).turn, ids[2]);
  });

  it('shows a focus outline in the theme’s focus colour on turns, action buttons, code and the prompt', async () => {
    const code = turn({ assistantText: sampleAnswer(1) });
    await chat.post({ type: 'init', turns: [turn(), code], state: panelState(), totals: totalsOf([code]) });
    await chat.settle();
    const outline = (selector: string) => chat.page.evaluate((sel) => {
      const el = document.querySelector<HTMLElement>(sel);
      if (!el) return `no ${sel}`;
      const probe = document.createElement('span');
      probe.style.color = 'var(--vscode-focusBorder)';
      document.body.append(probe);
      const focusColour = getComputedStyle(probe).color;
      probe.remove();
      const style = getComputedStyle(el);
      return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && style.outlineColor === focusColour ? 'visible' : `${sel}: ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor} (focus colour ${focusColour})`;
    }, selector);
    // Focus arrives by key, as a keyboard user's would: :focus-visible applies only then.
    await chat.page.focus('#transcript');
    await press('Tab');
    assert.equal(await outline('.turn:focus'), 'visible');
    await press('Tab');
    assert.equal(await outline('.turn-actions button:focus'), 'visible');
    // Tab on to the code of the same answer: past the second action bar and the code block's own header buttons.
    for (let i = 0; i < 8 && !(await chat.page.evaluate(() => document.activeElement?.tagName === 'PRE')); i++) await press('Tab');
    assert.equal(await outline('.code-block pre:focus'), 'visible');
    await chat.page.focus('#prompt');
    assert.equal(await outline('#prompt:focus'), 'visible');
  });
});
