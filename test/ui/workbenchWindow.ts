/**
 * One browser page on a code-server: a workbench window of its own, with its own extension host. The webview's
 * content lives in nested iframes, so elements inside it are reached by searching page.frames().
 */
import * as path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { captureConsole, workbenchUrl } from '../../scripts/lib/workbench.mjs';

export interface WindowTarget {
  origin: string;
  /** The folder to open; undefined opens an empty (folderless) window. */
  folder: string | undefined;
  extensionDevelopmentPath: string;
  logDir: string;
}

export class WorkbenchWindow {
  private constructor(
    readonly page: Page,
    readonly label: string,
    private readonly nextShot: () => number,
    private readonly logDir: string,
    private readonly closeConsole: () => Promise<void>,
  ) {}

  /**
   * A new page (a new browser context, as a second browser tab or browser would be) on the workbench URL,
   * once the workbench has rendered. `label` prefixes its screenshots and names its console log
   * (`<label>-console.log`); the session's first window has none (`browser-console.log`).
   */
  static async open(browser: Browser, target: WindowTarget, label: string, nextShot: () => number): Promise<WorkbenchWindow> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const closeConsole = captureConsole(page, path.join(target.logDir, `${label || 'browser'}-console.log`));
    try {
      await page.goto(workbenchUrl(target.origin, { folder: target.folder, extensionDevelopmentPath: target.extensionDevelopmentPath }));
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    } catch (error) {
      await closeConsole().catch(() => {});
      throw error;
    }
    return new WorkbenchWindow(page, label, nextShot, target.logDir, closeConsole);
  }

  /** The (nested) frame that contains `selector`, polling because webviews load asynchronously. */
  async frameWith(selector: string, timeoutMs = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of this.page.frames()) {
        if (frame.isDetached()) continue;
        const found = await frame.$(selector).catch(() => null);
        if (found) return frame;
      }
      if (Date.now() > deadline) throw new Error(`no frame contains ${selector} after ${timeoutMs}ms`);
      await this.page.waitForTimeout(200);
    }
  }

  /**
   * The window loses focus and gets it back, as when the user switches to another window and returns. Headless
   * chromium reports every page as focused whatever is in front (bringToFront changes nothing, with or without
   * focus emulation), so the workbench would never see a change. Here the document says "not focused" while a
   * blur and a visibility change are dispatched, then "focused" again with a focus and a visibility change. The
   * workbench reads document.hasFocus() on each of these events and tells the extension host through
   * onDidChangeWindowState, as for a real switch. Its blur handler runs on a zero-delay timer, hence the yields.
   */
  async blurAndRefocus(): Promise<void> {
    await this.page.evaluate(async () => {
      const yieldTask = () => new Promise((resolve) => setTimeout(resolve, 0));
      const real = Document.prototype.hasFocus;
      Document.prototype.hasFocus = () => false;
      try {
        window.dispatchEvent(new FocusEvent('blur'));
        document.dispatchEvent(new Event('visibilitychange'));
        await yieldTask();
        await yieldTask();
      } finally {
        Document.prototype.hasFocus = real;
      }
      window.dispatchEvent(new FocusEvent('focus'));
      document.dispatchEvent(new Event('visibilitychange'));
    });
  }

  /** Saves a numbered screenshot of this page into the session's results folder and returns its path. */
  async screenshot(label: string): Promise<string> {
    const prefix = this.label ? `${this.label}-` : '';
    const file = path.join(this.logDir, `${String(this.nextShot()).padStart(2, '0')}-${prefix}${label}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async close(): Promise<void> {
    await this.closeConsole().catch(() => {});
    await this.page.close().catch(() => {});
  }
}
