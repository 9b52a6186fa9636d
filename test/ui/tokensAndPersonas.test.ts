import * as assert from 'node:assert/strict';
import { PRICES_CHECKED_ON } from '../../src/core/pricing/builtInPrices';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';
import type { Frame } from 'playwright-core';
import { projectRoot } from '../../scripts/lib/paths.mjs';
import { EditorUi, UI_TIMEOUT_MS, until } from './support/editorUi';
import { WorkbenchSession } from './workbenchSession';

// js-tiktoken is the reference the counter must equal; the fixture workspace pins gpt-4.1-nano (o200k_base).
const reference = new Tiktoken(createRequire(__filename)('js-tiktoken/ranks/o200k_base') as TiktokenBPE);
const exactCount = (text: string): number => reference.encode(text, [], []).length;

interface PersonaDefault {
  id: string;
  label: string;
  instructions: string;
  temperature?: number;
}

/** The built-in personas, as package.json ships them. */
function builtInPersonas(): PersonaDefault[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
  };
  return manifest.contributes.configuration.properties['threadline.personas'].default as PersonaDefault[];
}

/** "$(selection) 1,234 tokens selected" as the status bar renders it: "1,234 tokens selected". */
function shownCount(text: string): { count: number; selected: boolean } | undefined {
  const match = /([\d,]+) tokens?( selected)?/.exec(text);
  return match ? { count: Number(match[1].replace(/,/g, '')), selected: match[2] !== undefined } : undefined;
}

const NOTES_FILE = 'notes.txt';
const NOTES = 'alpha beta gamma\n';

