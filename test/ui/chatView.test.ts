import * as assert from 'node:assert/strict';
import { PRICES_CHECKED_ON } from '../../src/core/pricing/builtInPrices';
import { formatUsd } from '../../src/core/pricing/formatUsd';
import { priceForModel, pricesFromSettings } from '../../src/core/pricing/priceTable';
import { costOf } from '../../src/core/pricing/usageCost';
import * as fs from 'node:fs';
import type { Frame } from 'playwright-core';
import { defaultReplyText } from '../fake-server/replies';
import { answerOf, hostRoundTrip, send, turnIds, waitForNewLastTurn, waitForNewStreamingTurn } from './support/chatPanel';
import { until } from './support/editorUi';
import { UI_API_KEY, WorkbenchSession } from './workbenchSession';

suite('Chat view in the real workbench', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let chat: Frame;

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui');
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  test('opens the Threadline view from the activity bar', async () => {
    chat = await session.openThreadlineView();
    await chat.waitForSelector('#prompt', { state: 'visible' });
    await chat.waitForSelector('#send', { state: 'visible' });
    assert.equal(await chat.locator('.turn').count(), 0, 'a fresh workspace starts with no turns');
    assert.ok(fs.existsSync(await session.screenshot('threadline-view')));
  });

  test('a prompt typed and sent streams its reply into the webview', async () => {
    const prompt = 'Hello from the UI test';
    const expected = defaultReplyText(prompt);
    const known = await turnIds(chat);
    await send(chat, `${prompt} [[slow:40]]`);

    // Mid-stream: some of the new turn's answer is on screen while it is still streaming.
    const turnId = await waitForNewStreamingTurn(chat, known, 1);
    await session.screenshot('streaming');
    const complete = await waitForNewLastTurn(chat, known, 'complete');
    assert.equal(complete.id, turnId, 'the turn that streamed is the one that completed');
    assert.equal(await answerOf(chat, turnId), expected);
    await session.screenshot('reply-complete');

    // The footer prices the tokens it shows at the model's built-in price; the header's total counts the answer.
    const footer = chat.locator(`.turn[data-turn-id="${turnId}"] .turn-footer`);
    const text = await footer.innerText();
    const counts = /([\d,]+) in · ([\d,]+) cached · ([\d,]+) out/.exec(text);
    assert.ok(counts, `the footer shows the usage: ${text}`);
    const [input, cached, output] = counts.slice(1).map((n) => Number(n.replace(/,/g, '')));
    const model = (await chat.locator('#model').innerText()).trim();
    const price = priceForModel(pricesFromSettings({}), model);
    assert.ok(price, `${model} has a built-in price`);
    const cost = formatUsd(costOf({ input, cached, output }, price.price)?.total ?? NaN);
    assert.ok(text.includes(`· ${cost} ·`), `the footer shows ${cost}: ${text}`);
    assert.ok((await footer.getAttribute('title'))?.includes(`${price.key} prices, checked ${PRICES_CHECKED_ON}`));
    assert.match(await chat.locator('#total-tokens').innerText(), /^Σ [\d.,]+k? · \$[\d.]+/);

    const request = session.fake.responseRequests.at(-1);
    assert.ok(request, 'the fake server received the request');
    assert.ok(request.userText.startsWith(prompt));
    assert.equal(request.headers.authorization, `Bearer ${UI_API_KEY}`);
  });

  test('stop mid-stream keeps the partial answer and marks the turn stopped', async () => {
    const words = 300;
    const known = await turnIds(chat);
    const requestsBefore = session.fake.responseRequests.length;
    await send(chat, `Count slowly [[slow:80]] [[long:${words}]]`);
    // The new turn's own answer has streamed words: an earlier turn's answer cannot satisfy this.
    const turnId = await waitForNewStreamingTurn(chat, known, 4);
    await chat.click('#stop');
    const stopped = await waitForNewLastTurn(chat, known, 'stopped', 15_000);
    assert.equal(stopped.id, turnId, 'the streaming turn is the one stopped');
    const partial = await answerOf(chat, turnId);
    assert.ok(partial.length > 0, 'the partial answer stays on screen');
    assert.ok(partial.split(/\s+/).length < words, 'the answer stopped before its end');
    assert.ok(await chat.locator(`.turn[data-turn-id="${turnId}"] .turn-status`).isVisible(), 'the stopped status is shown');

    // Settled: the server saw the client go away, the panel is no longer busy, and a round trip through the host
    // delivered everything the host posted before it. Only then is "nothing streams in after stop" meaningful.
    const request = await until('the request of the stopped turn', () => session.fake.responseRequests[requestsBefore]);
    assert.equal(await until('the stream to end', () => request.outcome), 'client_closed', 'the stream was cut by the client');
    await chat.waitForSelector('#app:not(.busy)', { timeout: 15_000 });
    await hostRoundTrip(chat);
    assert.equal(await answerOf(chat, turnId), partial, 'nothing streams in after stop');
    await session.screenshot('stopped');
  });
});
