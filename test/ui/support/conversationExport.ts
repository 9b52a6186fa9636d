/**
 * Exporting the open conversation as a user does: Export in the chat panel, code-server's save dialog, and the
 * file read back only once the notification says it is written.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import type { WorkbenchSession } from '../workbenchSession';
import { EditorUi } from './editorUi';
import { escapeRegExp } from './workbenchChrome';
import { QUICK_INPUT, waitForQuickInput, waitForQuickInputClosed } from './workbenchUi';

export interface ExportedConversation {
  /** The path the save dialog proposed, which was accepted. */
  proposed: string;
  /** The file written, in the workspace folder. */
  file: string;
  markdown: string;
}

/**
 * Clicks Export, accepts the path the save dialog proposes and returns the file's Markdown. `whileDialogOpen`
 * runs with the proposed path while the dialog still shows it (to check it, or to take a screenshot).
 */
export async function exportConversation(
  session: WorkbenchSession,
  chat: Frame,
  whileDialogOpen?: (proposed: string) => Promise<void>,
): Promise<ExportedConversation> {
  await chat.click('#export-conversation');
  // code-server's save dialog is a quick input holding the proposed path.
  const input = await waitForQuickInput(session.page);
  // The dialog first shows the folder, then fills in the proposed file name.
  await session.page.waitForFunction(
    (selector) => (document.querySelector<HTMLInputElement>(selector)?.value ?? '').endsWith('.md'),
    `${QUICK_INPUT} .quick-input-box input`,
    { timeout: 30_000 },
  );
  const proposed = await input.inputValue();
  await whileDialogOpen?.(proposed);
  await session.page.keyboard.press('Enter');
  await waitForQuickInputClosed(session.page);

  const file = path.join(session.workspaceFolder, path.basename(proposed));
  // The file exists as soon as its write begins; the notification comes once the write has finished.
  await new EditorUi(session).waitForNotification(new RegExp(`conversation exported to ${escapeRegExp(path.basename(proposed))}`));
  assert.ok(fs.existsSync(file), `${file} was written`);
  return { proposed, file, markdown: fs.readFileSync(file, 'utf8') };
}
