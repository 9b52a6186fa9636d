import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { send, showThreadlineView, turnIds, waitForNewLastTurn } from './support/chatPanel';
import { WorkbenchSession } from './workbenchSession';

const PERSONAS = [
  { id: 'thinker', label: 'Thinker', instructions: 'Think it through.', model: 'o4-mini', temperature: 0.3 },
  { id: 'fiver', label: 'Fiver', instructions: 'Answer well.', model: 'gpt-5' },
];

/** Waits for a new turn whose Thinking section is open and counting, while the turn still streams; returns its id. */
async function waitForLiveThinking(chat: Frame, known: readonly string[]): Promise<string> {
  const handle = await chat.waitForFunction(
    (known) => {
      const turn = document.querySelector<HTMLElement>('.turn.is-last');
      const id = turn?.dataset.turnId ?? '';
      const thinking = turn?.querySelector<HTMLDetailsElement>('details.reasoning');
      const label = thinking?.querySelector('.reasoning-label')?.textContent ?? '';
      return turn && !known.includes(id) && turn.dataset.status === 'streaming' && thinking?.open && /^Thinking… \d/.test(label) ? id : false;
    },
    [...known],
    { timeout: 30_000 },
  );
  return (await handle.jsonValue()) as string;
}

/**
 * What reasoning models stream, in the real workbench against the strict fake server: the Thinking section lives
 * while the summary streams and collapses with its duration, and an answer in several parts is never glued.
 */
suite('Reasoning and answers in several parts in the real workbench', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let chat: Frame;

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-answer-parts', {
      userSettings: { 'threadline.personas': PERSONAS, 'threadline.activePersona': 'thinker' },
    });
    chat = await showThreadlineView(session);
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  test('the Thinking section streams live with its time, then collapses to "Thought for …"', async () => {
    const known = await turnIds(chat);
    await send(chat, 'Why is the sky blue? [[reasoning:2]] [[slow:400]]');
    const turnId = await waitForLiveThinking(chat, known);
    await session.screenshot('thinking-live');
    const done = await waitForNewLastTurn(chat, known, 'complete');
    assert.equal(done.id, turnId);
    const thinking = chat.locator(`.turn[data-turn-id="${turnId}"] details.reasoning`);
    assert.equal(await thinking.evaluate((details) => (details as HTMLDetailsElement).open), false, 'collapsed once the answer is in');
    assert.match(await thinking.locator('.reasoning-label').innerText(), /^Thought for \d/);
    assert.ok(done.answer.length > 0, 'the answer follows the thinking');
    await session.screenshot('thinking-collapsed');

    await thinking.locator('summary').click();
    const paragraphs = await thinking.locator('.reasoning-text p').count();
    assert.equal(paragraphs, 2, 'each summary part is its own paragraph');
    const request = session.fake.responseRequests.at(-1);
    assert.deepEqual(request?.body.reasoning, { summary: 'auto' }, 'the summary was asked for');
    assert.equal(request?.body.temperature, undefined, 'no temperature to a reasoning model');
    assert.match(await chat.locator(`.turn[data-turn-id="${turnId}"] .turn-footer`).innerText(), /temperature not used by o4-mini/);
    await session.screenshot('thinking-opened');
  });

  test('gpt-5: commentary, tool activity and the final answer stay apart, in the order they streamed', async () => {
    await chat.selectOption('#persona-picker', 'fiver');
    // The host has switched once the panel shows the new persona's model (the picker's own value changes at once).
    await chat.waitForFunction(() => document.getElementById('model')?.textContent === 'gpt-5', undefined, { timeout: 30_000 });
    const known = await turnIds(chat);
    await send(chat, 'What is on in Berlin? [[tool:web_search:berlin events today]] [[cite]]');
    const done = await waitForNewLastTurn(chat, known, 'complete');
    const turn = chat.locator(`.turn[data-turn-id="${done.id}"]`);
    const commentary = (await turn.locator('.commentary').allInnerTexts()).map((text) => text.trim());
    const answer = (await turn.locator('.answer-text').innerText()).trim();
    assert.equal(commentary.length, 1, 'one commentary message before the tool');
    assert.match(await turn.locator('.tool-activity').innerText(), /Searched the web: berlin events today/, 'the finished search, with its query');
    assert.ok(!answer.startsWith(commentary[0]), `the answer does not start with the commentary: ${answer}`);
    const order = await turn.locator('[data-part]').evaluateAll((parts) => parts.map((part) => part.getAttribute('data-part')));
    // The cited page is listed under the answer.
    assert.deepEqual(order.filter((kind) => kind !== 'reasoning'), ['commentary', 'tool', 'text', 'sources'], 'in the order they streamed');
    // Muted as the reader sees it: a paler colour, or the same colour shown fainter (themes differ in which).
    const look = (selector: string) => turn.locator(selector).first().evaluate((element) => {
      const style = getComputedStyle(element);
      return `${style.color} @ ${style.opacity}`;
    });
    const [muted, plain] = [await look('.commentary'), await look('.answer-text')];
    assert.notEqual(muted, plain, `commentary is muted (${muted} vs ${plain})`);
    await session.screenshot('answer-in-parts');
  });
});
