import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';
import * as vscode from 'vscode';
import { activateThreadline, setUserSetting, waitFor } from '../support/threadline';

// js-tiktoken is the reference the counter must equal; resolved from this test's own location in the project.
const reference = new Tiktoken(createRequire(__filename)('js-tiktoken/ranks/o200k_base') as TiktokenBPE);
const exactCount = (text: string): number => reference.encode(text, [], []).length;

/** The number the status bar shows, without thousands separators. */
function shownCount(text: string): number | undefined {
  const match = /([\d,]+) tokens/.exec(text);
  return match ? Number(match[1].replace(/,/g, '')) : undefined;
}

suite('Token counter in the status bar', () => {
  suiteSetup(async () => {
    await activateThreadline();
    // The fixture workspace pins gpt-4.1-nano, an o200k_base model.
    await setUserSetting('personas', undefined);
  });

  suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('shows the active document count, and typing changes it to the new exact count', async () => {
    const api = await activateThreadline();
    const document = await vscode.workspace.openTextDocument({ content: 'const greeting = "hello world";\n', language: 'typescript' });
    const editor = await vscode.window.showTextDocument(document);
    const initial = exactCount(document.getText());
    await waitFor('the document count', () => shownCount(api.tokenStatus().text) === initial || undefined);
    assert.equal(api.tokenStatus().snapshot.modelEncoding.encoding, 'o200k_base');

    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), 'console.log(greeting.toUpperCase(), "<|endoftext|>");\n'));
    const edited = exactCount(document.getText());
    assert.notEqual(edited, initial);
    await waitFor(`the count after typing (${edited})`, () => shownCount(api.tokenStatus().text) === edited || undefined);
  });

  test('selecting text shows the selection count', async () => {
    const api = await activateThreadline();
    const document = await vscode.workspace.openTextDocument({ content: 'alpha beta gamma\ndelta epsilon zeta eta theta\n', language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(1, 0, 1, 13);
    const selected = exactCount('delta epsilon');
    await waitFor('the selection count', () => (api.tokenStatus().text.includes('selected') && shownCount(api.tokenStatus().text) === selected) || undefined);
    assert.equal(api.tokenStatus().snapshot.selection, selected);
    assert.equal(api.tokenStatus().snapshot.document, exactCount(document.getText()));
  });
});
