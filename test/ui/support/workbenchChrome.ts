/**
 * The workbench around the editors, driven the way a user drives it: the command palette and quick picks, the
 * editor's context menu, notifications, modal dialogs and the status bar. Everything waits on what is on
 * screen, never on fixed sleeps, because the machine may be busy with other test runs.
 */
import type { Locator, Page } from 'playwright-core';
import type { WorkbenchSession } from '../workbenchSession';

export const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';
export const QUICK_INPUT = '.quick-input-widget';
export const QUICK_ROW = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;

export const UI_TIMEOUT_MS = 30_000;

/** Polls `probe` until it returns something other than undefined; the message says what was awaited. */
export async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = UI_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class WorkbenchChrome {
  constructor(readonly session: WorkbenchSession) {}

  get page(): Page {
    return this.session.page;
  }

  // ── Commands and menus ─────────────────────────────────────────────────────────────────────────────

  /** Runs a command from the command palette (F1) by its full title, e.g. "Threadline: Explain Selection". */
  async runCommand(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    const input = this.page.locator(`${QUICK_INPUT} input`);
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await input.fill(`>${title}`);
    await this.pickQuickItem(title, { exact: true });
  }

  /** Clicks the row of the open quick pick whose label reads `label` (codicons aside). */
  async pickQuickItem(label: string | RegExp, { exact = false } = {}): Promise<void> {
    const row = this.quickItem(label, exact);
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    await row.click();
  }

  quickItem(label: string | RegExp, exact = false): Locator {
    const labelLocator = this.page.locator('.quick-input-list-label .label-name');
    const named = exact && typeof label === 'string'
      ? labelLocator.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) })
      : labelLocator.filter({ hasText: label });
    return this.page.locator(QUICK_ROW).filter({ has: named }).first();
  }

  /** The labels of the open quick pick's rows, in order. */
  async quickItemLabels(): Promise<string[]> {
    await this.page.locator(QUICK_ROW).first().waitFor({ timeout: UI_TIMEOUT_MS });
    const labels = await this.page.locator(`${QUICK_ROW} .quick-input-list-label .label-name`).allInnerTexts();
    return labels.map((l) => l.trim());
  }

  async waitForQuickInputClosed(): Promise<void> {
    await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }

  /**
   * Right-clicks inside the active editor's selection (a click outside would move the cursor and drop the
   * selection) and returns the labels of the context menu's top level.
   */
  async openEditorContextMenu(): Promise<string[]> {
    const selected = this.page.locator(`${ACTIVE_EDITOR} .selected-text`).first();
    await selected.waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
    const box = await until('the selection to be laid out', async () => (await selected.boundingBox()) ?? undefined);
    await this.page.mouse.click(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2, { button: 'right' });
    const labels = this.page.locator('.context-view .monaco-menu .action-label');
    await labels.first().waitFor({ timeout: UI_TIMEOUT_MS });
    return (await labels.allInnerTexts()).map((l) => l.trim()).filter((l) => l.length > 0);
  }

  /** From an open context menu: hovers `submenu`, then clicks `entry` in it. Returns the submenu's labels. */
  async clickContextSubmenuEntry(submenu: string, entry: string): Promise<string[]> {
    const parent = this.page.locator('.context-view .monaco-menu .action-label').filter({ hasText: new RegExp(`^${escapeRegExp(submenu)}$`) }).first();
    await parent.hover();
    // The submenu is a second .monaco-menu inside the first one's container.
    const nested = this.page.locator('.context-view .monaco-submenu .action-label');
    const item = nested.filter({ hasText: new RegExp(`^${escapeRegExp(entry)}$`) }).first();
    await until(`the "${submenu}" submenu to open`, async () => {
      if (await item.isVisible()) return true;
      await parent.hover();
      return undefined;
    });
    const labels = (await nested.allInnerTexts()).map((l) => l.trim()).filter((l) => l.length > 0);
    // A click can land while the submenu is being rebuilt (the hover above re-opens it) and then does nothing:
    // the menu stays open. A click that worked always closes the menu, so only an open menu is clicked again.
    const menu = this.page.locator('.context-view .monaco-menu').first();
    for (let attempt = 1; ; attempt++) {
      await item.click();
      const closed = await menu.waitFor({ state: 'detached', timeout: 5_000 }).then(() => true, () => false);
      if (closed) break;
      if (attempt >= 3) throw new Error(`the context menu stayed open after clicking "${entry}" ${attempt} times`);
      if (!(await item.isVisible())) await parent.hover();
    }
    return labels;
  }

  // ── Notifications, dialogs and the status bar ──────────────────────────────────────────────────────

  /** The toast whose message matches `text`. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast').filter({
      has: this.page.locator('.notification-list-item-message', { hasText: text }),
    }).first();
  }

  /** Waits for the toast matching `text` to be shown and done sliding in (screenshots and clicks need it still). */
  async waitForNotification(text: string | RegExp): Promise<Locator> {
    const toast = this.notification(text);
    await toast.waitFor({ timeout: UI_TIMEOUT_MS });
    await until('the notification to finish fading in', async () =>
      ((await toast.getAttribute('class', { timeout: 1000 })) ?? '').includes('notification-fade-in-done') || undefined);
    return toast;
  }

  async notificationMessage(toast: Locator): Promise<string> {
    return (await toast.locator('.notification-list-item-message').innerText()).trim();
  }

  async notificationButtons(toast: Locator): Promise<string[]> {
    return (await toast.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts()).map((t) => t.trim());
  }

  async clickNotificationButton(toast: Locator, label: string): Promise<void> {
    await toast.locator('.notification-list-item-buttons-container .monaco-button', { hasText: label }).first().click();
  }

  /** Closes every toast so the next test starts with a clean corner. */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS }).catch(() => undefined);
  }

  /** The modal dialog (a warning with buttons), once it is shown. */
  async modalDialog(): Promise<{ message: string; detail: string; buttons: string[]; box: Locator }> {
    const box = this.page.locator('.monaco-dialog-box').first();
    await box.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const message = (await box.locator('.dialog-message-text').innerText()).trim();
    const detail = (await box.locator('.dialog-message-detail').innerText().catch(() => '')).trim();
    const buttons = (await box.locator('.dialog-buttons .monaco-button').allInnerTexts()).map((b) => b.trim());
    return { message, detail, buttons, box };
  }

  async clickDialogButton(label: string): Promise<void> {
    const box = this.page.locator('.monaco-dialog-box').first();
    await box.locator('.dialog-buttons .monaco-button', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }).first().click();
    await box.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  }

  /** A status bar entry by the id its extension gave it (the DOM id is prefixed with the extension id). */
  statusBarItem(id: string): Locator {
    return this.page.locator(`.statusbar-item[id$="${id}"]`).first();
  }

  async statusBarText(id: string): Promise<string> {
    return (await this.statusBarItem(id).innerText()).trim();
  }

  /** A transient status bar message (window.setStatusBarMessage) containing `text`. */
  statusBarMessage(text: string | RegExp): Locator {
    return this.page.locator('.statusbar-item').filter({ hasText: text }).first();
  }

  /** Hovers a status bar entry and returns its tooltip element once shown. */
  async hoverStatusBarItem(id: string): Promise<Locator> {
    const item = this.statusBarItem(id);
    const hover = this.page.locator('.workbench-hover, .monaco-hover').filter({ hasText: /\S/ }).last();
    await until(`the tooltip of ${id}`, async () => {
      if (await hover.isVisible()) return true;
      await this.page.mouse.move(0, 0);
      await item.hover();
      await hover.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
      return (await hover.isVisible()) || undefined;
    });
    return hover;
  }
}
