import * as assert from 'node:assert/strict';
import type { AnswerAlternative, Turn } from '../../src/core/conversation/turn';
import type { WebviewToHost } from '../../src/core/protocol';
import type { ChatPage } from './chatPage';
import { panelState, streamingTurn, turn, usage } from './chatFixtures';
import { useChatPages } from './useChatPages';

/** A fan-out turn: one question, three personas' answers (all streaming unless told otherwise). */
function fanOutTurn(overrides: Partial<Turn> = {}, answers: Array<Partial<AnswerAlternative>> = [{}, {}, {}]): Turn {
  const base = streamingTurn({ parts: [], ...overrides });
  const labels = ['Code Reviewer', 'Patient Teacher', 'Poet'];
  const alternatives = answers.map((answer, i): AnswerAlternative => ({
    id: `${base.id}.${i}`, personaId: `p${i}`, personaLabel: labels[i], model: 'gpt-4.1', assistantText: '', refusalText: '', reasoningSummary: '',
    parts: [], status: 'streaming', startedAt: base.startedAt, ...answer,
  }));
  return { ...base, alternatives };
}

const done = (text: string, extra: Partial<AnswerAlternative> = {}): Partial<AnswerAlternative> => ({
  status: 'complete', assistantText: text, parts: undefined, usage: usage(100, 50), finishedAt: 1_760_000_100_000, responseId: `resp_${text.length}`, ...extra,
});

