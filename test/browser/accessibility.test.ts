import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { AnswerAlternative, Turn } from '../../src/core/conversation/turn';
import type { ImageRef } from '../../src/core/images/imageRef';
import { toPanelPrices } from '../../src/core/pricing/panelPricing';
import { pricesFromSettings } from '../../src/core/pricing/priceTable';
import { conversationCost, usageByModel } from '../../src/core/pricing/usageCost';
import type { TokenLogprob } from '../../src/core/turn/logprobs';
import { solidPng } from '../fixtures/images/makeImages';
import type { HostToWebview } from '../../src/core/protocol';
import type { TurnPart } from '../../src/core/turn/turnParts';
import { describeFindings, seriousViolations } from './axeScan';
import { ChatPage } from './chatPage';
import { panelState, sampleAnswer, streamingTurn, totalsOf, turn, usage } from './chatFixtures';
import { historyEntry, searchHit } from './historyFixtures';
import { useChatPages } from './useChatPages';

/**
 * axe-core over the real webview bundle in each state a user can reach: any serious or critical violation fails,
 * and every finding is printed with its rule, impact and target so the failure says what to fix.
 */
describe('chat webview: accessibility scan with axe-core (Chromium)', function () {
  const pages = useChatPages();
  let chat: ChatPage;
  beforeEach(() => {
    chat = pages.chat();
  });

  async function show(messages: HostToWebview[]): Promise<void> {
    await chat.postAll(messages);
    await chat.settle();
  }

  async function expectNoSeriousViolations(state: string, page = chat): Promise<void> {
    const findings = await seriousViolations(page.page);
    if (findings.length > 0) console.log(`axe, ${state}:\n${describeFindings(findings)}`);
    assert.equal(describeFindings(findings), '', `serious or critical axe violations in the ${state} state`);
  }

  const webParts: TurnPart[] = [
    { kind: 'reasoning', paragraphs: ['Looking for this week’s events.'], startedAt: 1_760_000_000_000, durationMs: 4000 },
    { kind: 'commentary', text: 'Got it, searching…', annotations: [] },
    { kind: 'tool', itemType: 'web_search_call', status: 'completed', action: 'search', subject: 'berlin events', sources: [{ url: 'https://www.visitberlin.de/en' }, { url: 'https://apnews.com/article/1' }] },
    { kind: 'text', text: 'Museum Island turns 200 (visitberlin).', annotations: [{ type: 'url_citation', start_index: 24, end_index: 38, url: 'https://www.visitberlin.de/en', title: 'Berlin 2025' }] },
  ];

  it('the empty panel, without a key and with one', async () => {
    await show([{ type: 'init', turns: [], state: panelState({ hasApiKey: false }), totals: usage(0, 0) }]);
    await expectNoSeriousViolations('empty, no API key');
    await show([{ type: 'state', state: panelState() }]);
    await expectNoSeriousViolations('empty, ready');
  });

  it('a streaming answer with Thinking, commentary and a code block', async () => {
    const live = streamingTurn({ userText: 'Explain retry' });
    await show([
      { type: 'init', turns: [turn()], state: panelState({ busy: true }), totals: usage() },
      { type: 'turnStarted', turn: live },
      { type: 'delta', turnId: live.id, channel: 'reasoning', text: 'Considering backoff.' },
      { type: 'delta', turnId: live.id, channel: 'text', text: 'Retry with **backoff**:\n\n```ts\nconst wait = 2 ** attempt;\n' },
    ]);
    await expectNoSeriousViolations('streaming');
  });

  it('failed, stopped and incomplete turns with their actions', async () => {
    const failed = turn({ status: 'failed', assistantText: '', usage: undefined, error: { kind: 'context_length_exceeded', title: 'Too long', detail: 'The input is too long.', action: 'Compact and retry.', actions: ['compactAndRetry', 'newConversation'] } });
    const stopped = turn({ status: 'stopped', notice: 'The server forgot the chain; it was rebuilt.' });
    const incomplete = turn({ status: 'incomplete', incompleteReason: 'max_output_tokens', notApplied: ['temperature not used by gpt-5'] });
    const refused = turn({ assistantText: '', refusalText: 'I can’t help with that.' });
    await show([{ type: 'init', turns: [stopped, incomplete, refused, failed], state: panelState(), totals: totalsOf([stopped, incomplete]) }]);
    await expectNoSeriousViolations('error');
  });

  it('a long transcript, web search Sources and an answer being edited', async () => {
    const turns: Turn[] = Array.from({ length: 40 }, (_, i) => turn({ assistantText: sampleAnswer(i), context: i % 5 === 0 ? [{ path: 'src/parser.ts', languageId: 'typescript', startLine: 3, endLine: 9, text: 'x' }] : [], origin: i % 7 === 0 ? 'explain' : 'chat' }));
    turns.push(turn({ userText: 'Berlin today?', assistantText: 'Museum Island turns 200 (visitberlin).', parts: webParts }));
    await show([{ type: 'init', turns, state: panelState({ webSearch: true }), totals: totalsOf(turns) }]);
    await chat.page.click('.turn:last-child .sources-searched summary');
    await expectNoSeriousViolations('long transcript with Sources');
    await chat.page.click('.turn:last-child .edit-resend');
    await chat.settle();
    await expectNoSeriousViolations('editing a question');
  });

  it('the composer’s slash and @persona completion lists', async () => {
    await show([{ type: 'init', turns: [turn()], state: panelState(), totals: usage() }]);
    await chat.page.click('#prompt');
    await chat.page.keyboard.type('/');
    await chat.settle();
    assert.equal(await chat.page.isVisible('#composer-completions'), true);
    await expectNoSeriousViolations('slash completion');
    await chat.page.keyboard.press('Escape');
    await chat.page.keyboard.type('x @');
    await chat.settle();
    await expectNoSeriousViolations('@persona completion');
  });

  it('the history view: list, trash and search results', async () => {
    await show([{ type: 'init', turns: [turn()], state: panelState(), totals: usage() }]);
    await chat.page.click('#toggle-history');
    await chat.waitForPosted('showHistory');
    await show([{
      type: 'history', scope: 'workspace', activeId: 'c-active',
      entries: [historyEntry({ id: 'c-active', active: true, pinned: true }), historyEntry({ title: 'Older' }), historyEntry({ title: 'Elsewhere', workspaceKey: 'ws-other', workspaceLabel: 'api-server' })],
      trash: [historyEntry({ id: 'gone', title: 'Deleted', trashedAt: Date.UTC(2025, 9, 14) })],
    }]);
    await chat.page.click('.history-trash summary');
    await expectNoSeriousViolations('history list');
    await chat.page.fill('#history-search', 'parser');
    const search = await chat.waitForPosted('searchConversations') as { requestId: string };
    await show([{ type: 'searchResults', requestId: search.requestId, query: 'parser', hits: [searchHit(), searchHit({ conversationId: 'c2', field: 'path' })], truncated: true }]);
    await expectNoSeriousViolations('history search results');
  });

  it('a fan-out turn in tabs, the token confidence view, a sent image and priced footers', async () => {
    const png = solidPng(20, 20, 5);
    const sha256 = createHash('sha256').update(png).digest('hex');
    pages.harness().putImage(`${sha256}.png`, png);
    const image: ImageRef = { sha256, mime: 'image/png', bytes: png.length, name: 'diagram.png' };
    const ln = Math.log;
    const tokens: TokenLogprob[] = [['The', ln(0.99)], [' answer', ln(0.4), [[' reply', ln(0.3)]]], ['.', ln(0.999)]];
    const confident = turn({ assistantText: 'The answer.', parts: [{ kind: 'text', text: 'The answer.', annotations: [], logprobs: tokens }], images: [image] });
    const base = streamingTurn({ parts: [] });
    const alternatives: AnswerAlternative[] = ['Code Reviewer', 'Patient Teacher', 'Poet'].map((personaLabel, i) => ({
      id: `${base.id}.${i}`, personaId: `p${i}`, personaLabel, model: i === 2 ? 'gpt-4.1-mini' : 'gpt-4.1', assistantText: i === 2 ? '' : `Answer ${i}`,
      refusalText: '', reasoningSummary: '', status: i === 2 ? 'streaming' : 'complete', startedAt: base.startedAt,
      ...(i === 2 ? { parts: [] } : { usage: usage(300, 120), finishedAt: base.startedAt + 900 }),
    }));
    const fan: Turn = { ...base, alternatives };
    const prices = toPanelPrices(pricesFromSettings({}));
    const turns = [confident, fan];
    await show([{
      type: 'init', turns, state: panelState({ busy: true, prices, imageBase: `${pages.harness().origin}/images/`, unsaved: { pending: 1 } }),
      totals: totalsOf(turns), cost: conversationCost(usageByModel(turns), pricesFromSettings({})),
    }]);
    await chat.page.waitForSelector('.turn-image img');
    await chat.page.click('.show-confidence');
    await chat.page.waitForSelector('.confidence-tokens .tok');
    await expectNoSeriousViolations('fan-out, confidence, image and costs');
  });

  it('the one-row header at the default side bar width', async () => {
    const narrow = await ChatPage.open(pages.browser(), pages.harness(), { width: 290 });
    try {
      const turns = [turn({ usage: usage(123_456, 7_890) })];
      const prices = pricesFromSettings({});
      await narrow.postAll([{
        type: 'init', turns, totals: totalsOf(turns), cost: conversationCost(usageByModel(turns), prices),
        state: panelState({ prices: toPanelPrices(prices), endpoint: { id: 'azure', label: 'Azure OpenAI' }, unsaved: { pending: 2 } }),
      }]);
      await narrow.settle();
      await expectNoSeriousViolations('narrow header', narrow);
    } finally {
      await narrow.close();
    }
  });

  it('the high-contrast theme with an error and Sources', async () => {
    const contrast = await ChatPage.open(pages.browser(), pages.harness(), { theme: 'high-contrast' });
    try {
      const failed = turn({ status: 'failed', assistantText: '', error: { kind: 'missing_key', title: 'No API key', detail: 'None set.' } });
      await contrast.postAll([{ type: 'init', turns: [turn({ parts: webParts, assistantText: 'x' }), failed], state: panelState(), totals: usage() }]);
      await contrast.settle();
      await expectNoSeriousViolations('high contrast', contrast);
    } finally {
      await contrast.close();
    }
  });
});
