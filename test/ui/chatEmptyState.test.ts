import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { showThreadlineView } from './support/chatPanel';
import { waitForQuickInput, waitForQuickInputClosed } from './support/workbenchUi';
import { WorkbenchSession } from './workbenchSession';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** A first run: no OPENAI_API_KEY, nothing in secret storage, the default (remote) endpoint. */
suite('Chat empty state without an API key in the real workbench', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let chat: Frame;

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-chat-empty-state', {
      env: { OPENAI_API_KEY: undefined },
      userSettings: { 'threadline.baseUrl': undefined },
    });
    chat = await showThreadlineView(session);
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  test('shows how to set a key or use another endpoint, naming the endpoint', async () => {
    const emptyState = chat.locator('#empty-state');
    await emptyState.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal((await chat.locator('#base-url').innerText()).trim(), DEFAULT_BASE_URL);
    assert.ok(await chat.locator('#set-api-key').isVisible(), 'a Set API Key button');
    assert.ok(await chat.locator('#add-endpoint').isVisible(), 'a button to change the endpoint');
    assert.ok(await chat.locator('#welcome').isHidden(), 'the welcome waits until a key is set');
    assert.equal(await chat.locator('.turn').count(), 0);
    assert.equal(session.fake.requests.length, 0, 'nothing was sent anywhere');
    await session.screenshot('no-key-empty-state');

    // "Use Another Endpoint" starts Add Endpoint at its first step, the preset list; Escape leaves nothing changed.
    await chat.click('#add-endpoint');
    await waitForQuickInput(session.page);
    await session.page.locator('.quick-input-title', { hasText: 'Add Endpoint (1/3)' }).waitFor({ timeout: 30_000 });
    assert.ok(await session.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Ollama' }).first().isVisible(), 'the presets are offered');
    await session.page.keyboard.press('Escape');
    await waitForQuickInputClosed(session.page);
    assert.ok(await chat.locator('#empty-state').isVisible(), 'still waiting for a key');
  });

  test('Set API Key asks for the key, and once stored the empty state goes away', async () => {
    await chat.click('#set-api-key');
    const input = await waitForQuickInput(session.page);
    assert.equal(await input.getAttribute('type'), 'password', 'the key is typed into a password box');
    await input.fill('sk-typed-by-the-ui-test');
    await session.screenshot('set-key-input');
    await session.page.keyboard.press('Enter');
    await waitForQuickInputClosed(session.page);

    await chat.locator('#empty-state').waitFor({ state: 'hidden', timeout: 30_000 });
    await chat.locator('#welcome').waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(await chat.locator('#prompt').isEnabled());
    await session.screenshot('key-set-welcome');
  });
});
