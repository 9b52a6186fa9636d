import type { Browser, Page } from 'playwright-core';
import type { HostToWebview, WebviewToHost } from '../../src/core/protocol';
import type { Harness, PageOptions } from './harness';

/** A harness page with the chat webview loaded, and the calls a test needs to drive it like the host does. */
export class ChatPage {
  readonly consoleWarnings: string[] = [];
  readonly pageErrors: string[] = [];
  readonly dialogs: string[] = [];
  readonly foreignRequests: string[] = [];

  private constructor(readonly page: Page, origin: string) {
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') this.consoleWarnings.push(message.text());
    });
    page.on('pageerror', (error) => this.pageErrors.push(String(error)));
    page.on('dialog', (dialog) => {
      this.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) this.foreignRequests.push(request.url());
    });
  }

  static async open(browser: Browser, harness: Harness, options: PageOptions & { width?: number; height?: number; timezoneId?: string } = {}): Promise<ChatPage> {
    const page = await browser.newPage({ viewport: { width: options.width ?? 420, height: options.height ?? 720 }, timezoneId: options.timezoneId });
    const chat = new ChatPage(page, harness.origin);
    await page.goto(harness.url(options));
    await chat.waitForPosted('ready');
    return chat;
  }

  /** Posts a host message the way the extension host does (asynchronously, through postMessage). */
  async post(message: HostToWebview | Record<string, unknown> | string | number | null): Promise<void> {
    await this.page.evaluate((data) => window.postMessage(data, '*'), message);
  }

  async postAll(messages: HostToWebview[]): Promise<void> {
    await this.page.evaluate((list) => { for (const data of list) window.postMessage(data, '*'); }, messages);
  }

  /** Waits until queued messages were handled and two animation frames rendered. */
  async settle(): Promise<void> {
    await this.page.evaluate(() => new Promise<void>((resolve) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => resolve())), 0)));
  }

  async posted(): Promise<WebviewToHost[]> {
    return this.page.evaluate(() => (window as unknown as { __posted: WebviewToHost[] }).__posted.slice());
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => { (window as unknown as { __posted: unknown[] }).__posted.length = 0; });
  }

  async waitForPosted(type: WebviewToHost['type']): Promise<WebviewToHost> {
    const handle = await this.page.waitForFunction(
      (wanted) => (window as unknown as { __posted: Array<{ type: string }> }).__posted.find((m) => m.type === wanted),
      type,
    );
    return (await handle.jsonValue()) as WebviewToHost;
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/${name}.png` });
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
