/**
 * Driving the editors the way a user does: Quick Open, Go to Line, selections and typing, reading the text on
 * screen. The rest of the workbench (palette, menus, notifications, dialogs, status bar) is in workbenchChrome.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../../../scripts/lib/paths.mjs';
import { ACTIVE_EDITOR, QUICK_INPUT, QUICK_ROW, UI_TIMEOUT_MS, WorkbenchChrome, until } from './workbenchChrome';

export { UI_TIMEOUT_MS, until } from './workbenchChrome';

/** Monaco renders spaces as no-break spaces; tests compare with the file's own text. */
function plainText(rendered: string): string {
  return rendered.replace(/\u00a0/g, ' ');
}

/** The editors on top of the workbench chrome: opening files, selecting, typing, reading what is shown. */
export class EditorUi extends WorkbenchChrome {
  /** The server-side folder the workbench opened (the session's copy of the fixture workspace). */
  get workspaceFolder(): string {
    const folder = new URL(this.page.url()).searchParams.get('folder');
    if (!folder) throw new Error(`the workbench URL names no folder: ${this.page.url()}`);
    return folder;
  }

  /** Threadline activates on startup finished; its status bar items are the visible sign. */
  async waitForThreadline(timeoutMs = 90_000): Promise<void> {
    await this.statusBarItem('threadline.tokens').waitFor({ timeout: timeoutMs });
    await this.statusBarItem('threadline.persona').waitFor({ timeout: timeoutMs });
  }

  /** A screenshot named after a failed test, so a failure can be seen and not only read about. */
  async screenshotOnFailure(test: { state?: string; title: string } | undefined): Promise<void> {
    if (test?.state !== 'failed') return;
    await this.session.screenshot(`FAILED-${test.title.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
  }

  /** A file of the opened workspace as it is on disk. */
  readWorkspaceFile(relativePath: string): string {
    return fs.readFileSync(path.join(this.workspaceFolder, relativePath), 'utf8');
  }

  /**
   * Merges keys into the workspace's .vscode/settings.json, as a user editing that file does; a key set to
   * undefined is removed. The workbench notices the change through its file watcher.
   */
  updateWorkspaceSettings(changes: Record<string, unknown>): void {
    const file = path.join(this.workspaceFolder, '.vscode', 'settings.json');
    const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete current[key];
      else current[key] = value;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(current, null, 2)}\n`);
  }

  // ── Editors ────────────────────────────────────────────────────────────────────────────────────────

  /** Opens a workspace file through Quick Open (Ctrl+P) and waits until its editor is the active one. */
  async openFile(relativePath: string): Promise<void> {
    const name = path.basename(relativePath);
    const input = this.page.locator(`${QUICK_INPUT} input`);
    // Enter before the file search answers would accept nothing; the row must be there first.
    const row = this.page.locator(QUICK_ROW).filter({ hasText: name }).first();
    // Quick Open searches a file list that learns of a file just written a moment later: when it answers
    // "No matching results", it is asked again rather than waited on.
    const noMatch = this.page.locator(QUICK_ROW).filter({ hasText: /^No matching results$/ }).first();
    await until(`Quick Open to find ${relativePath}`, async () => {
      if (!(await input.isVisible())) await this.page.keyboard.press('Control+p');
      await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
      await input.fill(relativePath);
      const found = await Promise.race([
        row.waitFor({ timeout: UI_TIMEOUT_MS }).then(() => true, () => false),
        noMatch.waitFor({ timeout: UI_TIMEOUT_MS }).then(() => false, () => false),
      ]);
      if (found) return true;
      // Closing Quick Open drops its cached file list; the next one searches again.
      await this.page.keyboard.press('Escape');
      await input.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
      return undefined;
    });
    await row.click();
    await this.waitForActiveTab(name);
    await this.focusEditor();
  }

  /**
   * Waits until the active editor group's active tab is titled `title` (a string must match exactly, a
   * function decides). Untitled documents are titled by their first line, or "Untitled-N" without one.
   */
  async waitForActiveTab(title: string | RegExp | ((label: string) => boolean)): Promise<string> {
    const matches = (label: string): boolean =>
      typeof title === 'string' ? label === title : title instanceof RegExp ? title.test(label) : title(label);
    return until(`the active editor tab to be ${String(title)}`, async () => {
      const label = (await this.page.locator('.editor-group-container.active .tab.active .label-name').first().innerText({ timeout: 1000 })).trim();
      return matches(label) ? label : undefined;
    });
  }

  async activeTabTitle(): Promise<string> {
    return (await this.page.locator('.editor-group-container.active .tab.active .label-name').first().innerText()).trim();
  }

