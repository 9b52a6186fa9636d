import * as vscode from 'vscode';
import type { ConversationService } from '../core/conversation/conversationService';
import type { Logger } from '../core/provider/types';
import type { ConversationLibrary, StoreDamage, StoreHealth } from '../core/store/libraryTypes';

/**
 * What the conversation library needs from the editor: telling the user about damage and an unusable or
 * read-only store (once each, naming the path), and re-reading what other windows wrote when this one
 * regains focus or finishes a turn.
 */
export function reportLibraryProblems(library: ConversationLibrary): vscode.Disposable {
  for (const damage of library.damage) showDamage(damage);
  showHealth(library.health);
  const events = library.onEvents({ damageFound: showDamage, healthChanged: showHealth });
  return { dispose: () => events.dispose() };
}

function showDamage(damage: StoreDamage): void {
  const what = damage.tornTail && damage.skippedRecords === 0
    ? 'its last record was cut short by a crash'
    : `${damage.skippedRecords} record${damage.skippedRecords === 1 ? '' : 's'} could not be read${damage.tornTail ? ' (the last one was cut short)' : ''}`;
  void vscode.window.showWarningMessage(
    `Threadline: part of a saved conversation is damaged: ${what}. Every readable turn is shown; the file as it was is kept at ${damage.backupPath}.`,
  );
}

/** Damage in another workspace's files, found while listing "All workspaces": nothing there is copied or changed. */
export function showOtherWorkspaceDamage(damage: StoreDamage): void {
  const what = damage.skippedRecords > 0 ? `${damage.skippedRecords} record${damage.skippedRecords === 1 ? '' : 's'} could not be read` : damage.tornTail ? 'its last record was cut short' : 'a file could not be read';
  void vscode.window.showWarningMessage(
    `Threadline: part of another workspace's history is damaged: ${what}. Every readable conversation is listed; the file is left as it is at ${damage.path}.`,
  );
}

function showHealth(health: StoreHealth): void {
  if (health.kind === 'readOnly') {
    void vscode.window.showWarningMessage(`Threadline: these conversations were saved by a newer version of Threadline; they are shown but not changed (${health.reason}).`);
  } else if (health.kind === 'memoryOnly') {
    void vscode.window.showErrorMessage(`Threadline cannot save conversations at ${health.path} (${health.reason}). Chat works, but nothing is saved until the path can be written.`);
  }
}

/** On focus, and after each finished turn, what other windows wrote is read and shown. */
export function watchOtherWindows(library: ConversationLibrary, conversation: ConversationService, logger: Logger): vscode.Disposable {
  const refresh = () => {
    void (async () => {
      await library.refresh();
      await conversation.refresh();
    })().catch((error: unknown) => logger.warn(`Could not read what other windows saved: ${String(error)}`));
  };
  const focus = vscode.window.onDidChangeWindowState((state) => {
    if (state.focused) refresh();
  });
  const turns = conversation.onEvent({ turnUpdated: (turn) => { if (turn.status !== 'streaming') refresh(); } });
  return vscode.Disposable.from(focus, { dispose: () => turns.dispose() });
}
