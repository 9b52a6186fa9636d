import * as assert from 'node:assert/strict';
import type { WebviewToHost } from '../../src/core/protocol';
import { ChatPage } from './chatPage';
import { panelState, streamingTurn, usage } from './chatFixtures';
import { useChatPages } from './useChatPages';

/** What the prompt's list looks like to a screen reader: options, the selected one, and the active descendant. */
async function listbox(chat: ChatPage): Promise<{ open: boolean; options: string[]; selected: string[]; activeDescendant: string | null; activeText: string }> {
  return chat.page.evaluate(() => {
    const list = document.getElementById('composer-completions') as HTMLElement;
    const prompt = document.getElementById('prompt') as HTMLTextAreaElement;
    const options = Array.from(list.querySelectorAll<HTMLElement>('[role="option"]'));
    const activeId = prompt.getAttribute('aria-activedescendant');
    return {
      open: !list.hidden && list.getAttribute('role') === 'listbox' && prompt.getAttribute('aria-controls') === list.id,
      options: options.map((o) => o.querySelector('.completion-label')?.textContent ?? ''),
      selected: options.filter((o) => o.getAttribute('aria-selected') === 'true').map((o) => o.querySelector('.completion-label')?.textContent ?? ''),
      activeDescendant: activeId,
      activeText: (activeId ? document.getElementById(activeId)?.querySelector('.completion-label')?.textContent : '') ?? '',
    };
  });
}

const sentOf = (posted: WebviewToHost[]) => posted.filter((m) => m.type !== 'draftChanged' && m.type !== 'ready');

