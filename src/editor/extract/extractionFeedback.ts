import * as vscode from 'vscode';
import type { ExtractionOutcome } from '../../core/extract/interpretExtraction';
import { CommandId } from '../../commands/commandIds';

type Failure = Extract<ExtractionOutcome, { status: 'error' }>;


/** The result, formatted, in an untitled JSON editor beside the source: nothing is written to disk unasked. */
export async function openExtractedJson(json: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: json });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  return document;
}

/**
 * Says what went wrong, with the model's raw output one click away. The message is not awaited: the command
 * returns at once while the notification waits for the user.
 */
export function reportExtractionFailure(failure: Failure): void {
  const SHOW_RAW = vscode.l10n.t('Show Raw Output');
  const SET_KEY = vscode.l10n.t('Set API Key');
  const SHOW_LOG = vscode.l10n.t('Show Log');
  const buttons: string[] = [];
  if (failure.raw.trim()) buttons.push(SHOW_RAW);
  if (failure.kind === 'missing_key' || failure.kind === 'auth') buttons.push(SET_KEY);
  if (failure.error) buttons.push(SHOW_LOG);
  void vscode.window.showErrorMessage(vscode.l10n.t('Threadline: {0}', failure.message), ...buttons).then(async (choice) => {
    if (choice === SHOW_RAW) await openRawOutput(failure);
    else if (choice === SET_KEY) await vscode.commands.executeCommand(CommandId.SetApiKey);
    else if (choice === SHOW_LOG) await vscode.commands.executeCommand(CommandId.ShowLog);
  });
}

export async function openRawOutput(failure: Failure): Promise<vscode.TextDocument> {
  // Broken or mismatching JSON is easier to read highlighted; a refusal is prose.
  const language = failure.kind === 'refusal' || failure.kind === 'empty' ? 'plaintext' : 'json';
  const document = await vscode.workspace.openTextDocument({ language, content: failure.raw });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  return document;
}
