import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Frame } from 'playwright-core';
import { defaultReplyText } from '../fake-server/replies';
import { UI_API_KEY, WorkbenchSession } from './workbenchSession';

const lastTurn = '.turn:last-of-type';

async function send(chat: Frame, prompt: string): Promise<void> {
  await chat.fill('#prompt', prompt);
  await chat.press('#prompt', 'Enter');
}

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
    await send(chat, `${prompt} [[slow:40]]`);

    // Mid-stream: some of the answer is on screen while the turn is still streaming.
    await chat.waitForFunction(
      (selector) => {
        const turn = document.querySelector(selector);
        return turn?.getAttribute('data-status') === 'streaming' && (turn.querySelector('.assistant .markdown')?.textContent ?? '').trim().length > 0;
      },
      lastTurn,
      { timeout: 30_000 },
    );
    await session.screenshot('streaming');
    await chat.waitForSelector(`${lastTurn}[data-status="complete"]`, { timeout: 30_000 });
    const rendered = (await chat.locator(`${lastTurn} .assistant .markdown`).innerText()).trim();
    assert.equal(rendered, expected);
    await session.screenshot('reply-complete');

    const request = session.fake.responseRequests.at(-1);
    assert.ok(request, 'the fake server received the request');
    assert.ok(request.userText.startsWith(prompt));
    assert.equal(request.headers.authorization, `Bearer ${UI_API_KEY}`);
  });

  test('stop mid-stream keeps the partial answer and marks the turn stopped', async () => {
    const words = 300;
    await send(chat, `Count slowly [[slow:80]] [[long:${words}]]`);
    await chat.waitForFunction(
      (selector) => (document.querySelector(`${selector} .assistant .markdown`)?.textContent ?? '').trim().split(/\s+/).length >= 4,
      lastTurn,
      { timeout: 30_000 },
    );
    await chat.click('#stop');
    await chat.waitForSelector(`${lastTurn}[data-status="stopped"]`, { timeout: 15_000 });
    const partial = (await chat.locator(`${lastTurn} .assistant .markdown`).innerText()).trim();
    assert.ok(partial.length > 0, 'the partial answer stays on screen');
    assert.ok(partial.split(/\s+/).length < words, 'the answer stopped before its end');
    assert.ok(await chat.locator(`${lastTurn} .turn-status`).isVisible(), 'the stopped status is shown');
    await session.page.waitForTimeout(500);
    assert.equal((await chat.locator(`${lastTurn} .assistant .markdown`).innerText()).trim(), partial, 'nothing streams in after stop');
    await session.screenshot('stopped');
  });
});
