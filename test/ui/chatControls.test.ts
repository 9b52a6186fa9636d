import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import type { RecordedRequest } from '../fake-server/fakeResponsesServer';
import { LAST_TURN, renderedTurns, send, sendAndWait, settledScrollTop, showThreadlineView, turnIds, waitForNewLastTurn, waitForNewStreamingTurn } from './support/chatPanel';
import { activeEditorText, quickOpenFile } from './support/workbenchUi';
import { WorkbenchSession } from './workbenchSession';

const INSERT_TARGET = 'insert-target.ts';
const SNIPPET = ['export function clamp(value: number, low: number, high: number): number {', '  return Math.min(high, Math.max(low, value));', '}'];

suite('Chat controls in the real workbench', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let chat: Frame;

  /** The /v1/responses requests the fake server received after `before` of them. */
  const requestsSince = (before: number): RecordedRequest[] => session.fake.responseRequests.slice(before);

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-chat-controls');
    fs.writeFileSync(path.join(session.workspaceFolder, INSERT_TARGET), '// clamp goes below\n');
    chat = await showThreadlineView(session);
  });

  suiteTeardown(async () => {
    if (session) {
      session.fake.reply = undefined;
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  test('Shift+Enter makes a new line without sending; Enter sends', async () => {
    const before = session.fake.responseRequests.length;
    await chat.click('#prompt');
    await chat.page().keyboard.type('first line');
    await chat.page().keyboard.press('Shift+Enter');
    await chat.page().keyboard.type('second line');
    assert.equal(await chat.inputValue('#prompt'), 'first line\nsecond line', 'Shift+Enter put a newline into the draft');
    assert.equal(await chat.locator('.turn').count(), 0, 'nothing was sent');
    assert.equal(requestsSince(before).length, 0, 'the server got no request');
    await session.screenshot('multi-line-draft');

    const known = await turnIds(chat);
    await chat.page().keyboard.press('Enter');
    const turn = await waitForNewLastTurn(chat, known, 'complete');
    assert.equal(turn.user, 'first line\nsecond line');
    assert.equal(await chat.inputValue('#prompt'), '', 'the composer is cleared after sending');
    const sent = requestsSince(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].userText, 'first line\nsecond line');
  });

  test('regenerate replaces the last answer with a new one, chained from the turn before', async () => {
    let version = 0;
    session.fake.reply = (request) => (request.userText.includes('regenerate me') ? `Answer version ${++version}.` : undefined);
    try {
      const before = session.fake.responseRequests.length;
      const original = await sendAndWait(chat, 'Please regenerate me');
      assert.equal(original.answer, 'Answer version 1.');
      const turnsBefore = await renderedTurns(chat);
      await session.screenshot('before-regenerate');

      await chat.click(`${LAST_TURN} .regenerate`);
      const regenerated = await waitForNewLastTurn(chat, turnsBefore.map((t) => t.id), 'complete');
      assert.equal(regenerated.answer, 'Answer version 2.', 'the new answer is shown');
      assert.equal(regenerated.user, 'Please regenerate me');
      const turnsAfter = await renderedTurns(chat);
      assert.equal(turnsAfter.length, turnsBefore.length, 'the answer was replaced, not added');
      assert.ok(!turnsAfter.some((t) => t.id === original.id), 'the old answer is gone');
      assert.deepEqual(turnsAfter.slice(0, -1), turnsBefore.slice(0, -1), 'earlier turns are untouched');

      const sent = requestsSince(before);
      assert.deepEqual(sent.map((r) => r.userText), ['Please regenerate me', 'Please regenerate me'], 'the original request and the regenerate request');
      const [first, second] = sent;
      assert.equal(second.userText, first.userText, 'the same prompt was sent again');
      // The regenerated turn chains from the turn before it, exactly as the original did; never from the answer it replaces.
      assert.equal(second.body.previous_response_id, first.body.previous_response_id);
      assert.ok(first.body.previous_response_id, 'an earlier complete turn exists, so the request is chained');
      assert.ok(session.fake.hasResponse(first.body.previous_response_id));
      await session.screenshot('regenerated');
    } finally {
      session.fake.reply = undefined;
    }
  });

  test('edit and resend puts the prompt back in the composer and replaces the last turn', async () => {
    const before = session.fake.responseRequests.length;
    await sendAndWait(chat, 'What is a monad?');
    const turnsBefore = await renderedTurns(chat);

    await chat.click(`${LAST_TURN} .edit-resend`);
    assert.equal(await chat.inputValue('#prompt'), 'What is a monad?', 'the last prompt is in the composer');
    assert.ok(await chat.locator('#edit-banner').isVisible(), 'the composer says it is editing');
    await chat.fill('#prompt', 'What is a functor?');
    await session.screenshot('editing');
    await chat.press('#prompt', 'Enter');

    const edited = await waitForNewLastTurn(chat, turnsBefore.map((t) => t.id), 'complete');
    assert.equal(edited.user, 'What is a functor?');
    assert.match(edited.answer, /What is a functor\?/);
    const turnsAfter = await renderedTurns(chat);
    assert.equal(turnsAfter.length, turnsBefore.length, 'the last turn was replaced');
    assert.ok(!turnsAfter.some((t) => t.user === 'What is a monad?'), 'the original prompt is gone');
    assert.deepEqual(turnsAfter.slice(0, -1), turnsBefore.slice(0, -1), 'earlier turns are untouched');
    assert.ok(await chat.locator('#edit-banner').isHidden(), 'edit mode ended');

    const sent = requestsSince(before);
    assert.deepEqual(sent.map((r) => r.userText), ['What is a monad?', 'What is a functor?'], 'the original request and the edited one');
    const [first, second] = sent;
    assert.equal(second.body.previous_response_id, first.body.previous_response_id, 'the edit chains from the turn before, like the original');
    await session.screenshot('edited');
  });

  test('Insert puts a code block at the cursor of the last active editor', async () => {
    const fence = ['```ts', ...SNIPPET, '```'].join('\n');
    session.fake.reply = (request) => (request.userText.includes('clamp function') ? `Here it is:\n\n${fence}\n\nUse it for ranges.` : undefined);
    try {
      await quickOpenFile(session.page, INSERT_TARGET);
      await session.page.keyboard.press('Control+End');
      // Back to the chat: the editor loses focus, and Insert must still find it.
      chat = await showThreadlineView(session);
      await sendAndWait(chat, 'Write a clamp function');
      const block = chat.locator(`${LAST_TURN} .code-block`).first();
      assert.equal(await block.getAttribute('data-language'), 'ts');
      assert.match(await block.locator('.code-language').innerText(), /ts|typescript/i);
      await session.screenshot('code-block');

      await block.locator('.insert').click();
      await session.page.waitForFunction(
        (expected) => {
          const lines = document.querySelector('.part.editor .editor-group-container.active .monaco-editor .view-lines');
          return (lines?.textContent ?? '').replace(/\u00a0/g, ' ').includes(expected);
        },
        SNIPPET[1].trim(),
        { timeout: 30_000 },
      );
      const text = await activeEditorText(session.page);
      // The block's trailing newline is not inserted, so the code ends where the cursor was.
      assert.equal(text, ['// clamp goes below', ...SNIPPET].join('\n'), 'the code landed at the cursor, after the existing line');
      await session.screenshot('inserted');

      // Saved from the editor, the file on disk has the code: it went into the document, not just the screen.
      await session.page.keyboard.press('Control+S');
      const file = path.join(session.workspaceFolder, INSERT_TARGET);
      await waitUntil(() => fs.readFileSync(file, 'utf8').includes(SNIPPET[0]), 30_000, `${INSERT_TARGET} was not saved with the code`);
      assert.equal(fs.readFileSync(file, 'utf8'), ['// clamp goes below', ...SNIPPET].join('\n'));
    } finally {
      session.fake.reply = undefined;
    }
  });

  test('scrolling up during a stream is never undone, and Jump to latest brings the reader back', async () => {
    chat = await showThreadlineView(session);
    const known = await turnIds(chat);
    await send(chat, 'Tell a long story [[slow:50]] [[long:500]]');
    const turnId = await waitForNewStreamingTurn(chat, known, 1, 60_000);
    // Wait until the answer overflows the transcript well past one screen, while it still streams.
    await chat.waitForFunction(
      (id) => {
        const scroller = document.getElementById('transcript');
        const turn = document.querySelector<HTMLElement>(`.turn[data-turn-id="${id}"]`);
        return scroller !== null && turn?.dataset.status === 'streaming' && scroller.scrollHeight > scroller.clientHeight + 600;
      },
      turnId,
      { timeout: 60_000 },
    );
    const box = await chat.locator('#transcript').boundingBox();
    assert.ok(box, 'the transcript is on screen');
    await session.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await session.page.mouse.wheel(0, -400);
    const readerTop = await settledScrollTop(chat);
    const wordsAtScroll = await answerWords(chat);

    // Let the stream go on for a while, then check nothing moved the reader.
    await chat.waitForFunction(
      ({ selector, words }) => {
        const text = document.querySelector(`${selector} .assistant .markdown`)?.textContent ?? '';
        return text.trim().split(/\s+/).length >= words + 40 || document.querySelector<HTMLElement>(selector)?.dataset.status !== 'streaming';
      },
      { selector: LAST_TURN, words: wordsAtScroll },
      { timeout: 60_000 },
    );
    assert.ok((await answerWords(chat)) >= wordsAtScroll + 40, 'the answer kept streaming');
    const position = await chat.evaluate(() => {
      const scroller = document.getElementById('transcript') as HTMLElement;
      return { top: scroller.scrollTop, fromBottom: scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight };
    });
    assert.ok(Math.abs(position.top - readerTop) <= 2, `the reader stays where they scrolled (${readerTop} → ${position.top})`);
    assert.ok(position.fromBottom > 100, 'the view did not follow the stream');
    assert.ok(await chat.locator('#jump-to-latest').isVisible(), 'Jump to latest is offered');
    await session.screenshot('scrolled-up-while-streaming');

    await chat.click('#jump-to-latest');
    await chat.waitForSelector(`.turn[data-turn-id="${turnId}"][data-status="complete"]`, { timeout: 60_000 });
    await chat.waitForFunction(() => {
      const scroller = document.getElementById('transcript') as HTMLElement;
      return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= 6;
    }, undefined, { timeout: 10_000 });
    assert.ok(await chat.locator('#jump-to-latest').isHidden(), 'back at the bottom, the button goes away');
    await session.screenshot('followed-to-the-end');
  });
});

async function answerWords(chat: Frame): Promise<number> {
  const text = await chat.locator(`${LAST_TURN} .assistant .markdown`).innerText();
  return text.trim().split(/\s+/).length;
}

async function waitUntil(check: () => boolean, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
