import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { LAST_TURN, send, showThreadlineView } from './support/chatPanel';
import { quickOpenFile, waitForQuickInput, waitForQuickInputClosed, walkthroughPageText } from './support/workbenchUi';
import { EditorUi, until } from './support/editorUi';
import { WorkbenchSession } from './workbenchSession';

/**
 * A first run in the real workbench: no key anywhere. Threadline's walkthrough is there with its five steps; Focus
 * Chat Input reaches the prompt from the editor by its key; a message sent without a key fails with a Set API Key button that asks for the key.
 */
suite('First run in the real workbench', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let chat: Frame;
  let ui: EditorUi;

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-first-run', {
      env: { OPENAI_API_KEY: undefined },
      // The default remote endpoint: a loopback server may need no key, the OpenAI API does.
      userSettings: { 'threadline.baseUrl': undefined },
    });
    ui = new EditorUi(session);
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  test('Get Started shows Threadline’s walkthrough with its five steps', async () => {
    await ui.runCommand('Welcome: Open Walkthrough...');
    await waitForQuickInput(session.page);
    await session.page.keyboard.type('Get Started with Threadline');
    await session.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Threadline' }).first().waitFor({ timeout: 30_000 });
    await session.page.keyboard.press('Enter');
    const walkthrough = session.page.locator('.gettingStartedContainer');
    await walkthrough.getByText('Get Started with Threadline').first().waitFor({ timeout: 60_000 });
    for (const step of ['Choose an endpoint or set a key', 'Open the chat', 'Explain a selection', 'Switch persona', 'Read the token counter']) {
      assert.ok(await walkthrough.getByText(step, { exact: true }).first().isVisible(), `the step "${step}" is listed`);
    }
    // The first step's page, named by an nls key in the manifest, resolves to media/walkthrough/connect.md.
    const page = await walkthroughPageText(session.page, 'Connect Threadline to a model');
    for (const action of ['Set API Key', 'Add Endpoint', 'Test Connection']) assert.ok(page.includes(action), `the page names ${action}: ${page}`);
    await session.screenshot('walkthrough');
  });

  test('Focus Chat Input (Ctrl+Shift+Alt+P) puts the caret in the chat prompt from an editor', async () => {
    chat = await showThreadlineView(session);
    await quickOpenFile(session.page, 'fibonacci.ts');
    assert.equal(await chat.evaluate(() => document.hasFocus()), false, 'the editor has the focus first');
    await session.page.keyboard.press('Control+Shift+Alt+KeyP');
    await chat.waitForFunction(() => document.hasFocus() && document.activeElement?.id === 'prompt', undefined, { timeout: 30_000 });
    await session.page.keyboard.type('typed straight into the chat');
    assert.equal(await chat.inputValue('#prompt'), 'typed straight into the chat');
    await session.screenshot('focus-chat-input');
    await chat.fill('#prompt', '');
  });

  test('a message sent without a key fails with Set API Key, which asks for the key', async () => {
    await send(chat, 'hello without a key');
    const action = chat.locator(`${LAST_TURN} .turn-status button.set-api-key`);
    await action.waitFor({ timeout: 30_000 });
    // The status box may be drawn again as the turn settles: wait for its text rather than read it once.
    const status = chat.locator(`${LAST_TURN} .turn-status`);
    await until('the turn to say there is no API key', async () => (/No API key/.test(await status.innerText()) ? true : undefined));
    assert.equal(session.fake.requests.length, 0, 'nothing was sent without a key');
    await session.screenshot('no-key-turn-with-set-api-key');
    await action.click();
    const input = await waitForQuickInput(session.page);
    assert.equal(await input.getAttribute('type'), 'password');
    await session.screenshot('set-api-key-from-turn');
    await session.page.keyboard.press('Escape');
    await waitForQuickInputClosed(session.page);
  });
});
