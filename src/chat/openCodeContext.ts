import * as vscode from 'vscode';
import type { CodeContext } from '../core/conversation/turn';

/** Opens the file and line range a turn was about, selecting it. Says so when the source is gone. */
export async function openCodeContext(context: CodeContext): Promise<void> {
  const uri = context.uri ? vscode.Uri.parse(context.uri, true) : undefined;
  // Opening an untitled URI that is gone would create a new empty document, so look for the open one instead.
  const untitledGone = uri?.scheme === 'untitled' && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  if (!uri || untitledGone) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} was an unsaved document that has since been closed, so it cannot be opened.', context.path));
    return;
  }
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    const lastLine = Math.min(context.endLine, document.lineCount) - 1;
    const range = new vscode.Range(Math.max(0, context.startLine - 1), 0, Math.max(0, lastLine), document.lineAt(Math.max(0, lastLine)).text.length);
    await vscode.window.showTextDocument(document, { selection: range, preview: true });
  } catch (error) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Could not open {0}: {1}', context.path, error instanceof Error ? error.message : String(error)));
  }
}
