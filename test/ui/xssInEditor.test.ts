import * as assert from 'node:assert/strict';
import type { Frame, Request } from 'playwright-core';
import { auditRenderedOutput, loadsSettled, xssAnswer, xssCorpus } from '../browser/xssCorpus';
import { LAST_TURN, hostRoundTrip, sendAndWait, showThreadlineView } from './support/chatPanel';
import { MODAL_DIALOG, clickDialogButton, notificationTexts, openModalDialog } from './support/workbenchUi';
import { WorkbenchSession } from './workbenchSession';

/** Hosts named by the corpus: any request to one of them means model output loaded something. */
const CORPUS_HOSTS = /(^|\.)(tracker\.invalid|evil\.invalid|example\.com)$/;
/**
 * What the host logs for one successful request, anything else after the baseline being a side effect: the request, the reply, and, on the first request to a host, which route
 * it takes (direct or through a proxy, with the extra CA files trusted, which depend on the machine's environment).
 */
const REQUEST_LOG_LINE = /^\S+ \S+ \[info\] (→ POST|← |requests to \S+ go )/;

/**
 * The XSS corpus as the fake model's answer, rendered by the real chat webview inside the real workbench:
 * nothing may run, load, navigate or reach the host, and links leave only through the host's confirmation.
 */
suite('XSS corpus in the real chat webview', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let chat: Frame;
  const foreignRequests: string[] = [];
  let logBaseline = 0;

  const newLogLines = (): string[] => session.threadlineLog().slice(logBaseline).split('\n').filter((line) => line.trim().length > 0);
  const heading = (name: string) => chat.locator(`${LAST_TURN} .assistant .markdown h3`, { hasText: new RegExp(`^${name}$`) });

  async function assertNothingRan(): Promise<void> {
    for (const frame of session.page.frames()) {
      if (frame.isDetached()) continue;
      const flag = await frame.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
      assert.equal(flag, undefined, `a payload executed in frame ${frame.url()}`);
    }
    assert.deepEqual(foreignRequests, [], 'model output loaded something');
    assert.equal(chat.isDetached(), false, 'the webview did not navigate away');
    assert.ok(await chat.locator('#prompt').isVisible(), 'the panel is intact');
    assert.deepEqual(await chat.evaluate(auditRenderedOutput), [], 'unsafe elements or attributes in the rendered answer');
  }

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-xss');
    session.page.on('request', (request: Request) => {
      const host = new URL(request.url()).hostname;
      if (CORPUS_HOSTS.test(host)) foreignRequests.push(request.url());
    });
    session.fake.reply = () => xssAnswer();
    chat = await showThreadlineView(session);
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  test('the corpus streams and renders as inert text: nothing runs, loads or reaches the host', async () => {
    logBaseline = session.threadlineLog().length;
    const requestsBefore = session.fake.requests.length;
    const editorTabsBefore = await session.page.locator('.part.editor .tab').count();

    const turn = await sendAndWait(chat, 'Show me the payloads');
    assert.equal(await chat.locator(`${LAST_TURN} .assistant .markdown h3`).count(), xssCorpus.length, 'every payload was rendered');
    assert.ok(turn.answer.includes("<script>window.__xss='ran'</script>"), 'HTML shows as text');
    // onerror/onload handlers would fire after rendering, not during it: wait until every load has ended, then
    // for a round trip through the host, so anything a payload posted has reached it before the checks.
    await chat.evaluate(loadsSettled);
    await hostRoundTrip(chat);
    await assertNothingRan();

    assert.equal(session.fake.requests.length, requestsBefore + 1, 'the server got only the one request');
    const logged = newLogLines();
    assert.deepEqual(logged.filter((line) => !REQUEST_LOG_LINE.test(line)), [], 'the host logged nothing but the request');
    assert.equal(await openModalDialog(session.page), undefined, 'no dialog opened');
    assert.deepEqual(await notificationTexts(session.page), [], 'no notification was raised');
    assert.equal(await session.page.locator('.part.editor .tab').count(), editorTabsBefore, 'no editor was opened');
    await session.screenshot('xss-corpus-rendered');
    await heading('markdown image remote tracker').scrollIntoViewIfNeeded();
    await session.screenshot('xss-corpus-links');
  });

  test('a javascript: link is plain text: clicking it opens nothing', async () => {
    logBaseline = session.threadlineLog().length;
    const payload = heading('javascript link').locator('xpath=following-sibling::*[1]');
    assert.match(await payload.innerText(), /javascript:/, 'the link shows as its source text');
    assert.equal(await payload.locator('a').count(), 0, 'no anchor was made from it');
    await payload.click();
    // Had the click posted anything, the host has handled it once this round trip is back.
    await hostRoundTrip(chat);
    assert.equal(await openModalDialog(session.page), undefined, 'no confirmation, because nothing was asked of the host');
    assert.deepEqual(await notificationTexts(session.page), []);
    assert.deepEqual(newLogLines(), []);
    await assertNothingRan();
  });

  test('an https link opens only through the host, after a confirmation showing the full address', async () => {
    logBaseline = session.threadlineLog().length;
    const link = heading('markdown image remote tracker').locator('xpath=following-sibling::*[1]').locator('a[data-href]');
    const href = await link.getAttribute('data-href');
    assert.equal(href, 'https://tracker.invalid/p.png?leak=secret');
    assert.equal(await link.getAttribute('href'), null, 'the anchor itself cannot navigate');
    await link.click();

    await session.page.locator(MODAL_DIALOG).first().waitFor({ state: 'visible', timeout: 30_000 });
    const dialog = await openModalDialog(session.page);
    assert.ok(dialog);
    assert.match(dialog.message, /open this link/i);
    assert.equal(dialog.detail, href, 'the user sees exactly where the link goes');
    assert.ok(dialog.buttons.includes('Open') && dialog.buttons.includes('Cancel'), `buttons: ${dialog.buttons.join(', ')}`);
    await session.screenshot('link-confirmation');
    await clickDialogButton(session.page, 'Cancel');

    assert.deepEqual(foreignRequests, [], 'cancelled: nothing was opened or fetched');
    assert.equal(session.page.context().pages().length, 1, 'no window or tab was opened');
    assert.deepEqual(newLogLines(), [], 'the host did nothing after the cancel');
    await assertNothingRan();
  });
});