describe('chat webview: fan-out answers (Chromium)', function () {
  const pages = useChatPages();
  let chat: ChatPage;
  beforeEach(() => {
    chat = pages.chat();
  });

  const visiblePanels = () => chat.page.locator('.fanout-answer:visible').count();
  const sent = async <T extends WebviewToHost['type']>(type: T) => (await chat.posted()).filter((m): m is Extract<WebviewToHost, { type: T }> => m.type === type);

  it('stacks the answers with tabs in a narrow panel and puts them side by side in a wide one', async () => {
    const live = fanOutTurn();
    await chat.post({ type: 'init', turns: [live], state: panelState({ busy: true }), totals: usage(0, 0) });
    await chat.settle();
    assert.equal(await chat.page.getAttribute('.fanout', 'data-layout'), 'tabs', 'the default side bar is narrow');
    assert.equal(await chat.page.locator('[role="tablist"] [role="tab"]:visible').count(), 3);
    assert.equal(await visiblePanels(), 1);
    await chat.page.screenshot({ path: 'test-results/fanout-tabs.png' });
    await chat.page.click('[role="tab"]:has-text("Patient Teacher")');
    assert.equal(await chat.page.getAttribute('[role="tab"]:has-text("Patient Teacher")', 'aria-selected'), 'true');
    assert.ok(await chat.page.isVisible(`[data-answer-id="${live.id}.1"]`));
    await chat.page.keyboard.press('ArrowRight');
    assert.ok(await chat.page.isVisible(`[data-answer-id="${live.id}.2"]`), 'arrows move between the tabs');
    assert.equal(await chat.page.evaluate(() => document.activeElement?.textContent ?? ''), 'Poet…');

    await chat.page.setViewportSize({ width: 1200, height: 720 });
    await chat.page.waitForSelector('.fanout[data-layout="columns"]');
    assert.equal(await visiblePanels(), 3, 'all answers side by side');
    assert.equal(await chat.page.locator('[role="tablist"]:visible').count(), 0);
    await chat.page.screenshot({ path: 'test-results/fanout-columns.png' });
  });

  it('streams each answer into its own pane; its Stop stops only it; a failure shows on that answer alone', async () => {
    const live = fanOutTurn();
    await chat.page.setViewportSize({ width: 1200, height: 720 });
    await chat.post({ type: 'init', turns: [], state: panelState(), totals: usage(0, 0) });
    await chat.post({ type: 'turnStarted', turn: live });
    for (const i of [0, 1, 2]) {
      await chat.post({ type: 'part', turnId: `${live.id}.${i}`, event: { type: 'added', index: 0, part: { kind: 'text', text: '', annotations: [] } } });
      await chat.post({ type: 'part', turnId: `${live.id}.${i}`, event: { type: 'delta', index: 0, text: `words of answer ${i}` } });
    }
    await chat.settle();
    for (const i of [0, 1, 2]) {
      assert.match(await chat.page.innerText(`[data-answer-id="${live.id}.${i}"] .answer-parts`), new RegExp(`words of answer ${i}`));
    }
    await chat.page.click(`[data-answer-id="${live.id}.1"] .stop-answer`);
    assert.deepEqual(await sent('stopAnswer'), [{ type: 'stopAnswer', answerId: `${live.id}.1` }]);

    const failed = fanOutTurn({ id: live.id }, [{}, { status: 'failed', assistantText: 'words of answer 1', parts: undefined, error: { kind: 'server', title: 'The server had an error (500)', detail: '' } }, {}]);
    await chat.post({ type: 'turnUpdated', turn: failed, totals: usage(0, 0) });
    await chat.settle();
    assert.equal(await chat.page.getAttribute(`[data-answer-id="${live.id}.1"]`, 'data-status'), 'failed');
    assert.match(await chat.page.innerText(`[data-answer-id="${live.id}.1"] .turn-status`), /server had an error/);
    assert.ok(!(await chat.page.isVisible(`[data-answer-id="${live.id}.1"] .stop-answer`)));
    for (const i of [0, 2]) {
      assert.equal(await chat.page.getAttribute(`[data-answer-id="${live.id}.${i}"]`, 'data-status'), 'streaming');
      assert.match(await chat.page.innerText(`[data-answer-id="${live.id}.${i}"] .answer-parts`), new RegExp(`words of answer ${i}`), 'the others keep what streamed');
      assert.ok(await chat.page.isVisible(`[data-answer-id="${live.id}.${i}"] .stop-answer`));
    }
    await chat.post({ type: 'part', turnId: `${live.id}.2`, event: { type: 'delta', index: 0, text: ' and more' } });
    await chat.settle();
    assert.match(await chat.page.innerText(`[data-answer-id="${live.id}.2"] .answer-parts`), /words of answer 2 and more/);
  });

  it('Continue with this picks the answer the conversation continues with, on the last turn only', async () => {
    const settled = fanOutTurn({ status: 'complete' }, [done('first answer'), done('second answer'), { status: 'failed', parts: undefined, error: { kind: 'server', title: 'Failed', detail: '' } }]);
    const chosenFirst = { ...settled, chosen: `${settled.id}.0`, assistantText: 'first answer' };
    await chat.post({ type: 'init', turns: [chosenFirst], state: panelState(), totals: usage(0, 0) });
    await chat.settle();
    assert.match(await chat.page.innerText('[role="tab"][aria-selected="true"]'), /Code Reviewer/, 'the chosen answer shows first');
    assert.ok(await chat.page.isVisible(`[data-answer-id="${settled.id}.0"] .chosen-badge`));
    await chat.page.click('[role="tab"]:has-text("Patient Teacher")');
    const second = `[data-answer-id="${settled.id}.1"]`;
    assert.ok(!(await chat.page.isVisible(`[data-answer-id="${settled.id}.0"] .continue-with`)), 'not on the chosen one');
    await chat.page.click(`${second} .continue-with`);
    assert.deepEqual(await sent('chooseAnswer'), [{ type: 'chooseAnswer', turnId: settled.id, answerId: `${settled.id}.1` }]);
    await chat.page.click('[role="tab"]:has-text("Poet")');
    assert.ok(!(await chat.page.isVisible(`[data-answer-id="${settled.id}.2"] .continue-with`)), 'a failed answer cannot continue the chain');

    await chat.post({ type: 'turnUpdated', turn: { ...settled, chosen: `${settled.id}.1`, assistantText: 'second answer' }, totals: usage(0, 0) });
    await chat.post({ type: 'turnUpdated', turn: turn(), totals: usage(0, 0) });
    await chat.settle();
    await chat.page.click('[role="tab"]:has-text("Code Reviewer")');
    assert.ok(!(await chat.page.isVisible(`[data-answer-id="${settled.id}.0"] .continue-with`)), 'an earlier turn’s choice is history');
  });

  it('sends @a @b … and Ask several to each persona at once', async () => {
    const personas = [
      { id: 'assistant', label: 'Coding Assistant', model: 'gpt-4.1-mini' },
      { id: 'reviewer', label: 'Code Reviewer', model: 'gpt-4.1' },
      { id: 'teacher', label: 'Patient Teacher', model: 'gpt-4.1' },
    ];
    await chat.post({ type: 'init', turns: [], state: panelState({ personas }), totals: usage(0, 0) });
    await chat.page.fill('#prompt', '@reviewer @teacher compare these');
    await chat.page.press('#prompt', 'Enter');
    const [mentioned] = await sent('send');
    assert.deepEqual([mentioned.text, mentioned.personaIds], ['compare these', ['reviewer', 'teacher']]);

    await chat.page.fill('#prompt', 'one question for several');
    await chat.page.click('#ask-several');
    await chat.page.check('#ask-several-picker input[value="assistant"]');
    assert.ok(await chat.page.isDisabled('#ask-several-send'), 'one persona is not several');
    await chat.page.check('#ask-several-picker input[value="teacher"]');
    await chat.page.screenshot({ path: 'test-results/fanout-ask-several.png' });
    await chat.page.click('#ask-several-send');
    const asked = (await sent('send'))[1];
    assert.deepEqual([asked.text, asked.personaIds], ['one question for several', ['assistant', 'teacher']]);
    assert.equal(await chat.page.inputValue('#prompt'), '');
    assert.ok(await chat.page.isHidden('#ask-several-picker'));
  });
});
