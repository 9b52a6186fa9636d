import * as vscode from 'vscode';
import { DisposableOwner } from './disposables';

/**
 * Remembers the last text editor the user worked in. When the chat panel has focus, VS Code reports no active
 * editor, yet "insert at cursor" means the editor the user just left.
 */
export class LastEditorTracker extends DisposableOwner {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  constructor() {
    super();
    this._register(vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor) this.last = editor;
    }));
  }

  get editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active) return active;
    const visible = vscode.window.visibleTextEditors.filter((e) => !e.document.isClosed);
    if (this.last && visible.includes(this.last)) return this.last;
    // The last editor may have been replaced by another showing the same document; never use a closed one.
    return visible.find((e) => e.document === this.last?.document) ?? visible[0];
  }
}
