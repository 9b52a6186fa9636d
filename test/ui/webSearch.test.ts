import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { send, showThreadlineView, turnIds, waitForNewLastTurn } from './support/chatPanel';
import { exportConversation } from './support/conversationExport';
import { WorkbenchSession } from './workbenchSession';

const RECORDED = 'gpt-5-nano-web-search-action-sources';
const PERSONAS = [{ id: 'nano', label: 'Nano', instructions: 'Answer with sources.', model: 'gpt-5-nano' }];

/**
 * Web search in the real workbench: the globe turns it on, a recorded real web search (vercel/ai, see
 * test/fixtures/recorded/SOURCES.md) streams from the fake server with its query live, the answer shows numbered
 * references and its Sources, all of it survives a window reload, and export writes the citations as footnotes.
 */
suite('Web search with citations in the real workbench', function () {
  this.timeout(240_000);
  let session: WorkbenchSession;
  let chat: Frame;
  let turnId = '';

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-web-search', {
      userSettings: { 'threadline.personas': PERSONAS, 'threadline.activePersona': 'nano', 'threadline.webSearch.contextSize': 'low' },
    });
    chat = await showThreadlineView(session);
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  const turn = () => chat.locator(`.turn[data-turn-id="${turnId}"]`);

  async function readTurn() {
    return turn().evaluate((element) => ({
      refs: Array.from(element.querySelectorAll('.answer-text a.citation-ref')).map((a) => `${a.textContent} ${a.getAttribute('data-href')}`),
      cited: Array.from(element.querySelectorAll('.answer-sources .sources-cited li')).map((li) => li.querySelector('.source-domain')?.textContent),
      searched: element.querySelectorAll('.answer-sources .sources-searched li').length,
      tools: Array.from(element.querySelectorAll('.tool-activity')).map((t) => t.textContent),
    }));
  }

  test('the globe turns web search on; the search streams with its query, then references and Sources', async () => {
    const globe = chat.locator('#web-search-toggle');
    assert.equal(await globe.getAttribute('aria-pressed'), 'false');
    await globe.click();
    // The host holds the panel's choice (as /web does): its next state confirms the click.
    await chat.waitForFunction(() => document.getElementById('web-search-toggle')?.getAttribute('aria-pressed') === 'true', undefined, { timeout: 30_000 });
    await session.screenshot('globe-on');

    const known = await turnIds(chat);
    // The recording is paced so the live activity can be seen as the real API sends it.
    await send(chat, `Berlin news today? [[replay:${RECORDED}]] [[slow:120]]`);
    const live = await chat.waitForFunction(
      (known) => {
        const element = document.querySelector<HTMLElement>('.turn.is-last');
        const label = Array.from(element?.querySelectorAll('.tool-activity') ?? []).map((t) => t.textContent ?? '');
        const id = element?.dataset.turnId ?? '';
        return !known.includes(id) && element?.dataset.status === 'streaming' && label.includes('Searched the web: Berlin news today') ? id : false;
      },
      known,
      { timeout: 60_000 },
    );
    turnId = (await live.jsonValue()) as string;
    await session.screenshot('searching-live');

    const done = await waitForNewLastTurn(chat, known, 'complete', 60_000);
    assert.equal(done.id, turnId);
    const request = session.fake.responseRequests.at(-1);
    assert.deepEqual(request?.body.tools, [{ type: 'web_search', search_context_size: 'low' }]);
    assert.deepEqual(request?.body.include, ['web_search_call.action.sources']);

    const seen = await readTurn();
    assert.equal(seen.refs.length, 6, 'one reference per citation');
    assert.ok(seen.refs[0].startsWith('[1] https://www.wallpaper.com/'), seen.refs[0]);
    assert.deepEqual(seen.cited, ['wallpaper.com', 'visitberlin.de', 'reuters.com']);
    assert.equal(seen.searched, 9, 'the pages the search returned that the answer does not cite');
    assert.ok(!(await turn().locator('.answer-text').innerText()).includes('](https://'), 'no raw citation link is left');
    await turn().locator('.answer-sources').scrollIntoViewIfNeeded();
    await session.screenshot('references-and-sources');
  });

  test('references, Sources, the search lines and the globe survive a window reload', async () => {
    const before = await readTurn();
    await session.page.reload();
    await session.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    chat = await showThreadlineView(session);
    await turn().locator('.answer-sources').waitFor({ timeout: 60_000 });
    assert.deepEqual(await readTurn(), before);
    // The choice is the workspace's, not the window's: the globe is still on after the reload.
    await chat.waitForFunction(() => document.getElementById('web-search-toggle')?.getAttribute('aria-pressed') === 'true', undefined, { timeout: 30_000 });
    await session.screenshot('after-reload');
  });

  test('Export writes the citations as Markdown footnotes', async () => {
    const { markdown } = await exportConversation(session, chat);
    assert.ok(markdown.includes('and more. [^1-1]'), 'the reference stands where the inline link stood');
    assert.match(markdown, /^\[\^1-1\]: \[What to see at Berlin Art Week 2025 \| Wallpaper\\\*\]\(<https:\/\/www\.wallpaper\.com\/art\/exhibitions-shows\/berlin-art-week-2025>\) — wallpaper\.com$/m);
    assert.match(markdown, /^\[\^1-3\]: .* — reuters\.com$/m);
    assert.ok(markdown.includes('Also found by the web search:'));
  });
});
