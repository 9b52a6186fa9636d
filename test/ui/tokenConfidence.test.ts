import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { send, showThreadlineView, turnIds, waitForNewLastTurn } from './support/chatPanel';
import { WorkbenchSession } from './workbenchSession';

const PERSONAS = [
  { id: 'plain', label: 'Plain', instructions: 'Answer briefly.', model: 'gpt-4.1-mini' },
  { id: 'reasoner', label: 'Reasoner', instructions: 'Think it through.', model: 'o3' },
];
const TOGGLE = '#token-confidence-toggle';

/** Waits until the host has said the toggle's state (its pressed value follows the host, never the click). */
async function waitForToggle(chat: Frame, pressed: string, disabled: string): Promise<void> {
  await chat.waitForFunction(
    ([p, d]) => {
      const toggle = document.querySelector('#token-confidence-toggle');
      return toggle?.getAttribute('aria-pressed') === p && toggle.getAttribute('aria-disabled') === d;
    },
    [pressed, disabled],
    { timeout: 30_000 },
  );
}

/** Token confidence in the real workbench against the fake server: toggle, stream, view, hover, reload, reasoning model. */
suite('Token confidence in the real workbench', function () {
  this.timeout(240_000);
  let session: WorkbenchSession;
  let chat: Frame;
  let answeredId = '';

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-token-confidence', {
      userSettings: { 'threadline.personas': PERSONAS, 'threadline.activePersona': 'plain', 'threadline.topLogprobs': 3 },
    });
    chat = await showThreadlineView(session);
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  test('turned on for the conversation, a streamed answer shows its tokens by confidence, with alternatives on hover', async () => {
    await waitForToggle(chat, 'false', 'false');
    await chat.click(TOGGLE);
    await waitForToggle(chat, 'true', 'false');
    const known = await turnIds(chat);
    await send(chat, 'Tell me about the capital of France in a few words please.');
    const done = await waitForNewLastTurn(chat, known, 'complete');
    answeredId = done.id;
    const request = session.fake.responseRequests.at(-1);
    assert.deepEqual(request?.body.include, ['message.output_text.logprobs']);
    assert.equal(request?.body.top_logprobs, 3, 'threadline.topLogprobs is what is asked');

    const turn = chat.locator(`.turn[data-turn-id="${done.id}"]`);
    await turn.locator('.show-confidence').click();
    const tokens = turn.locator('.confidence-tokens .tok');
    assert.ok(await tokens.count() > 5);
    assert.equal((await turn.locator('.confidence-tokens').innerText()).trim(), done.answer.trim(), 'the tokens spell the answer');
    // The fake makes every seventh token unsure (an alternative ranks above it).
    const unsure = turn.locator('.tok.conf-b2, .tok.conf-b3').first();
    await unsure.hover();
    const card = turn.locator('.token-details');
    await card.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await card.locator('li').count(), 3, 'the chosen token among its alternatives, top 3');
    assert.match(await card.locator('li.chosen').innerText(), /chosen/);
    assert.match(await turn.locator('.confidence-figures').innerText(), /mean log-probability -\d\.\d{3} · perplexity \d+\.\d\d/);
    assert.ok(await turn.locator('.low-span').count() > 0, 'the least sure spans are listed');
    await session.screenshot('confidence-hover');
  });

  test('after a reload the answer still has its confidence, and the conversation keeps its toggle', async () => {
    await session.page.reload();
    await session.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    chat = await showThreadlineView(session);
    const turn = chat.locator(`.turn[data-turn-id="${answeredId}"]`);
    await turn.waitFor({ timeout: 30_000 });
    await waitForToggle(chat, 'true', 'false');
    await turn.locator('.show-confidence').click();
    // By keyboard this time: the token list is one tab stop, and Down jumps to the next unsure token.
    await turn.locator('.tok[tabindex="0"]').focus();
    await chat.page().keyboard.press('ArrowDown');
    await turn.locator('.token-details').waitFor({ state: 'visible', timeout: 30_000 });
    const focused = await chat.evaluate(() => document.activeElement?.className ?? '');
    assert.match(focused, /conf-b[23]/, `an unsure token has the focus (${focused})`);
    await session.screenshot('confidence-after-reload');
  });

  test('a reasoning model: the toggle is disabled and says why, and nothing is asked', async () => {
    await chat.selectOption('#persona-picker', 'reasoner');
    await waitForToggle(chat, 'false', 'true');
    assert.match((await chat.getAttribute(TOGGLE, 'title')) ?? '', /o3 is a reasoning model: it gives no token probabilities/);
    const known = await turnIds(chat);
    await send(chat, 'Why is the sky blue?');
    const done = await waitForNewLastTurn(chat, known, 'complete');
    const request = session.fake.responseRequests.at(-1);
    assert.equal(request?.body.top_logprobs, undefined);
    assert.equal(request?.body.include, undefined);
    assert.equal(await chat.locator(`.turn[data-turn-id="${done.id}"] .show-confidence`).isHidden(), true);
    await chat.hover(TOGGLE, { force: true });
    await session.screenshot('confidence-toggle-disabled');
  });
});
