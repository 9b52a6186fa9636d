import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { LAST_TURN, sendAndWait, showThreadlineView } from './support/chatPanel';
import { WorkbenchSession } from './workbenchSession';

/** The fake server reads fault markers in the instructions too: this persona fails alone, mid-answer. */
const PERSONAS = [
  { id: 'reviewer', label: 'Code Reviewer', instructions: 'Review strictly.' },
  { id: 'teacher', label: 'Patient Teacher', instructions: 'Explain step by step.' },
  { id: 'broken', label: 'Broken Bot', instructions: 'Fail halfway. [[fault:failed:2]]' },
];

/**
 * Fan-out in the real workbench: one message to three personas streams three answers (one fails, alone), the
 * user picks which answer the conversation continues with, the next message chains from it on the server, and
 * the answers with the choice survive a window reload.
 */
suite('Fan-out: several personas at once in the real workbench', function () {
  this.timeout(240_000);
  let session: WorkbenchSession;
  let chat: Frame;

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-fanout', { userSettings: { 'threadline.personas': PERSONAS, 'threadline.activePersona': 'reviewer' } });
    chat = await showThreadlineView(session);
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  const pane = (personaLabel: string) => chat.locator(`${LAST_TURN} .fanout-answer`, { has: chat.locator('.persona-label', { hasText: personaLabel }) });
  const requestOf = (instructions: string, userText: string) => session.fake.responseRequests.find((r) => r.body.instructions === instructions && r.userText === userText);

  test('three personas answer at once, one fails alone; Continue with this picks the chain; it survives a reload', async () => {
    const first = await sendAndWait(chat, 'What is a closure?');
    const anchor = session.fake.responseRequests.at(-1)?.responseId;
    assert.ok(anchor, first.id);

    await sendAndWait(chat, '@reviewer @teacher @broken compare closures and classes');
    const asked = session.fake.responseRequests.filter((r) => r.userText === 'compare closures and classes');
    assert.equal(asked.length, 3, 'one request per persona');
    assert.deepEqual(asked.map((r) => r.body.previous_response_id), [anchor, anchor, anchor], 'each chains from the same anchor');
    assert.equal(await chat.locator(`${LAST_TURN} .fanout`).getAttribute('data-layout'), 'tabs', 'the side bar is narrow: tabs');
    assert.equal(await chat.locator(`${LAST_TURN} [role="tab"]`).count(), 3);

    await chat.click(`${LAST_TURN} [role="tab"]:has-text("Broken Bot")`);
    assert.equal(await pane('Broken Bot').getAttribute('data-status'), 'failed');
    assert.match(await pane('Broken Bot').locator('.turn-status').innerText(), /failed/i);
    await session.screenshot('fanout-one-failed');
    for (const label of ['Code Reviewer', 'Patient Teacher']) assert.equal(await pane(label).getAttribute('data-status'), 'complete', label);

    // Continue with the answer that is not the default.
    const defaultLabel = (await chat.locator(`${LAST_TURN} .fanout-answer.chosen .persona-label`).innerText()).trim();
    const picked = PERSONAS.find((p) => p.id !== 'broken' && p.label !== defaultLabel);
    assert.ok(picked);
    await chat.click(`${LAST_TURN} [role="tab"]:has-text("${picked.label}")`);
    await pane(picked.label).locator('.continue-with').click();
    await pane(picked.label).locator('.chosen-badge').waitFor({ state: 'visible' });
    await session.screenshot('fanout-continue-with');

    await sendAndWait(chat, 'and which is faster?');
    const pickedResponse = requestOf(picked.instructions, 'compare closures and classes')?.responseId;
    assert.ok(pickedResponse);
    assert.equal(session.fake.responseRequests.at(-1)?.body.previous_response_id, pickedResponse, 'the next turn chains from the chosen answer');

    await session.page.reload();
    await session.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    chat = await showThreadlineView(session);
    const restored = chat.locator('.turn.fanout-turn');
    await restored.waitFor({ timeout: 60_000 });
    assert.equal(await restored.locator('[role="tab"]').count(), 3, 'every answer is back');
    assert.equal((await restored.locator('.fanout-answer.chosen .persona-label').innerText()).trim(), picked.label, 'so is the choice');
    assert.equal(await restored.locator('.fanout-answer[data-status="failed"]').count(), 1);
    await session.screenshot('fanout-after-reload');
  });
});
