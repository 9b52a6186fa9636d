import * as vscode from 'vscode';
import type { CodeContext } from '../core/conversation/turn';

export type SelectionFallback = 'currentLine' | 'wholeDocument';

export interface CollectedSelection {
  contexts: CodeContext[];
  /** What was taken, in words the user sees: "lines 3–9", "the whole file", "3 selections". */
  description: string;
  /** True when nothing was selected and the fallback was used. */
  usedFallback: boolean;
}

/**
 * The code a command works on: every non-empty selection in document order, or, with none, the fallback the
 * command chose (the current line for explain, the whole document for summarize and extract).
 */
export function collectSelection(editor: vscode.TextEditor, fallback: SelectionFallback): CollectedSelection {
  const document = editor.document;
  const selections = editor.selections
    .filter((s) => !s.isEmpty)
    .sort((a, b) => a.start.compareTo(b.start));
  if (selections.length > 0) {
    const contexts = selections.map((s) => toContext(document, s));
    const description = contexts.length === 1 ? describeLines(contexts[0]) : vscode.l10n.t('{0} selections', contexts.length);
    return { contexts, description, usedFallback: false };
  }
  if (fallback === 'wholeDocument' || document.lineCount === 0) {
    const all = new vscode.Range(0, 0, document.lineCount - 1, document.lineAt(document.lineCount - 1).text.length);
    return { contexts: [{ ...toContext(document, all), wholeFile: true }], description: vscode.l10n.t('the whole file (nothing was selected)'), usedFallback: true };
  }
  const line = document.lineAt(editor.selection.active.line);
  return {
    contexts: [toContext(document, line.range)],
    description: vscode.l10n.t('line {0} (nothing was selected)', line.lineNumber + 1),
    usedFallback: true,
  };
}

function toContext(document: vscode.TextDocument, range: vscode.Range): CodeContext {
  // A selection ending at column 0 of the next line covers whole lines; report the last line actually included.
  const endLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  return {
    path: document.isUntitled ? document.uri.path : vscode.workspace.asRelativePath(document.uri, false),
    uri: document.uri.toString(),
    languageId: document.languageId || 'plaintext',
    startLine: range.start.line + 1,
    endLine: endLine + 1,
    text: document.getText(range),
  };
}

function describeLines(context: CodeContext): string {
  return context.startLine === context.endLine ? vscode.l10n.t('line {0}', context.startLine) : vscode.l10n.t('lines {0}–{1}', context.startLine, context.endLine);
}
