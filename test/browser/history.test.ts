import * as assert from 'node:assert/strict';
import { historyEntry, NOW, seoul } from './historyFixtures';
import { HistoryPage } from './historyPage';
import { useChatPages } from './useChatPages';

describe('chat webview: history view (Chromium)', function () {
  const pages = useChatPages({ perTest: false });
  let view: HistoryPage;
  beforeEach(async () => {
    view = await HistoryPage.open(pages);
  });
  afterEach(async () => {
    await view.close();
  });

  it('toggles from the toolbar with aria-pressed, closes on Escape, and leaves the composer usable', async () => {
    const toggle = view.page.locator('#toggle-history');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.equal(await view.page.isVisible('#history-panel'), false);
    await view.toggle();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.equal(await view.page.isVisible('#history-panel'), true);
    assert.equal(await view.focused(), '#history-search');
    assert.deepEqual(await view.actions(), [{ type: 'showHistory' }]);
    assert.equal(await view.page.textContent('.history-body .history-empty:not([hidden])'), 'Loading conversations…');
    assert.equal(await view.page.evaluate(() => (document.getElementById('transcript') as HTMLElement).inert), true, 'the hidden transcript is out of the tab order');

    // The composer is not covered: a message can be sent while the history is open.
    await view.page.click('#prompt');
    await view.page.keyboard.type('still chatting');
    await view.page.keyboard.press('Enter');
    assert.equal((await view.lastAction())?.type, 'send');
    assert.equal(await view.page.isVisible('#history-panel'), true);

    await view.page.focus('#history-search');
    await view.page.keyboard.press('Escape');
    assert.equal(await view.page.isVisible('#history-panel'), false);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.equal(await view.focused(), '#toggle-history');
    assert.equal(await view.page.evaluate(() => (document.getElementById('transcript') as HTMLElement).inert), false);
    await view.toggle();
    await view.toggle();
    assert.equal(await view.page.isVisible('#history-panel'), false, 'the button closes it too');
  });

  it('groups entries by the local calendar, pinned first, with title, time, size, cost, personas and markers', async () => {
    await view.openWith([
      historyEntry({ title: 'Old but pinned', lastActivity: seoul(8, 1), pinned: true }),
      historyEntry({ title: 'This morning', lastActivity: seoul(10, 15, 0, 5), active: true, turnCount: 12, totalTokens: 12_345, costUsd: 0.04, personas: ['Coding Assistant', 'Code Reviewer'] }),
      historyEntry({ title: 'Late last night', lastActivity: seoul(10, 14, 23, 59) }),
      historyEntry({ title: 'Monday', lastActivity: seoul(10, 13, 9) }),
      historyEntry({ title: 'Sunday', lastActivity: seoul(10, 12, 9) }),
      historyEntry({ title: 'Early October', lastActivity: seoul(10, 2, 9), costUsd: undefined }),
      historyEntry({ title: 'September', lastActivity: seoul(9, 30, 9) }),
    ]);
    assert.deepEqual(await view.groups(), [
      ['Pinned', ['Old but pinned']],
      ['Today', ['This morning']],
      ['Yesterday', ['Late last night']],
      ['Earlier this week', ['Monday']],
      ['Last week', ['Sunday']],
      ['Earlier this month', ['Early October']],
      ['Older', ['September']],
    ]);
    const today = await view.row('This morning');
    assert.equal(await today.getAttribute('aria-current'), 'true');
    assert.equal(await today.locator('.entry-current').textContent(), 'Current');
    assert.equal(await today.locator('.entry-time').textContent(), '9 h ago');
    assert.equal(await today.locator('.entry-meta').textContent(), '12 turns · 12.3k tokens · $0.04');
    assert.equal(await today.locator('.entry-personas').textContent(), 'Coding Assistant, Code Reviewer');
    const pinned = await view.row('Old but pinned');
    assert.equal(await pinned.locator('.entry-pin .codicon-pinned').count(), 1);
    assert.equal(await pinned.locator('.entry-time').textContent(), 'Aug 1');
    assert.equal(await pinned.locator('.action-pin').getAttribute('aria-label'), 'Unpin');
    assert.equal(await (await view.row('Early October')).locator('.entry-meta').textContent(), '3 turns · 1.2k tokens', 'no cost when unpriced');
    await view.chat.screenshot('history-groups');
  });

  it('shows the workspace of each entry in the all-workspaces scope, and switches scope with the toggle', async () => {
    await view.openWith([historyEntry({ title: 'Here', lastActivity: NOW - 60_000 })]);
    assert.equal(await view.page.getAttribute('.scope-workspace', 'aria-pressed'), 'true');
    await view.page.click('.scope-all');
    assert.deepEqual(await view.lastAction(), { type: 'setHistoryScope', scope: 'all' });
    await view.list([historyEntry({ title: 'Elsewhere', workspaceLabel: 'other-repo', workspaceKey: 'ws-other', lastActivity: NOW - 60_000 })], [], 'all');
    assert.equal(await view.page.getAttribute('.scope-all', 'aria-pressed'), 'true');
    assert.equal(await view.page.getAttribute('.scope-workspace', 'aria-pressed'), 'false');
    assert.equal(await (await view.row('Elsewhere')).locator('.entry-meta').textContent(), '3 turns · 1.2k tokens · $0.01 · other-repo');
    await view.page.click('.scope-workspace');
    assert.deepEqual(await view.lastAction(), { type: 'setHistoryScope', scope: 'workspace' });
  });

  it('posts the right message for every action on an entry', async () => {
    const entry = historyEntry({ id: 'conv-7', title: 'Act on me', workspaceKey: 'ws-7', lastActivity: NOW - 3_600_000 });
    await view.openWith([entry, historyEntry({ id: 'pinned-1', title: 'Pinned one', pinned: true })]);
    const row = await view.row('Act on me');
    const target = { id: 'conv-7', workspaceKey: 'ws-7' };
    const expected = [
      ['.action-pin', { type: 'pinConversation', ...target, pinned: true }],
      ['.action-duplicate', { type: 'duplicateConversation', ...target }],
      ['.action-export-markdown', { type: 'exportConversation', ...target, format: 'markdown' }],
      ['.action-export-json', { type: 'exportConversation', ...target, format: 'json' }],
      ['.action-delete', { type: 'deleteConversation', ...target }],
    ] as const;
    for (const [selector, message] of expected) {
      await row.locator(selector).click();
      assert.deepEqual(await view.lastAction(), message, selector);
    }
    await (await view.row('Pinned one')).locator('.action-pin').click();
    assert.deepEqual(await view.lastAction(), { type: 'pinConversation', id: 'pinned-1', workspaceKey: 'ws-main', pinned: false });
    assert.equal(await view.page.isVisible('#history-panel'), true, 'actions other than open keep the view open');

    await row.locator('.entry-title').click();
    assert.deepEqual(await view.lastAction(), { type: 'openConversation', ...target });
    assert.equal(await view.page.isVisible('#history-panel'), false, 'opening closes the view');
    assert.equal(await view.focused(), '#prompt', 'and the composer is ready for the next message');
    await view.chat.page.click('#export-conversation');
    assert.deepEqual(await view.lastAction(), { type: 'exportConversation', format: 'markdown' }, 'the toolbar still exports the open conversation');
  });

  it('renames inline: Enter keeps the new title, Escape restores the old one, and a list arriving meanwhile waits', async () => {
    const entry = historyEntry({ id: 'r1', title: 'Untitled thoughts', lastActivity: NOW - 60_000 });
    await view.openWith([entry]);
    await (await view.row('Untitled thoughts')).locator('.action-rename').click();
    const input = view.page.locator('.entry-rename');
    assert.equal(await input.inputValue(), 'Untitled thoughts');
    assert.equal(await view.page.evaluate(() => document.activeElement?.className), 'entry-rename');
    await view.page.keyboard.type('  Parser   redesign ');
    await view.list([{ ...entry, lastActivity: NOW - 30_000 }]);
    assert.equal(await input.count(), 1, 'the list from the host did not throw the edit away');
    await view.chat.screenshot('history-rename');
    await view.page.keyboard.press('Enter');
    assert.deepEqual(await view.lastAction(), { type: 'renameConversation', id: 'r1', workspaceKey: 'ws-main', title: 'Parser redesign' });
    assert.equal(await view.page.locator('.entry-title').textContent(), 'Parser redesign');
    assert.equal(await view.focused(), 'row:Parser redesign');

    const before = (await view.actions()).length;
    await view.page.keyboard.press('F2');
    await view.page.keyboard.type('Something else');
    await view.page.keyboard.press('Escape');
    assert.equal(await view.page.locator('.entry-title').textContent(), 'Parser redesign');
    assert.equal(await view.page.isVisible('#history-panel'), true, 'Escape in the rename box does not close the view');
    await view.page.keyboard.press('F2');
    await view.page.keyboard.press('Control+A');
    await view.page.keyboard.press('Backspace');
    await view.page.keyboard.press('Enter');
    assert.equal(await view.page.locator('.entry-title').textContent(), 'Parser redesign', 'an empty title is no rename');
    assert.equal((await view.actions()).length, before, 'nothing was sent');
  });

  it('shows the trash with when each goes for good, and restores from it', async () => {
    const gone = historyEntry({ id: 'gone-1', title: 'Deleted yesterday', trashedAt: seoul(10, 14, 9) });
    await view.openWith([historyEntry({ title: 'Alive', lastActivity: NOW - 60_000 })], [gone]);
    const trash = view.page.locator('.history-trash');
    assert.equal(await trash.locator('summary').textContent(), 'Trash (1)');
    assert.equal(await view.page.isVisible('.trash-entry'), false, 'closed at first');
    await trash.locator('summary').click();
    assert.equal(await view.page.locator('.trash-entry .entry-meta').textContent(), 'Deleted yesterday · removed in 29 days');
    await view.chat.screenshot('history-trash');
    await view.page.locator('.trash-entry .action-restore').click();
    assert.deepEqual(await view.lastAction(), { type: 'restoreConversation', id: 'gone-1', workspaceKey: 'ws-main' });
    await view.page.locator('.trash-entry .entry-title').click();
    assert.deepEqual(await view.lastAction(), { type: 'restoreConversation', id: 'gone-1', workspaceKey: 'ws-main' }, 'a trashed row does not open');
    await view.list([historyEntry({ title: 'Alive', lastActivity: NOW - 60_000 }), { ...gone, trashedAt: undefined, lastActivity: NOW - 1000 }], []);
    assert.equal(await trash.count(), 0, 'an empty trash is not shown');
  });

  it('is navigable by keyboard: arrows, Home and End between rows, Enter opens, F2 renames, Delete deletes', async () => {
    await view.openWith([
      historyEntry({ id: 'a', title: 'First', lastActivity: NOW - 1000 }),
      historyEntry({ id: 'b', title: 'Second', lastActivity: NOW - 2000 }),
      historyEntry({ id: 'c', title: 'Third', lastActivity: seoul(10, 14) }),
    ], [historyEntry({ id: 'd', title: 'Binned', trashedAt: NOW - 1000 })]);
    await view.page.focus('#history-search');
    const press = async (key: string) => {
      await view.page.keyboard.press(key);
      return view.focused();
    };
    assert.equal(await press('ArrowDown'), 'row:First');
    assert.equal(await press('ArrowDown'), 'row:Second');
    assert.equal(await press('ArrowDown'), 'row:Third', 'across groups');
    assert.equal(await press('ArrowDown'), 'row:Third', 'the closed trash is skipped');
    assert.equal(await press('Home'), 'row:First');
    assert.equal(await press('End'), 'row:Third');
    assert.equal(await press('ArrowUp'), 'row:Second');
    assert.equal(await press('Tab'), 'Pin:Second', 'Tab reaches the current row’s buttons');
    assert.equal(await press('Shift+Tab'), 'row:Second');
    await press('Delete');
    assert.deepEqual(await view.lastAction(), { type: 'deleteConversation', id: 'b', workspaceKey: 'ws-main' });
    await press('F2');
    assert.equal(await view.page.locator('.entry-rename').count(), 1);
    await press('Escape');
    assert.equal(await press('ArrowUp'), 'row:First');
    assert.equal(await press('ArrowUp'), '#history-search', 'up from the first row goes back to the search box');
    const tabbable = await view.page.evaluate(() => Array.from(document.querySelectorAll('.history-row')).filter((r) => (r as HTMLElement).tabIndex === 0).length);
    assert.equal(tabbable, 1, 'one tab stop for the whole list');
    await press('ArrowDown');
    await press('ArrowDown');
    await press('Enter');
    assert.deepEqual(await view.lastAction(), { type: 'openConversation', id: 'b', workspaceKey: 'ws-main' });
    assert.equal(await view.page.isVisible('#history-panel'), false);
  });

  it('survives the view being hidden and shown: open, query and scope come back and are asked for again', async () => {
    await view.openWith([historyEntry({ title: 'Kept', lastActivity: NOW - 1000 })]);
    await view.page.click('.scope-all');
    await view.page.fill('#history-search', 'parser');
    await view.chat.waitForPosted('searchConversations');
    await view.page.reload();
    await view.chat.waitForPosted('ready');
    await view.chat.waitForPosted('searchConversations');
    const posted = (await view.chat.posted()).map((m) => m.type);
    assert.deepEqual(posted, ['ready', 'showHistory', 'searchConversations'], 'nothing before the handshake');
    assert.equal(await view.page.isVisible('#history-panel'), true);
    assert.equal(await view.page.inputValue('#history-search'), 'parser');
    assert.equal(await view.page.getAttribute('#toggle-history', 'aria-pressed'), 'true');
    const search = (await view.chat.posted())[2];
    assert.ok(search.type === 'searchConversations' && search.query === 'parser' && search.scope === 'all');
  });
});
