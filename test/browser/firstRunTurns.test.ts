import * as assert from 'node:assert/strict';
import { missingKeyError } from '../../src/core/provider/errors';
import type { ChatPage } from './chatPage';
import { panelState, turn, usage } from './chatFixtures';
import { useChatPages } from './useChatPages';

/** What a first run meets in the transcript: a turn that failed for want of a key, and a whole-file summary. */
describe('chat webview: first-run turns (Chromium)', function () {
  const pages = useChatPages();
  let chat: ChatPage;
  beforeEach(() => {
    chat = pages.chat();
  });

  it('a turn that failed for want of a key offers Set API Key, which asks the host for the key', async () => {
    const failed = turn({ status: 'failed', assistantText: '', usage: undefined, error: missingKeyError() });
    await chat.post({ type: 'init', turns: [failed], state: panelState({ hasApiKey: false }), totals: usage(0, 0) });
    await chat.settle();
    const action = chat.page.locator('.turn-status button.set-api-key');
    assert.equal(await action.textContent(), 'Set API Key');
    await chat.clearPosted();
    await action.click();
    assert.deepEqual(await chat.posted(), [{ type: 'setApiKey' }]);
  });

  it('a summary of a file with nothing selected says it took the whole file', async () => {
    const whole = turn({ origin: 'summarize', context: [{ path: 'src/parser.ts', languageId: 'typescript', startLine: 1, endLine: 240, text: 'x', wholeFile: true }] });
    const lines = turn({ origin: 'explain', context: [{ path: 'src/parser.ts', languageId: 'typescript', startLine: 3, endLine: 9, text: 'x' }] });
    await chat.post({ type: 'init', turns: [whole, lines], state: panelState(), totals: usage() });
    await chat.settle();
    const chips = await chat.page.locator('.context-chip').allTextContents();
    assert.deepEqual(chips, ['parser.ts (whole file)', 'parser.ts:3-9']);
    assert.match((await chat.page.locator('.context-chip').first().getAttribute('title')) ?? '', /whole file, as nothing was selected/);
  });
});
