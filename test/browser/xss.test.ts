import * as assert from 'node:assert/strict';
import type { HostToWebview } from '../../src/core/protocol';
import type { ChatPage } from './chatPage';
import { panelState, streamingTurn, turn, usage } from './chatFixtures';
import { useChatPages } from './useChatPages';
import { auditRenderedOutput, loadsSettled, xssAnswer, xssCorpus } from './xssCorpus';

/**
 * The XSS corpus rendered by the real webview bundle: streamed as deltas, restored from a transcript, and
 * placed in every other field the host fills. Run with the production CSP and again without any CSP, so
 * the sanitiser is proven on its own and not only behind the policy.
 */
for (const csp of [true, false]) {
  describe(`chat webview: XSS corpus ${csp ? 'with' : 'WITHOUT'} the CSP (Chromium)`, function () {
    const pages = useChatPages({ csp });
    let chat: ChatPage;
    beforeEach(() => {
      chat = pages.chat();
    });

    async function assertNothingRan(): Promise<void> {
      // Any delayed handler (onerror, onload) fires with the end of a load: wait for every load to end.
      await chat.page.evaluate(loadsSettled);
      await chat.settle();
      const state = await chat.page.evaluate(() => ({
        flag: (window as unknown as { __xss?: unknown }).__xss,
        url: location.href,
        title: document.title,
        bodyVisible: getComputedStyle(document.body).display !== 'none',
      }));
      assert.equal(state.flag, undefined, 'a payload executed');
      assert.equal(state.url, pages.harness().url({ csp }), 'the webview navigated');
      assert.equal(state.bodyVisible, true, 'injected styles hid the page');
      assert.deepEqual(chat.dialogs, [], 'a payload opened a dialog');
      assert.deepEqual(chat.pageErrors, []);
      assert.deepEqual(chat.foreignRequests, [], 'something was loaded from outside the webview');
      const posted = await chat.posted();
      assert.deepEqual(posted.map((m) => m.type), ['ready'], 'only the handshake was posted');
      assert.deepEqual(await chat.page.evaluate(auditRenderedOutput), [], 'unsafe elements or attributes in the DOM');
    }

    it('streams every payload as deltas without executing or loading anything', async () => {
      const live = streamingTurn({ userText: 'show me the payloads' });
      await chat.postAll([{ type: 'init', turns: [], state: panelState(), totals: usage(0, 0) }, { type: 'turnStarted', turn: live }]);
      const text = xssAnswer();
      const deltas: HostToWebview[] = [];
      for (let i = 0; i < text.length; i += 9) deltas.push({ type: 'delta', turnId: live.id, channel: 'text', text: text.slice(i, i + 9) });
      await chat.postAll(deltas);
      await chat.settle();
      await assertNothingRan();
      await chat.post({ type: 'turnUpdated', turn: { ...live, assistantText: text, status: 'complete', usage: usage() }, totals: usage() });
      await assertNothingRan();
      const headings = await chat.page.locator('.assistant .markdown h3').count();
      assert.equal(headings, xssCorpus.length, 'every payload was rendered (as text)');
      assert.ok((await chat.page.textContent('.assistant .markdown'))?.includes('<script>'), 'HTML shows as text');
      if (csp) await chat.screenshot('xss-corpus');
    });

    it('restores payloads from a transcript and shows them in every host-filled field as text', async () => {
      const evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
      const turns = xssCorpus.map((payload, index) => turn({
        userText: payload.markdown,
        assistantText: payload.markdown,
        refusalText: index % 5 === 0 ? payload.markdown : '',
        reasoningSummary: index % 3 === 0 ? payload.markdown : '',
        personaLabel: evil,
        model: evil,
        notice: index % 4 === 0 ? evil : undefined,
        status: index % 2 === 0 ? 'failed' : 'complete',
        error: index % 2 === 0 ? { kind: 'http', title: evil, detail: payload.markdown, action: evil } : undefined,
        context: [{ path: `/src/${evil}.ts`, languageId: 'typescript', startLine: 1, endLine: 2, text: evil }],
      }));
      await chat.post({ type: 'init', turns, state: panelState({ baseUrl: evil, hasApiKey: false, personas: [{ id: 'x', label: evil, model: evil }], activePersonaId: 'x', model: evil }), totals: usage() });
      await chat.settle();
      // Render every lazily rendered answer and open every reasoning block.
      await chat.page.evaluate(async () => {
        const scroller = document.getElementById('transcript') as HTMLElement;
        for (let top = 0; top <= scroller.scrollHeight; top += 300) {
          scroller.scrollTop = top;
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        }
        // Opening a details element renders its content in the `toggle` event, which fires in a later task.
        const closed = Array.from(document.querySelectorAll('details')).filter((details) => !details.open);
        const toggled = closed.map((details) => new Promise((resolve) => details.addEventListener('toggle', resolve, { once: true })));
        for (const details of closed) details.open = true;
        await Promise.all(toggled);
      });
      assert.equal(await chat.page.locator('.turn.unmaterialized').count(), 0, 'all turns were built and rendered');
      await assertNothingRan();
      assert.equal(await chat.page.textContent('#base-url'), evil);
    });

    it('opens links only through openLink requests, and only http, https and mailto', async () => {
      const links = [
        '[web](https://example.com/a?b=c)', '[plain](http://example.org)', '[mail](mailto:someone@example.com)',
        'www.example.net', '<https://example.com/auto>', '[rel](./local/file.ts)', '[anchor](#section)',
        '![remote image](https://images.example.com/cat.png)',
      ].join('\n\n');
      const text = `${links}\n\n${xssAnswer()}`;
      await chat.post({ type: 'init', turns: [turn({ assistantText: text })], state: panelState(), totals: usage() });
      await chat.settle();
      await chat.clearPosted();
      const count = await chat.page.locator('.markdown a').count();
      for (let i = 0; i < count; i++) {
        await chat.page.locator('.markdown a').nth(i).click({ modifiers: i % 3 === 1 ? ['Control'] : [] });
        await chat.page.locator('.markdown a').nth(i).click({ button: 'middle' });
      }
      await chat.page.focus('.markdown a[data-href]');
      await chat.page.keyboard.press('Enter');
      await chat.settle();
      const posted = await chat.posted();
      assert.ok(posted.every((m) => m.type === 'openLink'), `unexpected messages: ${JSON.stringify(posted)}`);
      const hrefs = new Set(posted.map((m) => (m.type === 'openLink' ? m.href : '')));
      for (const expected of [
        'http://example.org', 'http://www.example.net', 'https://example.com/a?b=c', 'https://example.com/auto',
        'https://images.example.com/cat.png', 'mailto:someone@example.com',
      ]) assert.ok(hrefs.has(expected), `no openLink for ${expected}`);
      // Links inside the payloads (linkified text, the image turned link) are fine as long as they are web links.
      for (const href of hrefs) assert.match(href, /^(https?:\/\/|mailto:)/);
      assert.ok(![...hrefs].some((href) => href.includes('local/file.ts') || href.startsWith('#')), 'relative links are not links');
      assert.equal(await chat.page.evaluate(() => location.href), pages.harness().url({ csp }));
      assert.equal(await chat.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), undefined);
      assert.equal(pages.browser().contexts()[0].pages().length, 1, 'no window was opened');
      assert.deepEqual(chat.foreignRequests, []);
    });
  });
}
