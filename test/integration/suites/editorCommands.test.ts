import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Turn } from '../../../src/core/conversation/turn';
import { activateThreadline, setUserSetting, useFakeServer, waitFor } from '../support/threadline';

const API_KEY = 'sk-integration-editor-0123456789';

async function openFixture(name: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the fixture workspace is open');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
  return vscode.window.showTextDocument(document);
}

async function run(command: string, arg?: unknown): Promise<Turn | undefined> {
  return vscode.commands.executeCommand<Turn | undefined>(command, arg);
}

suite('Editor commands: explain and summarize', () => {
  const fake = useFakeServer(API_KEY);

  suiteTeardown(async () => {
    await setUserSetting('maxInputTokens', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('explain sends the selection with its path, language and lines, as a turn of the chat', async () => {
    const editor = await openFixture('fibonacci.ts');
    editor.selection = new vscode.Selection(1, 0, 4, 10);
    const turn = await run('threadline.explainSelection');
    assert.ok(turn, 'a turn was made');
    assert.equal(turn.status, 'complete', turn.error?.detail);
    assert.equal(turn.origin, 'explain');
    assert.equal(turn.context.length, 1);
    assert.deepEqual(
      { path: turn.context[0].path, languageId: turn.context[0].languageId, startLine: turn.context[0].startLine, endLine: turn.context[0].endLine },
      { path: 'fibonacci.ts', languageId: 'typescript', startLine: 2, endLine: 5 },
    );
    const [request] = fake().responseRequests;
    assert.ok(request.userText.includes('export function fibonacci(n: number): number {'), 'the code is sent');
    assert.ok(request.userText.includes('fibonacci.ts'), 'the path is sent');
    const transcript = (await activateThreadline()).getTranscript();
    assert.equal(transcript.at(-1)?.id, turn.id, 'the turn joined the workspace conversation');
  });

  test('a follow-up after explain chains on the explanation', async () => {
    const editor = await openFixture('fibonacci.ts');
    editor.selection = new vscode.Selection(0, 0, 1, 0);
    const explained = await run('threadline.explainSelection');
    const followUp = await vscode.commands.executeCommand<Turn>('threadline.ask', 'Why iteratively?');
    assert.equal(fake().responseRequests[1].body.previous_response_id, explained?.responseId);
    assert.equal(followUp.status, 'complete');
  });

  test('explain with no selection uses the current line and records it', async () => {
    const editor = await openFixture('fibonacci.ts');
    editor.selection = new vscode.Selection(3, 4, 3, 4);
    const turn = await run('threadline.explainSelection');
    assert.ok(turn);
    assert.equal(turn.context[0].startLine, 4);
    assert.equal(turn.context[0].endLine, 4);
    assert.equal(turn.context[0].text, '  for (let i = 0; i < n; i++) [a, b] = [b, a + b];');
  });

  test('summarize with no selection uses the whole file', async () => {
    const editor = await openFixture('fibonacci.ts');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const turn = await run('threadline.summarizeSelection');
    assert.ok(turn);
    assert.equal(turn.origin, 'summarize');
    assert.equal(turn.context[0].startLine, 1);
    assert.equal(turn.context[0].text, editor.document.getText());
    assert.equal(turn.context[0].wholeFile, true, 'the turn says it took the whole file');
  });

  test('several selections are all sent, in document order', async () => {
    const editor = await openFixture('fibonacci.ts');
    editor.selections = [new vscode.Selection(4, 0, 4, 10), new vscode.Selection(0, 0, 0, 12)];
    const turn = await run('threadline.explainSelection');
    assert.ok(turn);
    assert.deepEqual(turn.context.map((c) => c.startLine), [1, 5]);
  });

  test('an untitled document without a language id still works', async () => {
    const document = await vscode.workspace.openTextDocument({ content: 'SELECT name FROM users WHERE id = 1;' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, 0, 36);
    const turn = await run('threadline.explainSelection');
    assert.ok(turn);
    assert.equal(turn.status, 'complete');
    assert.equal(turn.context[0].languageId, 'plaintext');
    assert.ok(turn.context[0].uri?.startsWith('untitled:'));
  });

  test('a whitespace-only selection sends nothing', async () => {
    const document = await vscode.workspace.openTextDocument({ content: 'code\n\n   \n\nmore' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(1, 0, 3, 0);
    const before = (await activateThreadline()).getTranscript().length;
    assert.equal(await run('threadline.explainSelection'), undefined);
    assert.equal(fake().responseRequests.length, 0);
    assert.equal((await activateThreadline()).getTranscript().length, before);
  });

  test('a selection over the token budget is never sent silently: cancel sends nothing, trim sends what fits', async () => {
    await setUserSetting('maxInputTokens', 200);
    const lines = Array.from({ length: 400 }, (_, i) => `const value${i} = compute(${i}, "${'x'.repeat(i % 7)}");`);
    const document = await vscode.workspace.openTextDocument({ content: lines.join('\n'), language: 'javascript' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, document.lineCount - 1, 0);

    assert.equal(await run('threadline.explainSelection', { overBudget: 'cancel' }), undefined);
    assert.equal(fake().responseRequests.length, 0, 'cancel sent nothing');

    const trimmed = await run('threadline.explainSelection', { overBudget: 'trim' });
    assert.ok(trimmed, 'trim sent a turn');
    assert.equal(trimmed.context[0].startLine, 1);
    assert.ok(trimmed.context[0].endLine < 399, `kept lines 1–${trimmed.context[0].endLine}`);
    assert.ok(document.getText().startsWith(trimmed.context[0].text), 'the kept text is the beginning of the selection');
    assert.equal(fake().responseRequests.length, 1);
  });

  test('stopping an explanation ends it at once and keeps the partial answer', async () => {
    const document = await vscode.workspace.openTextDocument({ content: '[[slow:80]] [[long:300]] let x = 1;', language: 'javascript' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, 0, document.lineAt(0).text.length);
    const api = await activateThreadline();
    const known = new Set(api.getTranscript().map((turn) => turn.id));
    const pending = run('threadline.explainSelection');
    // Stop only once the new turn has streamed some words, so there is a partial answer to keep.
    const streaming = await waitFor('the explanation to stream', () => {
      const last = api.getTranscript().at(-1);
      return last && !known.has(last.id) && last.status === 'streaming' && last.assistantText.trim().split(/\s+/).length >= 4 ? last : undefined;
    });
    await vscode.commands.executeCommand('threadline.stopGeneration');
    const turn = await pending;
    assert.ok(turn);
    assert.equal(turn.id, streaming.id);
    assert.equal(turn.status, 'stopped');
    assert.ok(turn.assistantText.trim().length > 0, 'the partial answer is kept');
    assert.ok(turn.assistantText.trim().split(/\s+/).length < 300, 'the answer stopped before its end');
  });
});
