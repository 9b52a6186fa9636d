import * as assert from 'node:assert/strict';
import type { Turn } from '../../src/core/conversation/turn';
import type { TurnPart } from '../../src/core/turn/turnParts';
import type { ChatPage } from './chatPage';
import { panelState, turn, usage } from './chatFixtures';
import { useChatPages } from './useChatPages';
import { auditRenderedOutput } from './xssCorpus';

/** Web search in the real webview bundle: the globe, numbered references on cited words, and the Sources list. */
describe('chat webview: web search and citations (Chromium)', function () {
  const pages = useChatPages();
  let chat: ChatPage;
  beforeEach(() => {
    chat = pages.chat();
  });

  const text = 'Art Week opens today ([wallpaper.com](https://www.wallpaper.com/art)). Museum Island turns 200 ([visitberlin.de](https://www.visitberlin.de/en)).';
  const span = (cited: string) => ({ start: text.indexOf(cited), end: text.indexOf(cited) + cited.length });
  const art = span('([wallpaper.com](https://www.wallpaper.com/art))');
  const island = span('([visitberlin.de](https://www.visitberlin.de/en))');
  const parts: TurnPart[] = [
    {
      kind: 'tool', itemType: 'web_search_call', status: 'completed', action: 'search', subject: 'Berlin news today',
      sources: [{ url: 'https://www.wallpaper.com/art' }, { url: 'https://www.visitberlin.de/en' }, { url: 'https://apnews.com/article/1' }, { url: 'javascript:alert(3)' }],
    },
    {
      kind: 'text', text, annotations: [
        { type: 'url_citation', start_index: art.start, end_index: art.end, url: 'https://www.wallpaper.com/art', title: 'Berlin Art Week <b>2025</b>' },
        { type: 'url_citation', start_index: island.start, end_index: island.end, url: 'https://www.visitberlin.de/en', title: 'Berlin 2025 – the main events' },
        { type: 'url_citation', start_index: 0, end_index: 8, url: 'javascript:alert(1)', title: 'evil' },
      ],
    },
  ];
  const cited: Turn = turn({ userText: 'Berlin today?', assistantText: text, parts });

  async function show(turns: Turn[], state = panelState()): Promise<void> {
    await chat.postAll([{ type: 'init', turns, state, totals: usage(0, 0) }]);
    await chat.settle();
  }

  const read = () => chat.page.evaluate(() => {
    const answer = document.querySelector('.turn:last-child .answer-text');
    const sources = document.querySelector('.turn:last-child .answer-sources') as HTMLElement | null;
    return {
      answer: answer?.textContent ?? '',
      refs: Array.from(answer?.querySelectorAll('a.citation-ref') ?? []).map((a) => [a.textContent, a.getAttribute('data-href'), a.getAttribute('title')]),
      links: Array.from(document.querySelectorAll('.turn [data-href]')).map((a) => a.getAttribute('data-href')),
      hidden: sources?.hidden,
      cited: Array.from(sources?.querySelectorAll('.sources-cited li') ?? []).map((li) => [li.querySelector('.source-title')?.textContent, li.querySelector('.source-domain')?.textContent]),
      searched: Array.from(sources?.querySelectorAll('.sources-searched li .source-domain') ?? []).map((d) => d.textContent),
      searchedSummary: sources?.querySelector('.sources-searched summary')?.textContent,
      tool: document.querySelector('.turn:last-child .tool-activity')?.textContent,
    };
  });

  it('puts a numbered reference where each inline citation stood, and lists the sources with title and domain', async () => {
    await show([cited]);
    const seen = await read();
    assert.equal(seen.answer.trim(), 'Art Week opens today [1]. Museum Island turns 200 [2].');
    assert.deepEqual(seen.refs.map((r) => [r[0], r[1]]), [['[1]', 'https://www.wallpaper.com/art'], ['[2]', 'https://www.visitberlin.de/en']]);
    assert.equal(seen.hidden, false);
    assert.deepEqual(seen.cited, [['Berlin Art Week <b>2025</b>', 'wallpaper.com'], ['Berlin 2025 – the main events', 'visitberlin.de']], 'titles are text, never markup');
    assert.deepEqual(seen.searched, ['apnews.com'], 'the other pages the search returned, minus the cited ones');
    assert.equal(seen.searchedSummary, '1 more page found by the web search');
    assert.equal(seen.tool, 'Searched the web: Berlin news today');
    await chat.screenshot('web-search-citations');
  });

  it('never makes a link of a javascript: citation or source, and nothing unsafe reaches the DOM', async () => {
    await show([cited]);
    const seen = await read();
    assert.ok(seen.links.every((href) => /^https:\/\//.test(href ?? '')), `links: ${seen.links.join(', ')}`);
    assert.ok(!seen.answer.includes('evil'));
    assert.deepEqual(await chat.page.evaluate(auditRenderedOutput), []);
    assert.equal(await chat.page.locator('.turn [href], .turn [data-href^="javascript"]').count(), 0);
  });

  it('a reference click asks the host to open the page, which confirms first', async () => {
    await show([cited]);
    await chat.clearPosted();
    await chat.page.locator('a.citation-ref', { hasText: '[2]' }).click();
    assert.deepEqual(await chat.waitForPosted('openLink'), { type: 'openLink', href: 'https://www.visitberlin.de/en' });
  });

  it('the globe shows whether the panel searches the web, and a click asks the host to change it', async () => {
    await show([], panelState());
    const globe = chat.page.locator('#web-search-toggle');
    assert.equal(await globe.getAttribute('aria-pressed'), 'false');
    assert.equal(await globe.locator('.codicon-globe').count(), 1);
    await chat.clearPosted();
    await globe.click();
    assert.deepEqual(await chat.waitForPosted('setWebSearch'), { type: 'setWebSearch', enabled: true });
    assert.equal(await globe.getAttribute('aria-pressed'), 'true', 'shown at once');
    await chat.post({ type: 'state', state: panelState({ webSearch: false }) });
    await chat.settle();
    assert.equal(await globe.getAttribute('aria-pressed'), 'false', 'the host has the last word (/web off, a persona switch)');
    await chat.post({ type: 'state', state: panelState({ webSearch: true }) });
    await chat.settle();
    assert.equal(await globe.getAttribute('aria-pressed'), 'true');
    await chat.screenshot('web-search-globe-on');
  });

  it('a refused web search offers Turn off web search, which turns the globe off and retries without it', async () => {
    const failed = turn({
      status: 'failed', assistantText: '',
      error: { kind: 'web_search_unsupported', title: 'Web search is not available for gpt-4.1-nano', detail: "Hosted tool 'web_search' is not supported with gpt-4.1-nano.", actions: ['turnOffWebSearch'] },
    });
    await show([failed], panelState({ webSearch: true }));
    await chat.clearPosted();
    await chat.page.locator('button.turn-off-web-search').click();
    assert.deepEqual(await chat.waitForPosted('retryWithoutWebSearch'), { type: 'retryWithoutWebSearch', turnId: failed.id });
    assert.deepEqual((await chat.posted()).find((m) => m.type === 'setWebSearch'), { type: 'setWebSearch', enabled: false });
    assert.equal(await chat.page.locator('#web-search-toggle').getAttribute('aria-pressed'), 'false');
  });
});