suite('Token counter and personas in the real workbench', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let ui: EditorUi;
  let openedChat: Frame | undefined;

  /** The chat frame, opening the panel the first time it is needed. */
  async function chatFrame(): Promise<Frame> {
    openedChat ??= await session.openThreadlineView();
    return openedChat;
  }
  const personas = builtInPersonas();
  const persona = (id: string): PersonaDefault => {
    const found = personas.find((p) => p.id === id);
    assert.ok(found, `package.json ships a "${id}" persona`);
    return found;
  };

  async function waitForTokenStatus(count: number, selected: boolean): Promise<string> {
    return until(`the status bar to show ${count} tokens${selected ? ' selected' : ''}`, async () => {
      const text = await ui.statusBarText('threadline.tokens');
      const shown = shownCount(text);
      return shown?.count === count && shown.selected === selected ? text : undefined;
    });
  }

  async function sendChat(text: string): Promise<string> {
    const chat = await chatFrame();
    const last = chat.locator('.turn.is-last');
    const before = (await last.count()) > 0 ? await last.getAttribute('data-turn-id') : null;
    await chat.fill('#prompt', text);
    await chat.press('#prompt', 'Enter');
    const turnId = await until('the new turn', async () => {
      const id = await chat.locator('.turn.is-last').getAttribute('data-turn-id', { timeout: 1000 });
      return id && id !== before ? id : undefined;
    });
    await chat.locator(`.turn[data-turn-id="${turnId}"][data-status="complete"]`).waitFor({ timeout: UI_TIMEOUT_MS });
    return turnId;
  }

  async function personaLabelOf(turnId: string): Promise<string> {
    const chat = await chatFrame();
    return (await chat.locator(`.turn[data-turn-id="${turnId}"] .persona-label`).innerText()).trim();
  }

  async function waitForPersonaStatus(label: string): Promise<void> {
    await until(`the persona status bar item to name ${label}`, async () =>
      (await ui.statusBarText('threadline.persona')) === label ? true : undefined);
  }

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-tokens-personas', { workspaceFiles: { [NOTES_FILE]: NOTES } });
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

  setup(() => session.fake.clearRequests());

  test('typing changes the status bar count, a selection shows its own count, and the tooltip breaks it down', async () => {
    await ui.openFile(NOTES_FILE);
    await waitForTokenStatus(exactCount(NOTES), false);
    await session.screenshot('document-count');

    const typed = 'delta epsilon <|endoftext|> zeta';
    await ui.focusEditor();
    await ui.page.keyboard.press('Control+End');
    await ui.type(typed);
    assert.equal(await ui.activeEditorText(), `${NOTES}${typed}`);
    const edited = exactCount(`${NOTES}${typed}`);
    assert.notEqual(edited, exactCount(NOTES));
    await waitForTokenStatus(edited, false);
    await session.screenshot('count-after-typing');

    await ui.selectLines(1, 1);
    const selectedText = NOTES.trimEnd();
    const selectedStatus = await waitForTokenStatus(exactCount(selectedText), true);
    assert.match(selectedStatus, /tokens selected$/);

    const tooltip = await ui.hoverStatusBarItem('threadline.tokens');
    const hoverText = (await tooltip.innerText()).replace(/\s+/g, ' ');
    for (const expected of ['Tokens', 'gpt-4.1-nano', 'Selection', `Document ${NOTES_FILE}`, 'Chat draft', 'Persona: Coding Assistant',
      'Context window', 'Estimated cost of asking about the selection', 'for a ~1,000-token answer (assumed',
      `gpt-4.1-nano, checked ${PRICES_CHECKED_ON}`, 'Encoding: o200k_base']) {
      assert.ok(hoverText.includes(expected), `the tooltip shows "${expected}": ${hoverText}`);
    }
    assert.match(hoverText, new RegExp(`Selection ${exactCount(selectedText)} `), 'the selection row carries its count');
    assert.match(hoverText, new RegExp(`Document ${NOTES_FILE} ${edited} `), 'the document row carries its count');
    await session.screenshot('token-tooltip');
    await ui.page.mouse.move(700, 400);
  });

  test('the chat draft shows its token count live while typing', async () => {
    const chat = await chatFrame();
    const first = 'How many tokens';
    await chat.click('#prompt');
    await chat.locator('#prompt').pressSequentially(first, { delay: 20 });
    await until(`the draft count for "${first}"`, async () =>
      (await chat.locator('#draft-tokens').innerText()).trim() === `${exactCount(first)} tokens` ? true : undefined);

    const more = ' does this draft <|endoftext|> have, exactly?';
    await chat.locator('#prompt').pressSequentially(more, { delay: 20 });
    const full = `${first}${more}`;
    assert.notEqual(exactCount(full), exactCount(first));
    await until(`the draft count for "${full}"`, async () =>
      (await chat.locator('#draft-tokens').innerText()).trim() === `${exactCount(full)} tokens` ? true : undefined);
    await session.screenshot('draft-token-count');
    await chat.fill('#prompt', '');
  });

  test('switching persona from the status bar and from the chat picker changes the next request and its turn', async () => {
    const terse = persona('terse');
    const teacher = persona('teacher');
    const chat = await chatFrame();

    await ui.statusBarItem('threadline.persona').click();
    const labels = await ui.quickItemLabels();
    for (const p of personas) assert.ok(labels.some((l) => l.endsWith(p.label)), `"${p.label}" is offered: ${labels.join(' | ')}`);
    await session.screenshot('persona-quick-pick');
    await ui.pickQuickItem(terse.label);
    await waitForPersonaStatus(terse.label);
    await until('the chat picker to follow', async () => ((await chat.inputValue('#persona-picker')) === terse.id ? true : undefined));

    const terseTurn = await sendChat('Who answers now?');
    const terseRequest = session.fake.responseRequests.at(-1);
    assert.equal(terseRequest?.body.instructions, terse.instructions);
    assert.equal(terseRequest?.body.temperature, terse.temperature);
    assert.equal(await personaLabelOf(terseTurn), terse.label);

    await chat.selectOption('#persona-picker', teacher.id);
    await waitForPersonaStatus(teacher.label);
    const teacherTurn = await sendChat('And now?');
    const teacherRequest = session.fake.responseRequests.at(-1);
    assert.equal(teacherRequest?.body.instructions, teacher.instructions);
    assert.equal(teacherRequest?.body.temperature, teacher.temperature);
    assert.equal(await personaLabelOf(teacherTurn), teacher.label);
    assert.equal(await personaLabelOf(terseTurn), terse.label, 'each turn keeps the persona that answered it');
    assert.equal(session.fake.responseRequests.length, 2);
    await session.screenshot('persona-switched');
  });

  test('an invalid persona setting shows a warning naming the entry and the field; the valid ones stay usable', async () => {
    const calm = { id: 'calm', label: 'Calm Guide', instructions: 'Answer calmly and briefly.' };
    ui.updateWorkspaceSettings({
      'threadline.personas': [calm, { id: 'hot', label: 'Hot Head', instructions: 'Shout.', temperature: 9 }],
      'threadline.activePersona': calm.id,
    });
    try {
      const toast = await ui.waitForNotification(/persona settings are invalid/);
      const message = await ui.notificationMessage(toast);
      assert.match(message, /threadline\.personas\[1\] \("hot"\)\.temperature: /, message);
      assert.ok((await ui.notificationButtons(toast)).includes('Open Settings'));
      await session.screenshot('invalid-persona-warning');

      await waitForPersonaStatus(calm.label);
      await ui.statusBarItem('threadline.persona').click();
      const labels = await ui.quickItemLabels();
      assert.ok(labels.some((l) => l.endsWith(calm.label)), `the valid persona is offered: ${labels.join(' | ')}`);
      assert.ok(!labels.some((l) => l.includes('Hot Head')), 'the invalid one is not');
      await ui.page.keyboard.press('Escape');
      await ui.waitForQuickInputClosed();

      const turn = await sendChat('Still working?');
      assert.equal(session.fake.responseRequests.at(-1)?.body.instructions, calm.instructions);
      assert.equal(await personaLabelOf(turn), calm.label);
    } finally {
      ui.updateWorkspaceSettings({ 'threadline.personas': undefined, 'threadline.activePersona': undefined });
    }
  });
});
