import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { projectRoot } from '../../scripts/lib/paths.mjs';
import { hostRoundTrip, LAST_TURN, renderedTurns, send, sendAndWait, showThreadlineView, turnIds, waitForNewLastTurn, waitForNewStreamingTurn } from './support/chatPanel';
import { EditorUi, until } from './support/editorUi';
import { WorkbenchSession } from './workbenchSession';

interface PersonaDefault { id: string; label: string; instructions: string; model?: string }

/** The built-in personas, as package.json ships them: what the fake server must see as instructions. */
function builtInPersona(id: string): PersonaDefault {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
  };
  const found = (manifest.contributes.configuration.properties['threadline.personas'].default as PersonaDefault[]).find((p) => p.id === id);
  assert.ok(found, `a built-in persona "${id}"`);
  return found;
}

suite('Composer commands and @persona in the real workbench', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let ui: EditorUi;
  let chat: Frame;

  /** Types into the prompt key by key, as a user does, so the completion list follows. */
  async function typeInPrompt(text: string): Promise<void> {
    await chat.fill('#prompt', '');
    await chat.click('#prompt');
    await chat.page().keyboard.type(text);
  }

  async function note(): Promise<string> {
    return (await chat.locator('#composer-note').innerText()).trim();
  }

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-composer');
    ui = new EditorUi(session);
    await ui.waitForThreadline();
    chat = await showThreadlineView(session);
  });

  teardown(async function () {
    await ui.screenshotOnFailure(this.currentTest);
    session.fake.deltaDelayMs = 0;
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  test('/ completes commands; /help lists them inline; an unknown command is explained and not sent', async () => {
    const before = session.fake.responseRequests.length;
    await typeInPrompt('/');
    await chat.locator('#composer-completions[role="listbox"]').waitFor({ state: 'visible' });
    assert.equal(await chat.locator('#composer-completions [role="option"]').count(), 10);
    await session.screenshot('slash-completion');
    await chat.page().keyboard.type('he');
    await chat.page().keyboard.press('Enter');
    assert.equal(await chat.inputValue('#prompt'), '/help', 'Enter accepted the completion');
    await chat.page().keyboard.press('Enter');
    await until('the command list under the prompt', async () => ((await note()).includes('/persona NAME') ? true : undefined));
    await session.screenshot('slash-help');

    await typeInPrompt('/frobnicate');
    await chat.page().keyboard.press('Enter');
    assert.match(await note(), /Unknown command \/frobnicate/);
    assert.equal(await chat.inputValue('#prompt'), '/frobnicate', 'the draft is kept to be fixed');
    await session.screenshot('slash-unknown');
    // Everything the webview posted has reached the host once this answer is back: nothing was sent.
    await hostRoundTrip(chat);
    assert.equal(session.fake.responseRequests.length, before, 'no request for /help or the unknown command');
    assert.equal(await chat.locator('.turn').count(), 0);
  });

  test('/persona switches the active persona; /model changes the model of the next message', async () => {
    const teacher = builtInPersona('teacher');
    await typeInPrompt('/persona teacher');
    await chat.page().keyboard.press('Escape');
    await chat.page().keyboard.press('Enter');
    await until('the picker to show the teacher', async () => ((await chat.inputValue('#persona-picker')) === 'teacher' ? true : undefined));
    await send(chat, '/model gpt-4.1-nano-composer');
    await until('the header to show the model', async () => ((await chat.locator('#model').innerText()).includes('gpt-4.1-nano-composer') ? true : undefined));
    await session.screenshot('persona-and-model-set');

    const turn = await sendAndWait(chat, 'Who answers, with which model?');
    const request = session.fake.responseRequests.at(-1);
    assert.equal(request?.body.instructions, teacher.instructions);
    assert.equal(request?.body.model, 'gpt-4.1-nano-composer');
    assert.equal((await chat.locator(`${LAST_TURN} .persona-label`).innerText()).trim(), teacher.label);
    assert.equal(turn.user, 'Who answers, with which model?');

    await send(chat, '/model');
    await send(chat, '/persona assistant');
    await until('the picker back on the assistant', async () => ((await chat.inputValue('#persona-picker')) === 'assistant' ? true : undefined));
    await until('the header back on the persona’s model', async () => (!(await chat.locator('#model').innerText()).includes('composer') ? true : undefined));
  });

  test('@reviewer sends that one message with the reviewer, and the active persona stays', async () => {
    const reviewer = builtInPersona('reviewer');
    const assistant = builtInPersona('assistant');
    const known = await turnIds(chat);
    await typeInPrompt('@rev');
    await chat.locator('#composer-completions [role="option"]', { hasText: '@reviewer' }).waitFor();
    await chat.page().keyboard.press('Tab');
    await chat.page().keyboard.type('check this loop');
    await session.screenshot('mention-typed');
    await chat.page().keyboard.press('Enter');
    const turn = await waitForNewLastTurn(chat, known, 'complete');
    const request = session.fake.responseRequests.at(-1);
    assert.equal(request?.userText, 'check this loop', 'the mention addresses the message and is not part of it');
    assert.equal(request?.body.instructions, reviewer.instructions);
    assert.equal(turn.user, 'check this loop');
    assert.equal((await chat.locator(`${LAST_TURN} .persona-label`).innerText()).trim(), reviewer.label, 'the turn shows who answered');
    assert.equal(await chat.inputValue('#persona-picker'), 'assistant', 'the active persona did not change');
    await session.screenshot('mention-answered');

    await sendAndWait(chat, 'and a plain follow-up');
    assert.equal(session.fake.responseRequests.at(-1)?.body.instructions, assistant.instructions, 'the next message goes to the active persona');
  });

  test('/explain explains the active editor’s selection; /new starts an empty conversation', async () => {
    const source = ui.readWorkspaceFile('fibonacci.ts').split('\n');
    await ui.openFile('fibonacci.ts');
    await ui.selectLines(2, 4);
    chat = await showThreadlineView(session);
    const known = await turnIds(chat);
    await send(chat, '/explain');
    const turn = await waitForNewLastTurn(chat, known, 'complete');
    assert.equal((await chat.locator(`${LAST_TURN} .context-chip`).first().innerText()).trim(), 'fibonacci.ts:2-4');
    assert.equal((await chat.locator(`${LAST_TURN} .origin-badge`).innerText()).trim(), 'Explain');
    const request = session.fake.responseRequests.at(-1);
    for (const line of source.slice(1, 4)) assert.ok(request?.userText.includes(line), `line sent: ${line}`);
    assert.ok(turn.id);
    await session.screenshot('slash-explain');

    await send(chat, '/new');
    await until('an empty transcript', async () => ((await chat.locator('.turn').count()) === 0 ? true : undefined));
    assert.equal(await chat.inputValue('#prompt'), '');
    await session.screenshot('slash-new');
  });

  test('Enter while an answer streams stops it (its partial text stays) and sends the new message', async () => {
    const known = await turnIds(chat);
    await send(chat, 'Tell a long story [[slow:40]] [[long:400]]');
    const firstId = await waitForNewStreamingTurn(chat, known, 5, 60_000);
    assert.equal((await chat.locator('#streaming-hint').innerText()).trim(), 'Enter stops the answer and sends');
    await chat.fill('#prompt', 'Shorter, please');
    await session.screenshot('send-while-streaming');
    await chat.press('#prompt', 'Enter');

    const second = await waitForNewLastTurn(chat, [...known, firstId], 'complete', 60_000);
    assert.equal(second.user, 'Shorter, please');
    const first = (await renderedTurns(chat)).find((t) => t.id === firstId);
    assert.equal(first?.status, 'stopped', 'the first answer ended stopped');
    assert.ok((first?.answer.split(/\s+/).length ?? 0) >= 5, 'its partial text stayed');
    assert.ok((first?.answer.split(/\s+/).length ?? 0) < 400, 'it did not run to the end');
    assert.ok(await chat.locator('#streaming-hint').isHidden(), 'the hint goes with the stream');
    await session.screenshot('sent-after-stop');
  });
});
