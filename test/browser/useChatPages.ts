import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { ChatPage } from './chatPage';
import { type Harness, launchChromium, startHarness } from './harness';

export interface ChatPageHooks {
  /** The page of the running test; only with `perTest`. */
  chat(): ChatPage;
  browser(): Browser;
  harness(): Harness;
}

/**
 * Registers the mocha hooks every webview suite needs: one harness server and one Chromium per suite and,
 * with `perTest` (the default), a fresh chat page per test that must end without page errors.
 */
export function useChatPages(options: { csp?: boolean; perTest?: boolean; expectNoPageErrors?: boolean } = {}): ChatPageHooks {
  const { csp = true, perTest = true, expectNoPageErrors = true } = options;
  let browser: Browser | undefined;
  let harness: Harness | undefined;
  let chat: ChatPage | undefined;

  before(async () => {
    mkdirSync('test-results', { recursive: true });
    harness = await startHarness();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await harness?.close();
  });
  if (perTest) {
    beforeEach(async () => {
      chat = await ChatPage.open(required(browser), required(harness), { csp });
    });
    afterEach(async () => {
      if (expectNoPageErrors) assert.deepEqual(chat?.pageErrors, []);
      await chat?.close();
    });
  }
  return { chat: () => required(chat), browser: () => required(browser), harness: () => required(harness) };
}

function required<T>(value: T | undefined): T {
  assert.ok(value, 'used before the suite hooks ran');
  return value;
}