describe('chat webview: composer completion and commands (Chromium)', function () {
  const pages = useChatPages();
  let chat: ChatPage;
  beforeEach(async () => {
    chat = pages.chat();
    await chat.post({ type: 'init', turns: [], state: panelState(), totals: usage(0, 0) });
    await chat.settle();
    await chat.page.click('#prompt');
  });

  it('/ opens a listbox; arrows move the active option (wrapping), Tab accepts, Escape closes', async () => {
    await chat.page.keyboard.type('/');
    let list = await listbox(chat);
    assert.ok(list.open, 'the list opened');
    assert.equal(list.options.length, 10);
    assert.deepEqual(list.selected, ['/explain']);
    assert.equal(list.activeText, '/explain', 'aria-activedescendant names the selected option');
    assert.equal(await chat.page.evaluate(() => document.activeElement?.id), 'prompt', 'focus stays in the prompt');
    await chat.screenshot('composer-slash-list');

    await chat.page.keyboard.press('ArrowDown');
    await chat.page.keyboard.press('ArrowDown');
    assert.equal((await listbox(chat)).activeText, '/json');
    await chat.page.keyboard.press('ArrowUp');
    await chat.page.keyboard.press('ArrowUp');
    await chat.page.keyboard.press('ArrowUp');
    assert.equal((await listbox(chat)).activeText, '/help', 'up from the first wraps to the last');

    await chat.page.keyboard.type('p');
    assert.deepEqual((await listbox(chat)).options, ['/persona NAME'], 'typing narrows the list');
    await chat.page.keyboard.press('Tab');
    assert.equal(await chat.page.inputValue('#prompt'), '/persona ');
    list = await listbox(chat);
    assert.deepEqual(list.options, ['assistant', 'reviewer'], 'accepting /persona lists the personas');
    await chat.page.keyboard.press('Escape');
    assert.equal((await listbox(chat)).open, false, 'Escape closed it');
    assert.equal(await chat.page.inputValue('#prompt'), '/persona ', 'Escape left the draft alone');
    assert.equal((await listbox(chat)).activeDescendant, null);
    assert.deepEqual(sentOf(await chat.posted()), [], 'nothing was sent while completing');
  });

  it('Enter accepts the active option, and Enter on a finished command runs it', async () => {
    await chat.page.keyboard.type('/ne');
    await chat.page.keyboard.press('Enter');
    assert.equal(await chat.page.inputValue('#prompt'), '/new', 'Enter completed the command');
    assert.deepEqual(sentOf(await chat.posted()), []);
    await chat.page.keyboard.press('Enter');
    assert.deepEqual(sentOf(await chat.posted()), [{ type: 'newConversation' }]);
    assert.equal(await chat.page.inputValue('#prompt'), '', 'the command was used up');

    // A command typed in full runs on Enter even while the list offers it: /model alone is not completed to "/model ".
    await chat.page.keyboard.type('/model');
    assert.deepEqual((await listbox(chat)).options, ['/model NAME']);
    await chat.page.keyboard.press('Enter');
    assert.deepEqual(sentOf(await chat.posted()).at(-1), { type: 'setModel' });
    assert.match(await chat.page.innerText('#composer-note'), /each persona’s own model again/);
  });

  it('a click on an option accepts it and keeps the focus in the prompt', async () => {
    await chat.page.keyboard.type('/web ');
    assert.deepEqual((await listbox(chat)).options, ['on', 'off']);
    await chat.page.click('#composer-completions [role="option"]:nth-child(2)');
    assert.equal(await chat.page.inputValue('#prompt'), '/web off');
    assert.equal(await chat.page.evaluate(() => document.activeElement?.id), 'prompt');
    await chat.page.keyboard.press('Enter');
    assert.deepEqual(sentOf(await chat.posted()), [{ type: 'setWebSearch', enabled: false }]);
    assert.match(await chat.page.innerText('#composer-note'), /Web search is off/);
  });

  it('@ lists personas; the mention sends to that persona without the mention in the text', async () => {
    await chat.page.keyboard.type('@rev');
    assert.deepEqual((await listbox(chat)).options, ['@reviewer']);
    await chat.page.keyboard.press('Tab');
    await chat.page.keyboard.type('check this');
    await chat.screenshot('composer-mention');
    await chat.page.keyboard.press('Enter');
    const [sent] = sentOf(await chat.posted());
    assert.ok(sent?.type === 'send');
    assert.equal(sent.text, 'check this');
    assert.equal(sent.personaId, 'reviewer');
  });

  it('an unknown command shows a hint under the prompt, keeps the draft and sends nothing', async () => {
    await chat.page.keyboard.type('/frobnicate');
    assert.equal((await listbox(chat)).open, false, 'nothing to complete');
    await chat.page.keyboard.press('Enter');
    assert.deepEqual(sentOf(await chat.posted()), []);
    assert.equal(await chat.page.inputValue('#prompt'), '/frobnicate');
    assert.match(await chat.page.innerText('#composer-note'), /Unknown command \/frobnicate/);
    await chat.screenshot('composer-unknown-command');
    await chat.page.keyboard.press('Backspace');
    assert.equal(await chat.page.locator('#composer-note').isHidden(), true, 'typing moves on from the hint');
  });

  it('/help lists the commands inline; /persona and /model post and say what they did', async () => {
    await chat.page.fill('#prompt', '/help');
    await chat.page.press('#prompt', 'Enter');
    const help = await chat.page.innerText('#composer-note');
    for (const usage of ['/explain', '/persona NAME', '/web on|off', '/export']) assert.ok(help.includes(usage), usage);
    await chat.screenshot('composer-help');
    await chat.page.fill('#prompt', '/persona Code Reviewer');
    await chat.page.press('#prompt', 'Enter');
    assert.match(await chat.page.innerText('#composer-note'), /Code Reviewer answers from the next message/);
    await chat.page.fill('#prompt', '/model gpt-5-mini');
    await chat.page.press('#prompt', 'Enter');
    await chat.page.fill('#prompt', '/explain');
    await chat.page.press('#prompt', 'Enter');
    assert.deepEqual(sentOf(await chat.posted()), [
      { type: 'pickPersona', personaId: 'reviewer' },
      { type: 'setModel', model: 'gpt-5-mini' },
      { type: 'runEditorCommand', command: 'explain' },
    ]);
  });

  it('while an answer streams, the composer says Enter stops it and sends, and Enter does send', async () => {
    const live = streamingTurn();
    await chat.post({ type: 'turnStarted', turn: live });
    await chat.post({ type: 'state', state: panelState({ busy: true }) });
    await chat.settle();
    assert.equal(await chat.page.innerText('#streaming-hint'), 'Enter stops the answer and sends');
    assert.ok(await chat.page.locator('#streaming-hint').isVisible());
    await chat.page.fill('#prompt', 'a better question');
    await chat.screenshot('composer-streaming-hint');
    await chat.page.press('#prompt', 'Enter');
    const sent = sentOf(await chat.posted());
    assert.equal(sent.length, 1);
    assert.ok(sent[0].type === 'send' && sent[0].text === 'a better question');
    await chat.page.press('#prompt', 'Enter');
    assert.match(await chat.page.innerText('#composer-note'), /Type a message first/, 'an empty Enter says why nothing happened');
  });

  it('high contrast: the selected option is marked by a border, not by colour alone', async () => {
    const contrast = await ChatPage.open(pages.browser(), pages.harness(), { theme: 'high-contrast' });
    try {
      await contrast.post({ type: 'init', turns: [], state: panelState(), totals: usage(0, 0) });
      await contrast.settle();
      await contrast.page.click('#prompt');
      await contrast.page.keyboard.type('/');
      const style = await contrast.page.evaluate(() => {
        const option = document.querySelector<HTMLElement>('#composer-completions [aria-selected="true"]') as HTMLElement;
        const list = document.getElementById('composer-completions') as HTMLElement;
        return { option: getComputedStyle(option).borderTopColor, list: getComputedStyle(list).borderTopColor, optionStyle: getComputedStyle(option).borderTopStyle };
      });
      assert.notEqual(style.option, 'rgba(0, 0, 0, 0)', 'the selected option has a visible border');
      assert.notEqual(style.list, 'rgba(0, 0, 0, 0)', 'the list has a visible border');
      assert.equal(style.optionStyle, 'dashed');
      await contrast.screenshot('composer-high-contrast');
    } finally {
      await contrast.close();
    }
  });
});
