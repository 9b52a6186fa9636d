import * as vscode from 'vscode';

/**
 * Remembers the last text editor the user worked in. When the chat panel has focus, VS Code reports no active
 * editor, yet "insert at cursor" means the editor the user just left.
 */
export class LastEditorTracker implements vscode.Disposable {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
    if (editor) this.last = editor;
  });

  get editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return active;
    // A closed editor's document may still be open elsewhere; find a visible editor showing it.
    if (this.last && vscode.window.visibleTextEditors.includes(this.last)) return this.last;
    return vscode.window.visibleTextEditors.find((e) => e.document === this.last?.document) ?? vscode.window.visibleTextEditors[0];
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
