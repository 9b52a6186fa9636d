import * as vscode from 'vscode';
import type { CodeContext } from '../core/conversation/turn';

/** Opens the file and line range a turn was about, selecting it. Says so when the source is gone. */
export async function openCodeContext(context: CodeContext): Promise<void> {
  if (!context.uri) {
    void vscode.window.showInformationMessage(`${context.path} was an unsaved document and can no longer be opened.`);
    return;
  }
  try {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(context.uri, true));
    const lastLine = Math.min(context.endLine, document.lineCount) - 1;
    const range = new vscode.Range(Math.max(0, context.startLine - 1), 0, Math.max(0, lastLine), document.lineAt(Math.max(0, lastLine)).text.length);
    await vscode.window.showTextDocument(document, { selection: range, preview: true });
  } catch (error) {
    void vscode.window.showWarningMessage(`Could not open ${context.path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
