/**
 * The parts of the VS Code workbench the chat tests touch outside the webview: modal dialogs, the quick input
 * (quick open, input boxes, the simple file dialog), the text of the active editor and of a walkthrough page.
 */
import type { Locator, Page } from 'playwright-core';

export const MODAL_DIALOG = '.monaco-dialog-box';
export const QUICK_INPUT = '.quick-input-widget';

export function quickInputBox(page: Page): Locator {
  return page.locator(`${QUICK_INPUT} .quick-input-box input`).first();
}

/** Waits for the quick input to show (an input box, quick open or the save dialog) and returns its text field. */
export async function waitForQuickInput(page: Page, timeout = 30_000): Promise<Locator> {
  await page.locator(QUICK_INPUT).first().waitFor({ state: 'visible', timeout });
  const input = quickInputBox(page);
  await input.waitFor({ state: 'visible', timeout });
  return input;
}

export async function waitForQuickInputClosed(page: Page, timeout = 30_000): Promise<void> {
  await page.locator(QUICK_INPUT).first().waitFor({ state: 'hidden', timeout });
}

/** Opens a workspace file by name through Quick Open (Ctrl+P) and waits for its editor tab to be active. */
export async function quickOpenFile(page: Page, fileName: string): Promise<void> {
  // Focus the workbench itself: keys pressed while a webview has focus are forwarded, but not reliably.
  await page.locator('.part.editor').first().click();
  await page.keyboard.press('Control+P');
  const input = await waitForQuickInput(page);
  await input.fill(fileName);
  await page.locator(`${QUICK_INPUT} .monaco-list-row[aria-label*="${fileName}"]`).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.part.editor .tab.active[aria-label^="${fileName}"]`).first().waitFor({ timeout: 30_000 });
  await page.locator('.part.editor .monaco-editor.focused').first().waitFor({ timeout: 30_000 });
}

/** The visible text of the active editor, as Monaco renders it (non-breaking spaces turned back to spaces). */
export async function activeEditorText(page: Page): Promise<string> {
  const lines = page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first();
  return lines.evaluate((element) => {
    const rows = Array.from(element.querySelectorAll<HTMLElement>('.view-line'));
    // Rendered lines are absolutely positioned and not necessarily in document order.
    rows.sort((a, b) => Number.parseFloat(a.style.top) - Number.parseFloat(b.style.top));
    return rows.map((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
  });
}

export interface ModalDialog {
  message: string;
  detail: string;
  buttons: string[];
}

/** The open modal dialog's texts, or undefined when none is open. */
export async function openModalDialog(page: Page): Promise<ModalDialog | undefined> {
  const box = page.locator(MODAL_DIALOG).first();
  if (!(await box.isVisible().catch(() => false))) return undefined;
  return box.evaluate((element) => ({
    message: element.querySelector('.dialog-message-text')?.textContent ?? '',
    detail: element.querySelector('.dialog-message-detail')?.textContent ?? '',
    buttons: Array.from(element.querySelectorAll('.dialog-buttons .monaco-button')).map((b) => (b.textContent ?? '').trim()),
  }));
}

export async function clickDialogButton(page: Page, label: string): Promise<void> {
  await page.locator(`${MODAL_DIALOG} .dialog-buttons .monaco-button`, { hasText: label }).first().click();
  await page.locator(MODAL_DIALOG).first().waitFor({ state: 'hidden', timeout: 30_000 });
}

/** Texts of the notification toasts on screen. */
export async function notificationTexts(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-toast .notification-list-item-message').allInnerTexts();
}

/**
 * The text of the walkthrough step page that is open, found by its heading. VS Code renders a step's Markdown in a
 * webview, so the page sits in a nested frame rather than in the workbench's own DOM.
 */
export async function walkthroughPageText(page: Page, heading: string, timeout = 60_000): Promise<string> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      if (text.includes(heading)) return text;
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`no walkthrough page headed "${heading}" within ${timeout} ms`);
}
