import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { LAST_TURN, renderedTurns, sendAndWait, showThreadlineView, turnIds, waitForNewLastTurn } from './support/chatPanel';
import { WorkbenchSession } from './workbenchSession';

/** The fixture workspace's model. */
const MODEL = 'gpt-4.1-nano';

/** The footer's "1,234 in · 0 cached · 56 out · …": the chain's size after that turn is its input plus output. */
async function chainTokensAfter(chat: Frame, turnId: string): Promise<number> {
  const footer = await chat.locator(`.turn[data-turn-id="${turnId}"] .turn-footer`).innerText();
  const read = (label: string) => Number((new RegExp(`([\\d,]+) ${label}`).exec(footer)?.[1] ?? 'NaN').replace(/,/g, ''));
  const tokens = read('in') + read('out');
  assert.ok(Number.isFinite(tokens), `the footer shows the usage: ${footer}`);
  return tokens;
}

/**
 * Long conversations in the real workbench: the chain is compacted when it passes `compactAt` of the configured
 * window (a marker says by how much), and a context-length error offers Compact and retry, which completes the turn.
 */
suite('Context limits in the real workbench', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let chat: Frame;

  suiteSetup(async () => {
    // A 600-token window compacted at half: one long answer fills it.
    session = await WorkbenchSession.open('ui-context', { userSettings: { 'threadline.maxInputTokens': 600, 'threadline.compactAt': 0.5 } });
    chat = await showThreadlineView(session);
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  test('a chain past compactAt is compacted before the next turn, and the transcript marks it with both sizes', async () => {
    const first = await sendAndWait(chat, 'Tell me everything [[long:400]]');
    assert.ok((await chainTokensAfter(chat, first.id)) > 300, 'the first answer alone passes half the window');
    assert.equal(await chat.locator('.compaction-marker:visible').count(), 0, 'nothing compacted yet');

    const second = await sendAndWait(chat, 'And now briefly');
    assert.equal(session.fake.compactRequests.length, 1, 'the chain was compacted with responses/compact');
    const marker = chat.locator(`.turn[data-turn-id="${first.id}"] .compaction-marker`);
    assert.ok(await marker.isVisible(), 'the marker is shown after the turn the chain was compacted at');
    // The size after is read from the response that followed, so it joins the marker once that turn is stored.
    await chat.waitForFunction((id) => (document.querySelector(`.turn[data-turn-id="${id}"] .compaction-marker`)?.textContent ?? '').includes('→'), first.id, { timeout: 30_000 });
    const text = await marker.innerText();
    const sizes = /Conversation compacted: ([\d,]+) → ([\d,]+) tokens/.exec(text);
    assert.ok(sizes, `the marker gives both sizes: ${text}`);
    const [before, after] = [Number(sizes[1].replace(/,/g, '')), Number(sizes[2].replace(/,/g, ''))];
    assert.ok(after < before, `the chain shrank (${before} → ${after})`);
    const request = session.fake.responseRequests.at(-1);
    assert.equal(request?.body.previous_response_id, undefined, 'the compacted items went in place of the chain');
    assert.equal(second.status, 'complete');
    await marker.scrollIntoViewIfNeeded();
    await session.screenshot('compaction-marker');
  });

  test('context_length_exceeded names the problem; Compact and retry completes the turn', async () => {
    const short = await sendAndWait(chat, 'One more short one');
    // The server's window is just what the chain holds now: the next message cannot fit until it is compacted.
    session.fake.contextWindows.set(MODEL, await chainTokensAfter(chat, short.id));
    const failed = await sendAndWait(chat, 'This question no longer fits', 'failed');
    const status = chat.locator(`${LAST_TURN} .turn-status[data-status="failed"]`);
    assert.match(await status.locator('.status-title').innerText(), /context window/i);
    assert.match(await status.locator('.status-detail').innerText(), /exceeds the context window/i, 'the server’s own message');
    const compactAndRetry = status.locator('button.compact-retry');
    assert.ok(await compactAndRetry.isVisible(), 'Compact and retry is offered');
    assert.ok(await status.locator('button.start-new-conversation').isVisible(), 'so is a new conversation');
    await session.screenshot('context-length-exceeded');

    const known = await turnIds(chat);
    const compactsBefore = session.fake.compactRequests.length;
    await compactAndRetry.click();
    const retried = await waitForNewLastTurn(chat, known, 'complete');
    assert.equal(retried.user, failed.user, 'the same question was sent again');
    assert.equal(session.fake.compactRequests.length, compactsBefore + 1);
    assert.ok(await chat.locator(`.turn[data-turn-id="${short.id}"] .compaction-marker`).isVisible(), 'the compaction is marked');
    assert.deepEqual((await renderedTurns(chat)).map((t) => t.status), ['complete', 'complete', 'complete', 'complete']);
    await session.screenshot('compacted-and-retried');
  });
});
