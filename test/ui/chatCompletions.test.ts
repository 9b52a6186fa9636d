import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { FakeResponsesServer } from '../fake-server/fakeResponsesServer';
import { hostRoundTrip, send, sendAndWait, showThreadlineView, turnIds, waitForNewLastTurn } from './support/chatPanel';
import { EditorUi, UI_TIMEOUT_MS } from './support/editorUi';
import { WorkbenchSession } from './workbenchSession';

const LABEL = 'Local Ollama';
const SWITCH_NOTICE = `${LABEL} does not speak the Responses API; Threadline now uses Chat Completions for it.`;
const SOURCE_FILE = 'contact.txt';
const GRACE = { name: 'Grace Hopper', email: 'grace@navy.mil' };

/**
 * A server that speaks only Chat Completions (no /v1/responses, reasoning text in `reasoning_content`, as DeepSeek
 * and vLLM send it) behind a keyless profile set to auto-detect, in the real workbench: the switch is told once,
 * turns stream through /chat/completions with a live Thinking section, the panel says the endpoint keeps no state
 * and each footer what was re-sent, and Extract JSON goes out as response_format json_schema.
 */
suite('Chat Completions in the real workbench', function () {
  this.timeout(180_000);
  const chatOnly = new FakeResponsesServer();
  let session: WorkbenchSession;
  let ui: EditorUi;
  let chat: Frame;
  const posts = () => chatOnly.requests.filter((r) => r.method === 'POST').map((r) => r.path);

  suiteSetup(async () => {
    const baseUrl = await chatOnly.start();
    chatOnly.responsesRoute = '404-text';
    chatOnly.chatReasoningField = 'reasoning_content';
    session = await WorkbenchSession.open('ui-chat-completions', {
      workspaceFiles: { [SOURCE_FILE]: ['Contact card', 'Name: Grace Hopper', 'Email: grace@navy.mil', ''].join('\n') },
      workspaceSettings: { 'threadline.extractJson.schemas': ['extract/person.schema.json'] },
      userSettings: {
        'threadline.endpoints': [{ id: 'local', label: LABEL, preset: 'ollama', baseUrl, dialect: 'auto', defaultModel: 'deepseek-r1' }],
        'threadline.activeEndpoint': 'local',
      },
    });
    ui = new EditorUi(session);
    await ui.waitForThreadline();
    chat = await showThreadlineView(session);
  });

  teardown(async function () {
    await ui.screenshotOnFailure(this.currentTest);
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
    await chatOnly.stop();
  });

  test('auto-detect switches once; turns stream Thinking from reasoning_content and say what they re-send', async () => {
    const known = await turnIds(chat);
    await send(chat, 'Why is the sky blue? [[reasoning:2]] [[slow:500]]');
    // The Thinking section while the reasoning text still streams, then the switch's notice (it stays up).
    const live = chat.locator('.turn.is-last[data-status="streaming"] details.reasoning[open] .reasoning-label', { hasText: /^Thinking… \d/ });
    await live.waitFor({ timeout: UI_TIMEOUT_MS });
    await session.screenshot('chat-completions-thinking-live');
    const toast = await ui.waitForNotification(SWITCH_NOTICE);
    assert.equal(await ui.notificationMessage(toast), SWITCH_NOTICE);
    await session.screenshot('chat-completions-switch-notice');
    const first = await waitForNewLastTurn(chat, known, 'complete');
    const turn = chat.locator(`.turn[data-turn-id="${first.id}"]`);
    assert.match(await turn.locator('details.reasoning .reasoning-label').innerText(), /^Thought for \d/);
    assert.ok(first.answer.length > 0);
    assert.match(await turn.locator('.turn-notice').innerText(), /keeps no conversation state/, 'said on the first turn');
    assert.match(await turn.locator('.turn-footer').innerText(), /re-sent 0 turns, [\d,]+ tokens/);
    assert.deepEqual(posts(), ['/v1/responses', '/v1/chat/completions']);
    assert.equal(chatOnly.chatRequests[0].body.stream, true);
    await session.screenshot('chat-completions-first-turn');

    await ui.clearNotifications();
    const second = await sendAndWait(chat, 'And at sunset?');
    await hostRoundTrip(chat);
    const next = chat.locator(`.turn[data-turn-id="${second.id}"]`);
    assert.equal(await next.locator('.turn-notice').isVisible(), false, 'the notice is said once per conversation');
    assert.match(await next.locator('.turn-footer').innerText(), /re-sent 1 turn, [\d,]+ tokens/);
    assert.deepEqual(posts().slice(2), ['/v1/chat/completions'], 'the switch is remembered: no second probe');
    const messages = chatOnly.chatRequests[1].body.messages as Array<{ role: string }>;
    assert.deepEqual(messages.map((m) => m.role), ['system', 'user', 'assistant', 'user'], 'the conversation is re-sent');
    assert.equal(await ui.notification(SWITCH_NOTICE).count(), 0, 'the switch is told once');
    await session.screenshot('chat-completions-second-turn');
  });

  test('Extract JSON on Chat Completions: strict json_schema in response_format, and the JSON follows the schema', async () => {
    chatOnly.clearRequests();
    chatOnly.reply = () => JSON.stringify({ ...GRACE, age: null });
    await ui.openFile(SOURCE_FILE);
    await ui.selectLines(2, 3);
    await ui.runCommand('Threadline: Extract JSON from Selection');
    await ui.pickQuickItem('person', { exact: true });

    await ui.waitForActiveTab((title) => title !== SOURCE_FILE);
    await ui.page.locator('.editor-group-container.active .monaco-editor .view-line').first().waitFor({ timeout: UI_TIMEOUT_MS });
    const text = (await ui.activeEditorText()).trimEnd();
    assert.deepEqual(JSON.parse(text), GRACE, 'the nulls strict mode needed are removed');
    assert.deepEqual(posts(), ['/v1/chat/completions']);
    const format = chatOnly.chatRequests[0].body.response_format as { type: string; json_schema?: { name?: string; strict?: boolean } };
    assert.equal(format.type, 'json_schema');
    assert.equal(format.json_schema?.name, 'person');
    assert.equal(format.json_schema?.strict, true);
    await session.screenshot('chat-completions-extract-json');
  });
});
