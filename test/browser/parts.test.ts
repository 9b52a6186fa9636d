import * as assert from 'node:assert/strict';
import type { Turn } from '../../src/core/conversation/turn';
import type { HostToWebview } from '../../src/core/protocol';
import type { PartEvent } from '../../src/core/turn/turnParts';
import type { ChatPage } from './chatPage';
import { panelState, streamingTurn, turn, usage } from './chatFixtures';
import { useChatPages } from './useChatPages';
import { auditRenderedOutput, loadsSettled } from './xssCorpus';

/** Answers in several parts, rendered by the real webview bundle: Thinking, commentary, tool lines, the answer. */
describe('chat webview: answers in several parts (Chromium)', function () {
  const pages = useChatPages();
  let chat: ChatPage;
  beforeEach(() => {
    chat = pages.chat();
  });

  const partMessages = (turnId: string, events: PartEvent[]): HostToWebview[] => events.map((event) => ({ type: 'part', turnId, event }));

  async function start(live: Turn): Promise<void> {
    await chat.postAll([{ type: 'init', turns: [], state: panelState(), totals: usage(0, 0) }, { type: 'turnStarted', turn: live }]);
  }

  const readAnswer = () => chat.page.evaluate(() => {
    const parts = Array.from(document.querySelectorAll('.turn:last-child .answer-parts > *')) as HTMLElement[];
    const answer = document.querySelector('.turn:last-child .answer-text');
    const commentary = document.querySelector('.turn:last-child .commentary');
    const details = document.querySelector('.turn:last-child .reasoning') as HTMLDetailsElement;
    return {
      kinds: parts.map((p) => p.dataset.part),
      texts: parts.map((p) => (p.textContent ?? '').trim()),
      answerColor: answer ? getComputedStyle(answer).color : '',
      commentaryColor: commentary ? getComputedStyle(commentary).color : '',
      thinkingLabel: details?.querySelector('.reasoning-label')?.textContent,
      thinkingOpen: details?.open,
      thinkingHidden: details?.hidden,
      paragraphs: Array.from(details?.querySelectorAll('.reasoning-text > p') ?? []).map((p) => p.textContent),
    };
  });

  it('streams Thinking, then commentary, a tool line and the final message, in order and never glued', async () => {
    const live = streamingTurn({ userText: 'What is on in Berlin tonight?', parts: [] });
    await start(live);
    const startedAt = Date.now() - 12_300;
    await chat.postAll(partMessages(live.id, [
      { type: 'added', index: 0, part: { kind: 'reasoning', paragraphs: [], startedAt } },
      { type: 'replaced', index: 0, part: { kind: 'reasoning', paragraphs: [''], startedAt } },
      { type: 'delta', index: 0, text: '**Reading** the ' },
      { type: 'delta', index: 0, text: 'question.' },
      { type: 'replaced', index: 0, part: { kind: 'reasoning', paragraphs: ['**Reading** the question.', ''], startedAt } },
      { type: 'delta', index: 0, text: 'Then searching.' },
    ]));
    await chat.settle();
    let seen = await readAnswer();
    assert.equal(seen.thinkingHidden, false);
    assert.equal(seen.thinkingOpen, true, 'open while the summary streams');
    assert.match(seen.thinkingLabel ?? '', /^Thinking… 1[23] s$/);
    assert.deepEqual(seen.paragraphs, ['**Reading** the question.', 'Then searching.'], 'each summary part is its own paragraph, as text while it streams');
    await chat.screenshot('parts-thinking-live');

    await chat.postAll(partMessages(live.id, [
      { type: 'replaced', index: 0, part: { kind: 'reasoning', paragraphs: ['**Reading** the question.', 'Then searching.'], startedAt, durationMs: 12_000 } },
      { type: 'added', index: 1, part: { kind: 'text', text: '', annotations: [] } },
      { type: 'delta', index: 1, text: 'Got it' },
      { type: 'added', index: 2, part: { kind: 'tool', itemType: 'web_search_call', status: 'in_progress' } },
      { type: 'replaced', index: 2, part: { kind: 'tool', itemType: 'web_search_call', status: 'searching', action: 'search', subject: 'berlin events today' } },
    ]));
    await chat.settle();
    seen = await readAnswer();
    assert.equal(seen.thinkingOpen, false, 'collapsed once reasoning is done');
    assert.equal(seen.thinkingLabel, 'Thought for 12 s');
    assert.deepEqual(seen.kinds, ['text', 'tool']);
    assert.equal(seen.texts[1], 'Searching the web: berlin events today');
    assert.equal(await chat.page.locator('.tool-activity .codicon-loading').count(), 1, 'a spinner while the search runs');

    await chat.postAll(partMessages(live.id, [
      { type: 'replaced', index: 1, part: { kind: 'commentary', text: 'Got it', annotations: [] } },
      { type: 'replaced', index: 2, part: { kind: 'tool', itemType: 'web_search_call', status: 'completed', action: 'search', subject: 'berlin events today' } },
      { type: 'added', index: 3, part: { kind: 'text', text: '', annotations: [] } },
      { type: 'delta', index: 3, text: 'Here are **two** ' },
      { type: 'delta', index: 3, text: 'events.' },
      { type: 'annotation', index: 3, annotation: { type: 'url_citation', start_index: 0, end_index: 8, url: 'https://example.com/events', title: 'Events' } },
    ]));
    await chat.settle();
    seen = await readAnswer();
    // The citation lists its page under the answer as soon as it arrives.
    assert.deepEqual(seen.kinds, ['commentary', 'tool', 'text', 'sources']);
    assert.deepEqual(seen.texts.slice(0, 3), ['Got it', 'Searched the web: berlin events today', 'Here are two events.']);
    assert.equal(seen.commentaryColor, 'rgb(157, 157, 157)', 'commentary is muted (descriptionForeground)');
    assert.notEqual(seen.commentaryColor, seen.answerColor, 'and the answer is not');

    const final: Turn = {
      ...live,
      status: 'complete',
      assistantText: 'Here are **two** events.',
      reasoningSummary: '**Reading** the question.\n\nThen searching.',
      parts: [
        { kind: 'reasoning', paragraphs: ['**Reading** the question.', 'Then searching.'], startedAt, durationMs: 12_000 },
        { kind: 'commentary', text: 'Got it', annotations: [] },
        { kind: 'tool', itemType: 'web_search_call', status: 'completed', action: 'search', subject: 'berlin events today' },
        { kind: 'text', text: 'Here are **two** events.', annotations: [{ type: 'url_citation', start_index: 0, end_index: 8, url: 'https://example.com/events', title: 'Events' }] },
      ],
      usage: usage(50, 30, 0, 20),
      finishedAt: live.startedAt + 14_000,
    };
    await chat.post({ type: 'turnUpdated', turn: final, totals: usage(50, 30, 0, 20) });
    await chat.settle();
    seen = await readAnswer();
    assert.deepEqual(seen.kinds, ['commentary', 'tool', 'text', 'sources']);
    assert.equal(await chat.page.textContent('.answer-text strong'), 'two', 'the final message is Markdown');
    assert.equal(seen.thinkingOpen, false);
    assert.equal(seen.thinkingLabel, 'Thought for 12 s');
    await chat.screenshot('parts-complete');

    await chat.clearPosted();
    await chat.page.click('.turn:last-child .copy-answer', { force: true });
    const posted = await chat.posted();
    assert.deepEqual(posted, [{ type: 'copyText', text: 'Here are **two** events.' }], 'copy takes the final message only');

    await chat.page.click('.reasoning summary');
    assert.equal(await chat.page.textContent('.reasoning-text strong'), 'Reading', 'opened later, the summary is rendered Markdown');
    await chat.screenshot('parts-thinking-opened');
  });

  it('restores a finished multi-part turn after a reload exactly as it was shown', async () => {
    const restored = turn({
      userText: 'Restore me',
      assistantText: 'The **answer**.',
      reasoningSummary: 'Thinking it over.',
      parts: [
        { kind: 'reasoning', paragraphs: ['Thinking it over.'], startedAt: 1, durationMs: 75_000 },
        { kind: 'commentary', text: 'Let me look.', annotations: [] },
        { kind: 'tool', itemType: 'file_search_call', status: 'completed', subject: 'retry policy' },
        { kind: 'tool', itemType: 'brand_new_call', status: 'in_progress' },
        { kind: 'text', text: 'The **answer**.', annotations: [] },
      ],
    });
    await chat.post({ type: 'init', turns: [restored], state: panelState(), totals: usage() });
    await chat.settle();
    const seen = await readAnswer();
    assert.deepEqual(seen.kinds, ['commentary', 'tool', 'tool', 'text']);
    assert.deepEqual(seen.texts, ['Let me look.', 'Searched files: retry policy', 'brand new call (in progress)', 'The answer.']);
    assert.equal(await chat.page.locator('.tool-activity .codicon-loading').count(), 0, 'no spinner in a finished turn');
    assert.equal(seen.thinkingLabel, 'Thought for 1 min 15 s');
    assert.equal(seen.thinkingOpen, false);
  });

  it('a 0.1.0 turn without parts renders its answer and reasoning as before', async () => {
    await chat.post({ type: 'init', turns: [turn({ assistantText: 'Old **answer**', reasoningSummary: 'Old reasoning' })], state: panelState(), totals: usage() });
    await chat.settle();
    const seen = await readAnswer();
    assert.deepEqual(seen.kinds, ['text']);
    assert.equal(seen.thinkingLabel, 'Reasoning');
    assert.equal(await chat.page.textContent('.answer-text strong'), 'answer');
  });

  it('the final text wins: a replaced answer shows only the new text', async () => {
    const live = streamingTurn({ parts: [] });
    await start(live);
    await chat.postAll(partMessages(live.id, [
      { type: 'added', index: 0, part: { kind: 'text', text: '', annotations: [] } },
      { type: 'delta', index: 0, text: 'Drafty ' },
      { type: 'delta', index: 0, text: 'drft' },
    ]));
    await chat.settle();
    await chat.post({ type: 'part', turnId: live.id, event: { type: 'replaced', index: 0, part: { kind: 'text', text: 'The final text.', annotations: [] } } });
    await chat.settle();
    assert.deepEqual((await readAnswer()).texts, ['The final text.']);
  });

  it('reasoning without a summary says how long it took and has nothing to open', async () => {
    const live = streamingTurn({ parts: [] });
    await start(live);
    await chat.postAll(partMessages(live.id, [
      { type: 'added', index: 0, part: { kind: 'reasoning', paragraphs: [], startedAt: Date.now() - 3_000 } },
    ]));
    await chat.settle();
    let seen = await readAnswer();
    assert.match(seen.thinkingLabel ?? '', /^Thinking… 3 s$/);
    assert.equal(seen.thinkingOpen, false, 'nothing to show yet');
    await chat.post({ type: 'part', turnId: live.id, event: { type: 'replaced', index: 0, part: { kind: 'reasoning', paragraphs: [], startedAt: 0, durationMs: 400 } } });
    await chat.settle();
    await chat.page.click('.reasoning summary');
    await chat.settle();
    seen = await readAnswer();
    assert.equal(seen.thinkingLabel, 'Thought for less than a second');
    assert.equal(seen.thinkingOpen, false);
  });

  it('model text in every part is text or sanitised Markdown, never live HTML', async () => {
    const evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    const live = streamingTurn({ parts: [] });
    await start(live);
    await chat.postAll(partMessages(live.id, [
      { type: 'added', index: 0, part: { kind: 'reasoning', paragraphs: [evil], startedAt: Date.now() } },
      { type: 'delta', index: 0, text: `<b onmouseover="window.__xss=3">${evil}</b>` },
      { type: 'added', index: 1, part: { kind: 'commentary', text: `Commentary ${evil}`, annotations: [] } },
      { type: 'delta', index: 1, text: `[link](javascript:window.__xss=4) ${evil}` },
      { type: 'added', index: 2, part: { kind: 'tool', itemType: `web_search_call`, status: 'searching', action: 'search', subject: evil } },
      { type: 'added', index: 3, part: { kind: 'tool', itemType: evil, status: evil } },
      { type: 'added', index: 4, part: { kind: 'text', text: evil, annotations: [{ type: 'url_citation', url: 'javascript:alert(1)', title: evil }] } },
    ]));
    await chat.settle();
    // Opening renders in each details' `toggle` event; then every load (a smuggled image) has ended before checking.
    await chat.page.evaluate(async () => {
      const closed = Array.from(document.querySelectorAll('details')).filter((details) => !details.open);
      const toggled = closed.map((details) => new Promise((resolve) => details.addEventListener('toggle', resolve, { once: true })));
      for (const details of closed) details.open = true;
      await Promise.all(toggled);
    });
    await chat.page.evaluate(loadsSettled);
    await chat.settle();
    assert.equal(await chat.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), undefined);
    assert.deepEqual(await chat.page.evaluate(auditRenderedOutput), []);
    assert.equal(await chat.page.textContent('.tool-activity[data-item-type="web_search_call"] .tool-label'), `Searching the web: ${evil}`, 'a query is shown as the text it is');
    assert.deepEqual(chat.foreignRequests, []);
  });
});
