import * as assert from 'node:assert/strict';
import type { WebviewToHost } from '../../src/core/protocol';
import { ChatPage } from './chatPage';
import { panelState, streamingTurn, totalsOf, turn } from './chatFixtures';
import { historyEntry, NOW, searchHit } from './historyFixtures';
import { HistoryPage } from './historyPage';
import { useChatPages } from './useChatPages';
import { loadsSettled, xssCorpus } from './xssCorpus';

type Search = Extract<WebviewToHost, { type: 'searchConversations' }>;

describe('chat webview: history search, fork and reveal (Chromium)', function () {
  const pages = useChatPages({ perTest: false });
  let view: HistoryPage;
  beforeEach(async () => {
    view = await HistoryPage.open(pages);
  });
  afterEach(async () => {
    await view.close();
  });

  async function searches(): Promise<Search[]> {
    return (await view.actions()).filter((m): m is Search => m.type === 'searchConversations');
  }

  it('searches after a pause in typing, shows only the newest answer, and marks the match', async () => {
    await view.openWith([historyEntry({ title: 'Listed', lastActivity: NOW - 1000 })]);
    await view.page.keyboard.type('pars');
    await view.page.keyboard.type('er');
    await view.chat.waitForPosted('searchConversations');
    await view.chat.settle();
    const sent = await searches();
    assert.equal(sent.length, 1, 'one request for the whole word, not one per key');
    assert.deepEqual({ ...sent[0], requestId: '' }, { type: 'searchConversations', requestId: '', query: 'parser', scope: 'workspace' });
    assert.equal(await view.page.isVisible('#history-list'), false, 'the list gives way to the results');
    assert.match((await view.page.textContent('.results-status')) ?? '', /^Searching for “parser”/);

    await view.chat.post({ type: 'searchResults', requestId: 'stale', query: 'par', hits: [searchHit({ conversationTitle: 'Stale' })] });
    const hits = [
      searchHit({ conversationId: 'c1', turnId: 't4', conversationTitle: 'Fix the parser' }),
      searchHit({ conversationId: 'c2', turnId: 't9', conversationTitle: '대화 기록', field: 'user', snippet: { before: '이전 ', match: '대화', after: '를 이어서' } }),
      searchHit({ conversationId: 'c3', turnId: 't2', conversationTitle: 'Paths', field: 'path', snippet: { before: '/work/src/', match: 'Parser.ts', after: '' } }),
    ];
    await view.chat.post({ type: 'searchResults', requestId: sent[0].requestId, query: 'parser', hits, truncated: true });
    await view.chat.settle();
    const rows = await view.page.evaluate(() => Array.from(document.querySelectorAll('.search-result')).map((row) => ({
      title: row.querySelector('.entry-title')?.textContent,
      snippet: row.querySelector('.result-snippet')?.textContent,
      mark: row.querySelector('.result-snippet mark')?.textContent,
      icon: row.querySelector('.result-field .codicon')?.className,
    })));
    assert.deepEqual(rows, [
      { title: 'Fix the parser', snippet: '…so the parser reads the config once…', mark: 'parser', icon: 'codicon codicon-sparkle' },
      { title: '대화 기록', snippet: '이전 대화를 이어서', mark: '대화', icon: 'codicon codicon-account' },
      { title: 'Paths', snippet: '/work/src/Parser.ts', mark: 'Parser.ts', icon: 'codicon codicon-file-code' },
    ]);
    assert.equal(await view.page.textContent('.results-status'), '3+ matches for “parser” (showing the newest)');
    await view.chat.screenshot('history-search');

    await view.page.keyboard.press('ArrowDown');
    await view.page.keyboard.press('ArrowDown');
    await view.page.keyboard.press('Enter');
    assert.deepEqual(await view.lastAction(), { type: 'openConversation', id: 'c2', workspaceKey: 'ws-main', turnId: 't9' });
    assert.equal(await view.page.isVisible('#history-panel'), false);
  });

  it('re-runs the search in the other scope, names workspaces there, and clears back to the list', async () => {
    await view.openWith([historyEntry({ title: 'Listed', lastActivity: NOW - 1000 })]);
    await view.page.fill('#history-search', 'config');
    await view.page.keyboard.press('Enter');
    await view.page.click('.scope-all');
    const sent = await searches();
    assert.deepEqual(sent.map((s) => [s.query, s.scope]), [['config', 'workspace'], ['config', 'all']]);
    assert.ok((await view.actions()).some((m) => m.type === 'setHistoryScope' && m.scope === 'all'));
    await view.chat.post({ type: 'searchResults', requestId: sent[1].requestId, query: 'config', hits: [searchHit({ workspaceLabel: 'other-repo' })] });
    await view.chat.settle();
    assert.equal(await view.page.textContent('.search-result .entry-title'), 'Fix the parser · other-repo');
    assert.equal(await view.page.textContent('.results-status'), '1 match for “config” in all workspaces');
    await view.page.locator('.search-result').click();
    assert.deepEqual(await view.lastAction(), { type: 'openConversation', id: 'c1', workspaceKey: 'ws-main', turnId: 't1' });

    await view.toggle();
    assert.equal((await searches()).at(-1)?.query, 'config', 'reopening repeats the search, whose hits may have changed');
    const sentBefore = (await searches()).length;
    await view.page.fill('#history-search', '');
    await view.page.keyboard.press('Enter');
    assert.equal(await view.page.isVisible('#history-list'), true);
    assert.equal(await view.page.isVisible('#history-results'), false);
    assert.equal((await searches()).length, sentBefore, 'an empty query is not sent');
  });

  it('shows titles, personas, labels and snippets from the host as text, never markup', async () => {
    const payloads = xssCorpus.map((p) => p.markdown);
    await view.openWith(
      payloads.map((payload, i) => historyEntry({ title: payload, personas: [payload], workspaceLabel: payload, lastActivity: NOW - i * 60_000, pinned: i % 7 === 0 })),
      [historyEntry({ title: payloads[0], trashedAt: NOW - 1000, workspaceLabel: payloads[1] })],
      'all',
    );
    await view.page.locator('.history-trash summary').click();
    await view.page.fill('#history-search', 'x');
    await view.page.keyboard.press('Enter');
    const [search] = await searches();
    await view.chat.post({
      type: 'searchResults', requestId: search.requestId, query: 'x',
      hits: payloads.map((payload, i) => searchHit({ turnId: `t${i}`, conversationTitle: payload, workspaceLabel: payload, snippet: { before: payload, match: payload, after: payload } })),
    });
    await view.chat.settle();
    await view.page.evaluate(loadsSettled);
    const audit = await view.page.evaluate(() => {
      const allowed = new Set(['LI', 'DIV', 'SPAN', 'I', 'BUTTON', 'MARK', 'UL', 'H3', 'SECTION', 'DETAILS', 'SUMMARY', 'P']);
      const found = Array.from(document.querySelectorAll('#history-panel .history-body *')).map((el) => el.tagName).filter((tag) => !allowed.has(tag));
      return { found, xss: (window as unknown as { __xss?: unknown }).__xss, marks: document.querySelectorAll('.result-snippet mark').length };
    });
    assert.deepEqual(audit.found, [], 'only the view’s own elements');
    assert.equal(audit.xss, undefined);
    assert.equal(audit.marks, payloads.length);
    assert.deepEqual(view.chat.foreignRequests, []);
    const titles = await view.page.evaluate(() => Array.from(document.querySelectorAll('#history-list .history-entry .entry-title'), (t) => t.textContent));
    assert.deepEqual([...titles].sort(), [...payloads].sort(), 'every title shows exactly as sent');
    const snippet = await view.page.locator('.search-result .result-snippet').first().textContent();
    assert.equal(snippet, payloads[0].repeat(3), 'snippets are text');
    assert.deepEqual((await view.actions()).filter((m) => !['showHistory', 'searchConversations'].includes(m.type)), [], 'nothing was posted by a payload');
  });

  it('offers "Fork from here" on earlier turns only, and posts forkFromTurn', async () => {
    const turns = [turn(), turn(), turn()];
    await view.chat.post({ type: 'init', turns, state: panelState(), totals: totalsOf(turns) });
    await view.chat.settle();
    const visible = await Promise.all(turns.map((t) => view.page.locator(`.turn[data-turn-id="${t.id}"] .fork-turn`).isVisible()));
    assert.deepEqual(visible, [true, true, false], 'the last turn has regenerate and edit instead');
    assert.equal(await view.page.locator('.fork-turn').first().getAttribute('aria-label'), 'Fork from here');
    await view.page.locator(`.turn[data-turn-id="${turns[1].id}"] .fork-turn`).click();
    assert.deepEqual(await view.lastAction(), { type: 'forkFromTurn', turnId: turns[1].id });

    const live = streamingTurn();
    await view.chat.post({ type: 'turnStarted', turn: live });
    await view.chat.settle();
    assert.equal(await view.page.locator(`.turn[data-turn-id="${turns[2].id}"] .fork-turn`).isVisible(), true, 'the former last turn can be forked now');
    assert.equal(await view.page.locator(`.turn[data-turn-id="${live.id}"] .fork-turn`).isVisible(), false, 'a streaming turn cannot');
  });

  it('reveals a turn opened from a search hit: scrolled into view, highlighted for a moment and focused', async () => {
    const chat = await ChatPage.open(pages.browser(), pages.harness());
    try {
      const turns = Array.from({ length: 300 }, (_, i) => turn({ userText: `Question ${i}` }));
      const target = turns[20];
      await chat.post({ type: 'init', turns, state: panelState(), totals: totalsOf(turns) });
      await chat.post({ type: 'revealTurn', turnId: target.id });
      // Turns around it are built as they come into view; it is held at the top while that settles.
      await chat.page.waitForFunction((id) => {
        const box = document.querySelector(`.turn[data-turn-id="${id}"]`)?.getBoundingClientRect();
        return box !== undefined && Math.abs(box.top - (document.getElementById('transcript') as HTMLElement).getBoundingClientRect().top) <= 2;
      }, target.id, { timeout: 2000 });
      await chat.settle();
      const state = await chat.page.evaluate((id) => {
        const element = document.querySelector(`.turn[data-turn-id="${id}"]`) as HTMLElement;
        const box = element.getBoundingClientRect();
        const scroller = (document.getElementById('transcript') as HTMLElement).getBoundingClientRect();
        return {
          atTop: Math.abs(box.top - scroller.top) <= 2,
          revealed: element.classList.contains('revealed'),
          focused: document.activeElement === element,
          built: !element.classList.contains('unmaterialized'),
          jumpShown: !(document.getElementById('jump-to-latest') as HTMLElement).hidden,
        };
      }, target.id);
      assert.deepEqual(state, { atTop: true, revealed: true, focused: true, built: true, jumpShown: true });
      await chat.screenshot('history-revealed-turn');
      await chat.page.waitForFunction((id) => !document.querySelector(`.turn[data-turn-id="${id}"]`)?.classList.contains('revealed'), target.id, { timeout: 5000 });
      const stillThere = await chat.page.evaluate((id) => {
        const box = document.querySelector(`.turn[data-turn-id="${id}"]`)?.getBoundingClientRect();
        return box !== undefined && box.bottom > 0 && box.top < window.innerHeight;
      }, target.id);
      assert.ok(stillThere, 'the transcript did not follow back to the bottom');

      await chat.post({ type: 'revealTurn', turnId: 'nobody' });
      await chat.settle();
      assert.ok(chat.consoleWarnings.some((w) => w.includes('cannot reveal unknown turn nobody')));
      assert.deepEqual(chat.pageErrors, []);
    } finally {
      await chat.close();
    }
  });
});
