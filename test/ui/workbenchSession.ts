/**
 * A real workbench for UI tests: code-server with Threadline loaded from the development folder, a fake Responses
 * server in this process, and headless chromium on the workbench. More windows (pages, each with its own extension
 * host) can be opened on the same code-server; see workbenchWindow.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { startCodeServer, type RunningCodeServer } from '../../scripts/lib/codeServer.mjs';
import { projectRoot, resultsDir, scratchDir } from '../../scripts/lib/paths.mjs';
import { launchChromium } from '../../scripts/lib/workbench.mjs';
import { FakeResponsesServer } from '../fake-server/fakeResponsesServer';
import { type WindowTarget, WorkbenchWindow } from './workbenchWindow';

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
  /** VS Code's display language (code-server's `--locale`), e.g. `ko`; English when absent. */
  locale?: string;
  /** Opens an empty window: code-server is given no folder and the URL names none. */
  folderless?: boolean;
  /** Runs once the profile and workspace folders exist and before the editor starts (to put files into its storage). */
  beforeStart?: (paths: SessionPaths) => void | Promise<void>;
  /** Runs once the editor has stopped and before the session's folders are removed (to unmount what beforeStart mounted). */
  afterStop?: () => void;
}

export interface SessionPaths {
  stateDir: string;
  workspace: string;
  /** Threadline's global storage in the code-server profile, where the conversation library lives. */
  globalStorage: string;
}

/** Where code-server keeps Threadline's global storage under a session's state folder. */
export function globalStorageDir(stateDir: string): string {
  return path.join(stateDir, 'user-data', 'User', 'globalStorage', 'threadline.threadline');
}

export class WorkbenchSession {
  private readonly extraWindows: WorkbenchWindow[] = [];

  private constructor(
    readonly main: WorkbenchWindow,
    readonly fake: FakeResponsesServer,
    private readonly browser: Browser,
    private readonly server: RunningCodeServer,
    private readonly target: WindowTarget,
    /** Numbers screenshots across every window of the session. */
    private readonly nextShot: () => number,
    private readonly stateDir: string,
    readonly screenshotDir: string,
    private readonly afterStop: (() => void) | undefined,
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
    await options.beforeStart?.({ stateDir, workspace, globalStorage: globalStorageDir(stateDir) });
    const folder = options.folderless ? undefined : workspace;

    const fake = new FakeResponsesServer();
    const baseUrl = await fake.start();
    const server = await startCodeServer({
      root,
      stateDir,
      folder,
      // The extension falls back to OPENAI_API_KEY when SecretStorage holds no key.
      env: { OPENAI_API_KEY: UI_API_KEY, ...options.env },
      logFile: path.join(logDir, 'server.log'),
      ...(options.locale ? { locale: options.locale } : {}),
      userSettings: {
        'threadline.baseUrl': baseUrl,
        'threadline.maxRetries': 0,
        'workbench.startupEditor': 'none',
        // No walkthrough of any installed extension in front of the views a test drives.
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'workbench.tips.enabled': false,
        'extensions.ignoreRecommendations': true,
        ...options.userSettings,
      },
    });
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const target: WindowTarget = { origin: server.origin, folder, extensionDevelopmentPath: root, logDir };
      let shots = 0;
      const nextShot = () => ++shots;
      const main = await WorkbenchWindow.open(browser, target, '', nextShot);
      return new WorkbenchSession(main, fake, browser, server, target, nextShot, stateDir, logDir, options.afterStop);
    } catch (error) {
      await browser?.close().catch(() => {});
      await server.stop();
      await fake.stop();
      options.afterStop?.();
      throw error;
    }
  }

  /**
   * Opens the same workbench URL in another page of the browser (its own context, as another tab or browser
   * would): code-server gives it a window and an extension host of its own, on the same folder and profile.
   */
  async openSecondWindow(label = 'second'): Promise<WorkbenchWindow> {
    const window = await WorkbenchWindow.open(this.browser, this.target, label, this.nextShot);
    this.extraWindows.push(window);
    return window;
  }

  get page(): Page {
    return this.main.page;
  }

  /** Clicks the Threadline activity-bar entry and returns the frame holding the chat once its composer is there. */
  async openThreadlineView(): Promise<Frame> {
    const entry = this.page.locator('.activitybar [aria-label^="Threadline"]').first();
    await entry.waitFor({ timeout: 60_000 });
    await entry.click();
    return this.frameWith('#prompt');
  }

  /** The (nested) frame of the first window that contains `selector`, polling because webviews load asynchronously. */
  frameWith(selector: string, timeoutMs = 30_000): Promise<Frame> {
    return this.main.frameWith(selector, timeoutMs);
  }

  /** The workspace folder the workbench has open (a fresh copy of test/integration/fixtures/workspace). */
  get workspaceFolder(): string {
    return path.join(this.stateDir, 'workspace');
  }

  /** Threadline's global storage in this session's profile: the conversation library is under it. */
  get globalStorage(): string {
    return globalStorageDir(this.stateDir);
  }

  /** What the extension has written to its "Threadline" log channel so far (the channel's files on the server). */
  threadlineLog(): string {
    const logs = path.join(this.stateDir, 'user-data', 'logs');
    if (!fs.existsSync(logs)) return '';
    const files = fs.readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f) === 'Threadline.log').sort();
    return files.map((f) => fs.readFileSync(path.join(logs, f), 'utf8')).join('');
  }

  /** Saves a numbered screenshot of the first window into test-results/<name>/ and returns its path. */
  screenshot(label: string): Promise<string> {
    return this.main.screenshot(label);
  }

  async close(): Promise<void> {
    for (const window of this.extraWindows.splice(0)) await window.close();
    await this.main.close();
    await this.browser.close().catch(() => {});
    await this.server.stop();
    await this.fake.stop();
    this.afterStop?.();
    fs.rmSync(this.stateDir, { recursive: true, force: true });
  }
}
