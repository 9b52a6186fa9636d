import * as assert from 'node:assert/strict';
import { ChatPage } from './chatPage';
import { panelState, sampleAnswer, streamingTurn, totalsOf, turn, usage } from './chatFixtures';
import { useChatPages } from './useChatPages';

describe('chat webview: protocol and controls (Chromium)', function () {
  const pages = useChatPages();
  let chat: ChatPage;
  beforeEach(() => {
    chat = pages.chat();
  });

  it('sends ready once, and drops malformed host messages with a warning while staying usable', async () => {
    assert.deepEqual((await chat.posted()).map((m) => m.type), ['ready']);
    const malformed = [
      { type: 'delta', turnId: 't1' },
      { type: 'bogus' },
      'just a string',
      null,
      42,
      { type: 'init', turns: [{ id: 'x' }], state: panelState(), totals: usage() },
      { type: 'turnStarted', turn: { ...turn(), status: 'exploded' } },
      { type: 'draftTokens', requestId: 'r', count: -1, encoding: 'o200k_base' },
    ];
    for (const message of malformed) await chat.post(message);
    await chat.settle();
    assert.equal(chat.consoleWarnings.filter((w) => w.includes('[threadline] dropped malformed message')).length, malformed.length);
    assert.equal(await chat.page.locator('.turn').count(), 0);
    await chat.post({ type: 'delta', turnId: 'nobody', channel: 'text', text: 'x' });
    await chat.settle();
    assert.ok(chat.consoleWarnings.some((w) => w.includes('unknown turn nobody')));
    await chat.post({ type: 'init', turns: [turn({ assistantText: 'still **alive**' })], state: panelState(), totals: usage() });
    await chat.settle();
    assert.equal(await chat.page.textContent('.assistant .markdown strong'), 'alive');
  });

  it('sends on Enter with a request id, adds a line on Shift+Enter, and never sends while composing (IME)', async () => {
    await chat.post({ type: 'init', turns: [], state: panelState(), totals: usage(0, 0) });
    await chat.page.click('#prompt');
    await chat.page.keyboard.type('first line');
    await chat.page.keyboard.press('Shift+Enter');
    await chat.page.keyboard.type('second line');
    assert.equal(await chat.page.inputValue('#prompt'), 'first line\nsecond line');
    await chat.page.evaluate(() => {
      const prompt = document.getElementById('prompt') as HTMLTextAreaElement;
      prompt.dispatchEvent(new CompositionEvent('compositionstart'));
      prompt.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true }));
      prompt.dispatchEvent(new CompositionEvent('compositionend'));
      prompt.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, bubbles: true, cancelable: true }));
    });
    assert.equal((await chat.posted()).filter((m) => m.type === 'send').length, 0, 'IME Enter did not send');
    await chat.page.keyboard.press('Enter');
    const sent = (await chat.posted()).filter((m) => m.type === 'send');
    assert.equal(sent.length, 1);
    assert.equal(sent[0].type === 'send' && sent[0].text, 'first line\nsecond line');
    assert.ok(sent[0].type === 'send' && sent[0].requestId.length > 0);
    assert.equal(await chat.page.inputValue('#prompt'), '');
    await chat.page.keyboard.press('Enter');
    assert.equal((await chat.posted()).filter((m) => m.type === 'send').length, 1, 'an empty prompt is not sent');
  });

  it('keeps the draft across a reload (the view being hidden) and counts its tokens by request id', async () => {
    await chat.post({ type: 'init', turns: [], state: panelState(), totals: usage(0, 0) });
    await chat.page.fill('#prompt', 'an unsent thought');
    const request = await chat.waitForPosted('draftChanged');
    assert.ok(request.type === 'draftChanged' && request.text === 'an unsent thought');
    const requestId = request.type === 'draftChanged' ? request.requestId : '';
    await chat.post({ type: 'draftTokens', requestId: 'stale-id', count: 999, encoding: 'o200k_base' });
    await chat.settle();
    assert.equal(await chat.page.textContent('#draft-tokens'), '', 'answers to older drafts are ignored');
    await chat.post({ type: 'draftTokens', requestId, count: 4, encoding: 'o200k_base' });
    await chat.settle();
    assert.equal(await chat.page.textContent('#draft-tokens'), '4 tokens');

    await chat.page.reload();
    await chat.waitForPosted('ready');
    assert.equal(await chat.page.inputValue('#prompt'), 'an unsent thought');
    await chat.waitForPosted('draftChanged');
  });

  it('tells the host the draft is empty after a send and after clearing it, so its count is not left stale', async () => {
    await chat.post({ type: 'init', turns: [], state: panelState(), totals: usage(0, 0) });
    const drafts = async () => (await chat.posted()).flatMap((m) => (m.type === 'draftChanged' ? [m.text] : []));
    const waitForDrafts = (count: number) => chat.page.waitForFunction(
      (wanted) => (window as unknown as { __posted: Array<{ type: string }> }).__posted.filter((m) => m.type === 'draftChanged').length >= wanted,
      count,
    );

    await chat.page.fill('#prompt', 'count me');
    await waitForDrafts(1);
    await chat.page.keyboard.press('Enter');
    await waitForDrafts(2);
    assert.deepEqual(await drafts(), ['count me', '']);
    const types = (await chat.posted()).map((m) => m.type);
    assert.ok(types.indexOf('send') < types.lastIndexOf('draftChanged'), 'the empty draft follows the send');

    // The host's answer to the empty draft is not shown as "0 tokens".
    const empty = (await chat.posted()).filter((m) => m.type === 'draftChanged').pop();
    await chat.post({ type: 'draftTokens', requestId: empty?.type === 'draftChanged' ? empty.requestId : '', count: 0, encoding: 'o200k_base' });
    await chat.settle();
    assert.equal(await chat.page.textContent('#draft-tokens'), '');

    await chat.page.fill('#prompt', 'second thought');
    await waitForDrafts(3);
    await chat.page.fill('#prompt', '');
    await waitForDrafts(4);
    assert.deepEqual(await drafts(), ['count me', '', 'second thought', '']);

    // An empty prompt that stays empty says so once, not on every input event. The next real draft is the
    // proof the composer has settled: whatever the extra input event would have posted comes before it.
    await chat.page.evaluate(() => document.getElementById('prompt')?.dispatchEvent(new Event('input')));
    await chat.page.fill('#prompt', 'third');
    await waitForDrafts(5);
    assert.deepEqual(await drafts(), ['count me', '', 'second thought', '', 'third']);
  });

  it('shows the no-key empty state with the endpoint and its two ways forward', async () => {
    await chat.post({ type: 'init', turns: [], state: panelState({ hasApiKey: false, baseUrl: 'http://localhost:1234/v1' }), totals: usage(0, 0) });
    await chat.settle();
    assert.equal(await chat.page.isVisible('#empty-state'), true);
    assert.equal(await chat.page.textContent('#base-url'), 'http://localhost:1234/v1');
    await chat.screenshot('empty-state-no-key');
    await chat.page.click('#set-api-key');
    await chat.page.click('#add-endpoint');
    const types = (await chat.posted()).map((m) => m.type);
    assert.deepEqual(types.slice(-2), ['setApiKey', 'addEndpoint']);
    await chat.post({ type: 'state', state: panelState({ hasApiKey: true }) });
    await chat.settle();
    assert.equal(await chat.page.isVisible('#empty-state'), false);
    assert.equal(await chat.page.isVisible('#welcome'), true);
  });

  it('wires the toolbar: persona picker, model, totals, new conversation and export', async () => {
    const turns = [turn(), turn()];
    await chat.post({ type: 'init', turns, state: panelState(), totals: totalsOf(turns) });
    await chat.settle();
    assert.equal(await chat.page.textContent('#model'), 'gpt-4.1-mini');
    assert.equal(await chat.page.textContent('#total-tokens'), 'Σ 400 · <1%', 'the total, and how full the window was at the last response');
    await chat.page.selectOption('#persona-picker', 'reviewer');
    await chat.page.click('#new-conversation');
    await chat.page.click('#export-conversation');
    const posted = await chat.posted();
    assert.deepEqual(posted.slice(-3), [{ type: 'pickPersona', personaId: 'reviewer' }, { type: 'newConversation' }, { type: 'exportConversation', format: 'markdown' }]);
    await chat.post({ type: 'state', state: panelState({ activePersonaId: 'reviewer', model: 'gpt-4.1' }) });
    await chat.settle();
    assert.equal(await chat.page.inputValue('#persona-picker'), 'reviewer');
    assert.equal(await chat.page.textContent('#model'), 'gpt-4.1');
  });

  it('says "Not yet saved" while writes wait for the disk, with the reason, and nothing once they land', async () => {
    await chat.post({ type: 'init', turns: [turn()], state: panelState(), totals: usage(10, 5) });
    await chat.settle();
    assert.equal(await chat.page.isVisible('#unsaved'), false, 'all saved: nothing shown');
    await chat.post({ type: 'state', state: panelState({ unsaved: { pending: 2, reason: 'ENOSPC: no space left on device' } }) });
    await chat.settle();
    assert.equal(await chat.page.isVisible('#unsaved'), true);
    assert.match(await chat.page.innerText('#unsaved'), /Not yet saved/);
    assert.match((await chat.page.getAttribute('#unsaved', 'title')) ?? '', /ENOSPC/);
    await chat.screenshot('not-yet-saved');
    await chat.post({ type: 'state', state: panelState({ unsaved: { pending: 0 } }) });
    await chat.settle();
    assert.equal(await chat.page.isVisible('#unsaved'), false, 'the warning goes once the writes land');
  });

  it('stops a stream, then offers retry, regenerate and edit-and-resend on the last turn only', async () => {
    const first = turn({ userText: 'first question' });
    const live = streamingTurn({ userText: 'second question', context: [{ path: '/work/src/parser.ts', languageId: 'typescript', startLine: 10, endLine: 20, text: 'code' }] });
    await chat.post({ type: 'init', turns: [first], state: panelState(), totals: totalsOf([first]) });
    await chat.post({ type: 'turnStarted', turn: live });
    await chat.post({ type: 'delta', turnId: live.id, channel: 'text', text: 'Partial answer' });
    await chat.settle();
    await chat.page.click('#stop');
    assert.deepEqual((await chat.posted()).at(-1), { type: 'stop' });
    const stopped = { ...live, assistantText: 'Partial answer', status: 'stopped' as const, usage: usage(10, 3) };
    await chat.post({ type: 'turnUpdated', turn: stopped, totals: totalsOf([first, stopped]) });
    await chat.settle();
    const last = chat.page.locator(`.turn[data-turn-id="${live.id}"]`);
    assert.equal(await last.locator('.turn-status .status-badge').textContent(), 'Stopped');
    assert.equal((await last.locator('.assistant .markdown').textContent())?.trim(), 'Partial answer');
    assert.equal(await chat.page.locator(`.turn[data-turn-id="${first.id}"] .regenerate`).isVisible(), false);
    // An earlier question can still be edited: that continues in a fork, and the banner says so.
    await chat.page.locator(`.turn[data-turn-id="${first.id}"] .user`).hover();
    await chat.page.locator(`.turn[data-turn-id="${first.id}"] .edit-resend`).click();
    assert.match(await chat.page.innerText('#edit-banner'), /earlier message.*new conversation/i);
    await chat.page.click('#cancel-edit');
    assert.equal(await last.locator('.context-chip').textContent(), 'parser.ts:10-20');

    await last.locator('.retry').click();
    await last.locator('.regenerate').click();
    await last.locator('.context-chip').click();
    await last.locator('.copy-answer').click();
    assert.deepEqual((await chat.posted()).slice(-4), [
      { type: 'retry', turnId: live.id },
      { type: 'regenerate', turnId: live.id },
      { type: 'openContext', turnId: live.id, index: 0 },
      { type: 'copyText', text: 'Partial answer' },
    ]);

    await last.locator('.edit-resend').click();
    assert.equal(await chat.page.inputValue('#prompt'), 'second question');
    assert.equal(await chat.page.isVisible('#edit-banner'), true);
    assert.match(await chat.page.innerText('#edit-banner'), /last message: sending replaces it/i);
    assert.equal(await chat.page.evaluate(() => document.activeElement?.id), 'prompt');
    await chat.page.keyboard.type(' (more precisely)');
    await chat.page.keyboard.press('Enter');
    assert.deepEqual((await chat.posted()).at(-1), { type: 'editResend', turnId: live.id, text: 'second question (more precisely)' });
    assert.equal(await chat.page.isVisible('#edit-banner'), false);
  });

  it('shows a failed turn with title, detail, action and retry hint', async () => {
    const failed = turn({
      assistantText: '', status: 'failed', usage: undefined,
      error: { kind: 'rate_limit', title: 'Rate limited (429)', detail: 'Too many requests for gpt-4.1-mini.', action: 'Wait, then retry.', retryAfterSeconds: 12 },
      notice: 'The server had forgotten the previous response; the conversation was re-sent.',
    });
    await chat.post({ type: 'init', turns: [failed], state: panelState(), totals: usage(0, 0) });
    await chat.settle();
    const status = await chat.page.evaluate(() => ({
      badge: document.querySelector('.turn-status .status-badge')?.textContent,
      title: document.querySelector('.turn-status .status-title')?.textContent,
      detail: document.querySelector('.turn-status .status-detail')?.textContent,
      action: document.querySelector('.turn-status .status-action')?.textContent,
      notice: document.querySelector('.turn-notice')?.textContent,
      dataStatus: document.querySelector('.turn-status')?.getAttribute('data-status'),
    }));
    assert.deepEqual(status, {
      badge: 'Failed', title: 'Rate limited (429)', detail: 'Too many requests for gpt-4.1-mini.', action: 'Wait, then retry. You can retry in 12 s.',
      notice: 'The server had forgotten the previous response; the conversation was re-sent.', dataStatus: 'failed',
    });
    await chat.screenshot('turn-failed-429');
    await chat.page.click('.turn-status .retry');
    assert.deepEqual((await chat.posted()).at(-1), { type: 'retry', turnId: failed.id });
  });

  it('code blocks: copy, insert at cursor and open as a document with the right language', async () => {
    await chat.post({ type: 'init', turns: [turn({ assistantText: sampleAnswer(3) })], state: panelState(), totals: usage() });
    await chat.settle();
    const block = chat.page.locator('.code-block').first();
    assert.equal(await block.locator('.code-language').textContent(), 'ts');
    await block.locator('.copy-code').click();
    await block.locator('.insert').click();
    await block.locator('.open-as-document').click();
    const rendered = (await block.locator('pre code').textContent()) ?? '';
    assert.ok(rendered.startsWith('export function parseConfig'));
    assert.ok(rendered.endsWith('\n'), 'the fence keeps its last newline in the page');
    // What leaves the page drops that newline, so an insert does not split the line it lands in.
    const code = rendered.slice(0, -1);
    assert.deepEqual((await chat.posted()).slice(-3), [
      { type: 'copyText', text: code },
      { type: 'insertCode', code },
      { type: 'openCodeAsDocument', code, language: 'typescript' },
    ]);
    assert.equal(await block.locator('.copy-code .codicon-check').count(), 1, 'copy confirms with a check mark');
  });

  it('focuses the input on focusInput; everything is reachable by keyboard', async () => {
    await chat.post({ type: 'init', turns: [turn({ assistantText: sampleAnswer(1) })], state: panelState(), totals: usage() });
    await chat.post({ type: 'focusInput' });
    await chat.settle();
    assert.equal(await chat.page.evaluate(() => document.activeElement?.id), 'prompt');

    const reached = new Set<string>();
    await chat.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let i = 0; i < 40; i++) {
      await chat.page.keyboard.press('Tab');
      reached.add(await chat.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? el.id || el.className || el.tagName : '';
      }));
    }
    for (const expected of ['persona-picker', 'new-conversation', 'export-conversation', 'transcript', 'copy-code', 'insert', 'open-as-document', 'prompt']) {
      assert.ok([...reached].some((r) => r === expected), `Tab never reached ${expected}: ${[...reached].join(', ')}`);
    }
    // A button with visible text is named by it; an icon-only button needs its aria-label.
    const unlabeled = await chat.page.evaluate(() => Array.from(document.querySelectorAll('button')).filter((b) => !b.getAttribute('aria-label') && !b.textContent?.trim()).length);
    assert.equal(unlabeled, 0, 'every button has an accessible name');
  });

  it('renders in a high-contrast theme with visible borders', async () => {
    const hc = await ChatPage.open(pages.browser(), pages.harness(), { theme: 'high-contrast' });
    try {
      await hc.post({ type: 'init', turns: [turn({ assistantText: sampleAnswer(2) })], state: panelState(), totals: usage() });
      await hc.settle();
      const border = await hc.page.evaluate(() => getComputedStyle(document.querySelector('.code-block') as Element).borderTopColor);
      assert.equal(border, 'rgb(111, 195, 223)', 'contrast border applied');
      await hc.screenshot('high-contrast');
    } finally {
      await hc.close();
    }
  });
});
