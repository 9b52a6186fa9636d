import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { LAST_TURN, type RenderedTurn, hideThreadlineView, hostRoundTrip, renderedTurns, send, sendAndWait, showThreadlineView, turnIds, waitForNewLastTurn, waitForNewStreamingTurn } from './support/chatPanel';
import { exportConversation } from './support/conversationExport';
import { QUICK_INPUT } from './support/workbenchUi';
import { WorkbenchSession } from './workbenchSession';

/**
 * Errors shown in place, and a transcript that is never lost: it survives the view being hidden, a reload
 * of the window, and leaves the editor as an exported Markdown file.
 */
suite('Chat errors, restore and export in the real workbench', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let chat: Frame;
  /** The transcript as the user saw it before hiding and reloading. */
  let transcript: RenderedTurn[] = [];

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-chat-resilience');
    chat = await showThreadlineView(session);
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  test('a 429 rate limit is shown in place with when to retry, and earlier turns stay intact', async () => {
    await sendAndWait(chat, 'A first question that works');
    const before = await renderedTurns(chat);

    const failed = await sendAndWait(chat, '[[fault:rate_limit:7]] hello', 'failed');
    const status = chat.locator(`${LAST_TURN} .turn-status[data-status="failed"]`);
    assert.ok(await status.isVisible(), 'the failure is shown on the turn itself');
    assert.match(await status.locator('.status-title').innerText(), /rate limit/i);
    assert.match(await status.locator('.status-detail').innerText(), /rate limit/i, 'the server’s own message is shown');
    assert.match(await status.innerText(), /\b7 (s|seconds)\b/, 'it says when to retry');
    assert.doesNotMatch(failed.statusText, /billing|quota/i);
    assert.ok(await chat.locator(`${LAST_TURN} .retry`).isVisible(), 'a Retry button is offered');
    assert.equal(failed.user, '[[fault:rate_limit:7]] hello', 'the prompt is kept');
    assert.deepEqual((await renderedTurns(chat)).slice(0, -1), before, 'earlier turns are intact');
    await session.screenshot('rate-limited');
  });

  test('out of quota is a billing message, distinct from the rate limit', async () => {
    await sendAndWait(chat, '[[fault:insufficient_quota]] hello again', 'failed');
    const status = chat.locator(`${LAST_TURN} .turn-status[data-status="failed"]`);
    const title = await status.locator('.status-title').innerText();
    assert.match(title, /quota|billing/i);
    assert.doesNotMatch(title, /rate limit/i);
    assert.match(await status.innerText(), /billing/i, 'it points at billing');
    assert.doesNotMatch(await status.innerText(), /retry in \d/i, 'waiting would not help, so no retry time is promised');
    const turns = await renderedTurns(chat);
    assert.equal(turns.at(-2)?.status, 'failed', 'the rate-limited turn is still shown as failed');
    assert.match(turns.at(-2)?.statusText ?? '', /rate limit/i);
    await session.screenshot('out-of-quota');
  });

  test('Retry on a rate-limited turn answers it in place', async () => {
    const before = await renderedTurns(chat);
    session.fake.queueFault({ kind: 'rate_limit', retryAfterSeconds: 1 });
    await sendAndWait(chat, 'Try me again', 'failed');
    const known = await turnIds(chat);
    await chat.click(`${LAST_TURN} .retry`);
    const retried = await waitForNewLastTurn(chat, known, 'complete');
    assert.equal(retried.user, 'Try me again');
    assert.match(retried.answer, /Try me again/);
    assert.equal(retried.statusText, '', 'a completed turn shows no status');
    assert.deepEqual((await renderedTurns(chat)).slice(0, -1), before, 'the retry replaced only the failed turn');
    await session.screenshot('retried');
  });

  test('hiding and showing the view keeps the transcript and the unsent draft', async () => {
    // A stopped turn too, so every status is in the transcript that must come back.
    const known = await turnIds(chat);
    await send(chat, 'Count slowly [[slow:60]] [[long:300]]');
    const stoppedId = await waitForNewStreamingTurn(chat, known, 4);
    await chat.click('#stop');
    assert.equal((await waitForNewLastTurn(chat, known, 'stopped')).id, stoppedId);
    // Whatever the host posted before the stop has arrived, so the transcript read now is the one it stored.
    await hostRoundTrip(chat);

    transcript = await renderedTurns(chat);
    assert.deepEqual(transcript.map((t) => t.status), ['complete', 'failed', 'failed', 'complete', 'stopped']);
    const draft = 'An unsent thought,\nover two lines';
    await chat.fill('#prompt', draft);

    await hideThreadlineView(session, chat);
    await session.screenshot('view-hidden');
    chat = await showThreadlineView(session);
    await waitForRestored(chat, transcript.length);
    assert.deepEqual(await renderedTurns(chat), transcript, 'the same turns, texts and statuses');
    assert.equal(await chat.inputValue('#prompt'), draft, 'the draft survived hiding the view');
    await session.screenshot('view-shown-again');
    await chat.fill('#prompt', '');
  });

  test('reloading the window restores the transcript with its texts and statuses', async () => {
    await session.page.reload();
    await session.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    chat = await showThreadlineView(session);
    await waitForRestored(chat, transcript.length);
    assert.deepEqual(await renderedTurns(chat), transcript);
    assert.ok(await chat.locator(`${LAST_TURN} .retry`).isVisible(), 'the stopped turn still offers Retry');
    await session.screenshot('after-reload');
  });

  test('Export writes the conversation as Markdown into the workspace', async () => {
    const { markdown } = await exportConversation(session, chat, async (proposed) => {
      assert.match(proposed, /threadline-conversation-\d{4}-\d{2}-\d{2}\.md$/);
      assert.ok(proposed.startsWith(session.workspaceFolder), `the default is in the workspace folder (${proposed})`);
      await session.screenshot('export-dialog');
    });
    assert.match(markdown, /^# Threadline conversation\n/);
    assert.match(markdown, new RegExp(`^${transcript.length} turns · `, 'm'));
    transcript.forEach((turn, index) => {
      assert.ok(markdown.includes(`## ${index + 1}. You`), `turn ${index + 1} has a heading`);
      assert.ok(markdown.includes(turn.user), `turn ${index + 1}'s prompt is exported`);
    });
    assert.ok(markdown.includes('Answer to “A first question that works”'), 'answers are exported');
    assert.match(markdown, /\*\*Failed:\*\* Rate limited/);
    assert.match(markdown, /\*\*Failed:\*\* Out of quota/);
    assert.match(markdown, /\*\*Stopped\*\*/);
    assert.equal(await session.page.locator(QUICK_INPUT).first().isVisible(), false);
    await session.screenshot('exported');
  });
});

/** Restored turns are built as they near the viewport; wait until all of them are there and built. */
async function waitForRestored(chat: Frame, count: number): Promise<void> {
  await chat.waitForFunction(
    (count) => document.querySelectorAll('.turn[data-turn-id]').length === count && document.querySelector('.turn.unmaterialized') === null,
    count,
    { timeout: 60_000 },
  );
}