  /** Gives the active editor keyboard focus (clicking would move the cursor, so the text area is focused). */
  async focusEditor(): Promise<void> {
    await this.page.locator(`${ACTIVE_EDITOR} .view-lines`).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await this.page.locator(`${ACTIVE_EDITOR} textarea.inputarea`).first().focus();
    await until('the editor to have focus', () => this.page.evaluate(
      () => document.activeElement?.closest('.monaco-editor')?.classList.contains('focused') || undefined,
    ));
  }

  /** The active editor's rendered text. Monaco only renders what is on screen: keep it to small files. */
  async activeEditorText(): Promise<string> {
    return plainText(await this.page.locator(`${ACTIVE_EDITOR} .view-lines`).first().innerText());
  }

  /** Puts the cursor at the start of `line` (1-based) with Go to Line (Ctrl+G). */
  async goToLine(line: number): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+g');
    await this.page.locator(`${QUICK_INPUT} input`).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await this.page.keyboard.insertText(`${line}:1`);
    await this.page.keyboard.press('Enter');
    await this.waitForQuickInputClosed();
    await this.waitForCursor(line, 1);
  }

  /** Selects whole lines `from`..`to` (1-based, inclusive): from the start of `from` to the end of `to`. */
  async selectLines(from: number, to: number): Promise<void> {
    await this.goToLine(from);
    for (let line = from; line < to; line++) await this.page.keyboard.press('Shift+ArrowDown');
    await this.page.keyboard.press('Shift+End');
    await until(`lines ${from}–${to} to be selected`, async () => {
      const status = await this.selectionStatus();
      return status.line === to && status.selected !== undefined ? status : undefined;
    });
  }

  async selectAll(): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+a');
    await until('a selection', async () => ((await this.selectionStatus()).selected ? true : undefined));
  }

  /** Clears the selection, leaving the cursor at the start of `line`. */
  async placeCursor(line: number): Promise<void> {
    await this.goToLine(line);
  }

  /** The cursor position and selected character count, read from the status bar ("Ln 5, Col 12 (137 selected)"). */
  async selectionStatus(): Promise<{ line: number; column: number; selected?: number; text: string }> {
    const text = (await this.page.locator('[id="status.editor.selection"]').innerText({ timeout: 2000 })).trim();
    const match = /Ln (\d+), Col (\d+)(?: \(([\d,]+) selected\))?/.exec(text);
    if (!match) throw new Error(`unexpected cursor status "${text}"`);
    return { line: Number(match[1]), column: Number(match[2]), selected: match[3] ? Number(match[3].replace(/,/g, '')) : undefined, text };
  }

  async waitForCursor(line: number, column: number): Promise<void> {
    await until(`the cursor at ${line}:${column} with nothing selected`, async () => {
      const status = await this.selectionStatus();
      return status.line === line && status.column === column && status.selected === undefined ? true : undefined;
    });
  }

  /** Presses the default keybinding package.json gives `command`, chord by chord, as a user on Linux would. */
  async pressKeybindingOf(command: string): Promise<string> {
    const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as {
      contributes?: { keybindings?: Array<{ command: string; key: string }> };
    };
    const binding = manifest.contributes?.keybindings?.find((k) => k.command === command);
    if (!binding) throw new Error(`package.json binds no key to ${command}`);
    for (const chord of binding.key.split(' ')) await this.page.keyboard.press(playwrightChord(chord));
    return binding.key;
  }

  /** Types at the cursor like a user. */
  async type(text: string): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.type(text, { delay: 15 });
  }

  /** Closes the editors of the active group, answering "Don't Save" for scratch documents. */
  async closeAllEditors(): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box');
    const tabs = this.page.locator('.editor-group-container .tab');
    await until('all editors to close', async () => {
      if (await dialog.isVisible()) {
        await dialog.locator('.dialog-buttons .monaco-button', { hasText: "Don't Save" }).first().click();
        await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
      }
      if ((await tabs.count()) === 0) return true;
      // An editor opened by a command still finishing can appear after the first close: close again.
      if (!(await dialog.isVisible())) await this.runCommand('View: Close All Editors');
      return undefined;
    }, 60_000);
  }
}

/** "ctrl+shift+alt+e" → "Control+Shift+Alt+KeyE": physical keys, as VS Code dispatches by key code. */
function playwrightChord(chord: string): string {
  const names: Record<string, string> = { ctrl: 'Control', shift: 'Shift', alt: 'Alt', meta: 'Meta', cmd: 'Meta' };
  return chord.split('+').map((part) => {
    const lower = part.toLowerCase();
    if (names[lower]) return names[lower];
    if (/^[a-z]$/.test(lower)) return `Key${lower.toUpperCase()}`;
    if (/^[0-9]$/.test(lower)) return `Digit${lower}`;
    return part.length > 1 ? part.charAt(0).toUpperCase() + part.slice(1) : part;
  }).join('+');
}
