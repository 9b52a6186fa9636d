/**
 * A real workbench for UI tests: code-server with Threadline loaded from the development folder, a fake Responses
 * server in this process, and headless chromium on the workbench. The webview's content lives in nested iframes,
 * so elements inside it are reached by searching page.frames().
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { startCodeServer, type RunningCodeServer } from '../../scripts/lib/codeServer.mjs';
import { projectRoot, resultsDir, scratchDir } from '../../scripts/lib/paths.mjs';
import { captureConsole, launchChromium, workbenchUrl } from '../../scripts/lib/workbench.mjs';
import { FakeResponsesServer } from '../fake-server/fakeResponsesServer';

export const UI_API_KEY = 'sk-ui-test-key-1357';

export interface WorkbenchOptions {
  /** Merged over the default environment; a variable set to undefined is removed (e.g. OPENAI_API_KEY for the no-key state). */
  env?: Record<string, string | undefined>;
  /** Merged over the default user settings; a setting set to undefined is left out (its default applies). */
  userSettings?: Record<string, unknown>;
  /**
   * Files (relative path → text) and workspace settings put into the workspace copy BEFORE the editor starts.
   * Written later, they race the editor's file index (Quick Open can miss a new file) and its settings watcher.
   */
  workspaceFiles?: Record<string, string>;
  workspaceSettings?: Record<string, unknown>;
}

export class WorkbenchSession {
  private shotCounter = 0;

  private constructor(
    readonly page: Page,
    readonly fake: FakeResponsesServer,
    private readonly browser: Browser,
    private readonly server: RunningCodeServer,
    private readonly closeConsole: () => Promise<void>,
    private readonly stateDir: string,
    readonly screenshotDir: string,
  ) {}

  /** Starts everything and waits for the workbench to render. `name` names test-results/<name>/. */
  static async open(name: string, options: WorkbenchOptions = {}): Promise<WorkbenchSession> {
    const root = projectRoot();
    const logDir = resultsDir(root, name);
    for (const old of fs.readdirSync(logDir)) fs.rmSync(path.join(logDir, old), { recursive: true, force: true });
    const stateDir = scratchDir(root, name);
    const workspace = path.join(stateDir, 'workspace');
    fs.cpSync(path.join(root, 'test', 'integration', 'fixtures', 'workspace'), workspace, { recursive: true });
    for (const [relative, text] of Object.entries(options.workspaceFiles ?? {})) {
      fs.mkdirSync(path.dirname(path.join(workspace, relative)), { recursive: true });
      fs.writeFileSync(path.join(workspace, relative), text);
    }
    if (options.workspaceSettings) {
      const settingsFile = path.join(workspace, '.vscode', 'settings.json');
      const current = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
      fs.writeFileSync(settingsFile, `${JSON.stringify({ ...current, ...options.workspaceSettings }, null, 2)}\n`);
    }

    const fake = new FakeResponsesServer();
    const baseUrl = await fake.start();
    const server = await startCodeServer({
      root,
      stateDir,
      folder: workspace,
      // The extension falls back to OPENAI_API_KEY when SecretStorage holds no key.
      env: { OPENAI_API_KEY: UI_API_KEY, ...options.env },
      logFile: path.join(logDir, 'server.log'),
      userSettings: {
        'threadline.baseUrl': baseUrl,
        'threadline.maxRetries': 0,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'extensions.ignoreRecommendations': true,
        ...options.userSettings,
      },
    });
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const closeConsole = captureConsole(page, path.join(logDir, 'browser-console.log'));
      await page.goto(workbenchUrl(server.origin, { folder: workspace, extensionDevelopmentPath: root }));
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      return new WorkbenchSession(page, fake, browser, server, closeConsole, stateDir, logDir);
    } catch (error) {
      await browser?.close().catch(() => {});
      await server.stop();
      await fake.stop();
      throw error;
    }
  }

  /** Clicks the Threadline activity-bar entry and returns the frame holding the chat once its composer is there. */
  async openThreadlineView(): Promise<Frame> {
    const entry = this.page.locator('.activitybar [aria-label^="Threadline"]').first();
    await entry.waitFor({ timeout: 60_000 });
    await entry.click();
    return this.frameWith('#prompt');
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

  /** The workspace folder the workbench has open (a fresh copy of test/integration/fixtures/workspace). */
  get workspaceFolder(): string {
    return path.join(this.stateDir, 'workspace');
  }

  /** What the extension has written to its "Threadline" log channel so far (the channel's files on the server). */
  threadlineLog(): string {
    const logs = path.join(this.stateDir, 'user-data', 'logs');
    if (!fs.existsSync(logs)) return '';
    const files = fs.readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f) === 'Threadline.log').sort();
    return files.map((f) => fs.readFileSync(path.join(logs, f), 'utf8')).join('');
  }

  /** Saves a numbered screenshot into test-results/<name>/ and returns its path. */
  async screenshot(label: string): Promise<string> {
    const file = path.join(this.screenshotDir, `${String(++this.shotCounter).padStart(2, '0')}-${label}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async close(): Promise<void> {
    await this.closeConsole().catch(() => {});
    await this.browser.close().catch(() => {});
    await this.server.stop();
    await this.fake.stop();
    fs.rmSync(this.stateDir, { recursive: true, force: true });
  }
}
