import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { stripMarkers } from '../fake-server/faults';
import { defaultReplyText } from '../fake-server/replies';
import { LAST_TURN, turnIds, waitForNewTurnId } from './support/chatPanel';
import { EditorUi, UI_TIMEOUT_MS, until } from './support/editorUi';
import { WorkbenchSession } from './workbenchSession';

/** Small enough that a 400-line file is over budget, large enough for every other selection in this suite. */
const INPUT_BUDGET = 200;
const BIG_FILE = 'big.js';
const SLOW_FILE = 'slow.js';
const SLOW_WORDS = 300;

function bigFileText(): string {
  return Array.from({ length: 400 }, (_, i) => `const value${i} = compute(${i}, "${'x'.repeat(i % 7)}");`).join('\n');
}

async function waitForStatus(chat: Frame, turnId: string, status: string, timeout = UI_TIMEOUT_MS): Promise<void> {
  await chat.locator(`.turn[data-turn-id="${turnId}"][data-status="${status}"]`).waitFor({ timeout });
}

async function turnText(chat: Frame, turnId: string, part: string): Promise<string> {
  return (await chat.locator(`.turn[data-turn-id="${turnId}"] ${part}`).first().innerText()).trim();
}

suite('Editor commands in the real workbench', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let ui: EditorUi;
  /** The chat webview's frame, found once a command has revealed the panel. */
  let revealedChat: Frame | undefined;

  /** The chat frame; a test that runs without the first one opens the panel itself. */
  async function chatFrame(): Promise<Frame> {
    revealedChat ??= await session.openThreadlineView();
    return revealedChat;
  }

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-editor-commands', {
      workspaceFiles: { [BIG_FILE]: bigFileText(), [SLOW_FILE]: `[[slow:100]] [[long:${SLOW_WORDS}]] let x = 1;\n` },
      workspaceSettings: { 'threadline.maxInputTokens': INPUT_BUDGET },
    });
    ui = new EditorUi(session);
    await ui.waitForThreadline();
  });

  teardown(async function () {
    await ui.screenshotOnFailure(this.currentTest);
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  setup(() => {
    session.fake.clearRequests();
    session.fake.deltaDelayMs = 0;
  });

  test('context menu: Threadline › Explain Selection streams into the revealed chat; the chip opens the range', async () => {
    const source = ui.readWorkspaceFile('fibonacci.ts').split('\n');
    await ui.openFile('fibonacci.ts');
    await ui.selectLines(2, 5);

    const topLevel = await ui.openEditorContextMenu();
    assert.ok(topLevel.includes('Threadline'), `the context menu has a Threadline entry: ${topLevel.join(' | ')}`);
    await session.screenshot('context-menu');
    // Slow deltas keep the answer streaming long enough to be seen mid-way.
    session.fake.deltaDelayMs = 150;
    const entries = await ui.clickContextSubmenuEntry('Threadline', 'Explain Selection');
    assert.deepEqual(entries, ['Explain Selection', 'Summarize Selection', 'Extract JSON from Selection']);

    const chat = await session.frameWith(LAST_TURN);
    revealedChat = chat;
    const turnId = await waitForNewTurnId(chat, []);
    await chat.waitForFunction(
      (id) => {
        const turn = document.querySelector(`.turn[data-turn-id="${id}"]`);
        return turn?.getAttribute('data-status') === 'streaming' && (turn.querySelector('.assistant .markdown')?.textContent ?? '').trim().length > 0;
      },
      turnId,
      { timeout: UI_TIMEOUT_MS },
    );
    await session.screenshot('explain-streaming');
    await waitForStatus(chat, turnId, 'complete');
    await session.screenshot('explain-complete');

    assert.equal(await turnText(chat, turnId, '.context-chip[data-index="0"]'), 'fibonacci.ts:2-5');
    const [request] = session.fake.responseRequests;
    assert.ok(request, 'the explanation was requested');
    assert.ok(request.userText.includes('fibonacci.ts'), 'the path is sent');
    for (const line of source.slice(1, 5)) assert.ok(request.userText.includes(line), `line sent: ${line}`);
    assert.ok(!request.userText.includes(source[0]), 'line 1 was not selected and is not sent');
    assert.equal(await turnText(chat, turnId, '.assistant .markdown'), defaultReplyText(stripMarkers(request.userText)));

    // Move away, then let the chip bring the range back.
    await ui.placeCursor(1);
    await chat.click(`.turn[data-turn-id="${turnId}"] .context-chip[data-index="0"]`);
    const expectedSelected = source.slice(1, 5).join('\n').length;
    const status = await until('the chip to select lines 2–5', async () => {
      const now = await ui.selectionStatus();
      return now.line === 5 && now.column === source[4].length + 1 && now.selected === expectedSelected ? now : undefined;
    });
    assert.equal(await ui.activeTabTitle(), 'fibonacci.ts');
    assert.match(status.text, /Ln 5, Col \d+ \(\d+ selected\)/);
    await session.screenshot('chip-opened-range');
  });

  test('command palette: Threadline: Summarize Selection adds a summarize turn for the selected lines', async () => {
    const chat = await chatFrame();
    const before = await turnIds(chat);
    await ui.openFile('fibonacci.ts');
    await ui.selectLines(3, 4);
    await ui.runCommand('Threadline: Summarize Selection');

    const turnId = await waitForNewTurnId(chat, before);
    await waitForStatus(chat, turnId, 'complete');
    assert.equal(await turnText(chat, turnId, '.context-chip[data-index="0"]'), 'fibonacci.ts:3-4');
    const [request] = session.fake.responseRequests;
    assert.ok(request, 'the summary was requested');
    assert.match(request.userText, /^Summarize this code/, 'the summarize prompt leads the message');
    assert.equal(await turnText(chat, turnId, '.user .user-text'), request.userText.split('\n')[0].trim());
    assert.equal(session.fake.responseRequests.length, 1);
    await session.screenshot('summarize-from-palette');
  });

  test('no selection: the Explain keybinding explains the current line and says so', async () => {
    const source = ui.readWorkspaceFile('fibonacci.ts').split('\n');
    const chat = await chatFrame();
    const before = await turnIds(chat);
    await ui.openFile('fibonacci.ts');
    await ui.placeCursor(4);
    await ui.pressKeybindingOf('threadline.explainSelection');

    const message = ui.statusBarMessage('line 4 (nothing was selected)');
    await message.waitFor({ timeout: UI_TIMEOUT_MS });
    assert.match((await message.innerText()).trim(), /Threadline: explain line 4 \(nothing was selected\)/);
    await session.screenshot('no-selection-status-message');

    const turnId = await waitForNewTurnId(chat, before);
    await waitForStatus(chat, turnId, 'complete');
    assert.equal(await turnText(chat, turnId, '.context-chip[data-index="0"]'), 'fibonacci.ts:4');
    const [request] = session.fake.responseRequests;
    assert.ok(request.userText.includes(source[3]), 'the current line is sent');
    assert.ok(!request.userText.includes(source[1]), 'other lines are not');
  });

  test('over the token budget: a modal offers Trim to Fit; Cancel sends nothing, Trim sends the beginning', async () => {
    await ui.openFile(BIG_FILE);
    await ui.selectAll();
    const chat = await chatFrame();
    const before = await turnIds(chat);

    await ui.runCommand('Threadline: Explain Selection');
    const cancelled = await ui.modalDialog();
    assert.match(cancelled.message, new RegExp(`over the ${INPUT_BUDGET}-token input budget for gpt-4\\.1-nano`));
    assert.ok(cancelled.buttons.includes('Trim to Fit'), `buttons: ${cancelled.buttons.join(', ')}`);
    assert.ok(cancelled.buttons.includes('Cancel'), `buttons: ${cancelled.buttons.join(', ')}`);
    await session.screenshot('over-budget-modal');
    await ui.clickDialogButton('Cancel');

    await ui.focusEditor();
    await ui.runCommand('Threadline: Explain Selection');
    await ui.modalDialog();
    await ui.clickDialogButton('Trim to Fit');
    const turnId = await waitForNewTurnId(chat, before);
    await waitForStatus(chat, turnId, 'complete');

    // Requests are recorded in arrival order: a single one means Cancel sent nothing.
    assert.equal(session.fake.responseRequests.length, 1, 'only the trimmed explanation was sent');
    assert.deepEqual((await turnIds(chat)).filter((id) => !before.includes(id)), [turnId], 'one new turn');
    const chip = await turnText(chat, turnId, '.context-chip[data-index="0"]');
    const match = /^big\.js:1-(\d+)$/.exec(chip);
    assert.ok(match, `the chip names the kept lines: ${chip}`);
    const keptLast = Number(match[1]);
    assert.ok(keptLast < 400, `trimmed to lines 1–${keptLast}`);
    const [request] = session.fake.responseRequests;
    assert.ok(request.userText.includes('const value0 = compute(0, "");'), 'the beginning is sent');
    assert.ok(!request.userText.includes('const value399 '), 'the end is trimmed away');
    await session.screenshot('trimmed-turn');
  });

  test('Cancel on the progress notification stops a slow explanation at once', async () => {
    await ui.openFile(SLOW_FILE);
    await ui.selectLines(1, 1);
    const chat = await chatFrame();
    const before = await turnIds(chat);
    await ui.runCommand('Threadline: Explain Selection');

    const progress = await ui.waitForNotification(/Threadline: explain line 1/);
    const turnId = await waitForNewTurnId(chat, before);
    await chat.waitForFunction(
      (id) => (document.querySelector(`.turn[data-turn-id="${id}"] .assistant .markdown`)?.textContent ?? '').trim().split(/\s+/).length >= 4,
      turnId,
      { timeout: UI_TIMEOUT_MS },
    );
    assert.ok((await ui.notificationButtons(progress)).includes('Cancel'), 'the progress notification can be cancelled');
    await session.screenshot('progress-notification');
    await ui.clickNotificationButton(progress, 'Cancel');

    // At 100 ms per delta the full answer takes 30 s: a partial answer proves the stop landed mid-stream.
    await waitForStatus(chat, turnId, 'stopped');
    const partial = await turnText(chat, turnId, '.assistant .markdown');
    assert.ok(partial.length > 0, 'the partial answer stays');
    assert.ok(partial.split(/\s+/).length < SLOW_WORDS, 'the answer stopped before its end');
    await progress.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
    await session.screenshot('cancelled-turn');
  });
});
