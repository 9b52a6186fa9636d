import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateThreadline, ask, connectToFakeServer } from '../support/threadline';

suite('Export conversation', () => {
  let disconnect: () => Promise<void>;

  suiteSetup(async () => {
    await activateThreadline();
    ({ disconnect } = await connectToFakeServer('sk-integration-export-0123456789'));
    await vscode.commands.executeCommand('threadline.newConversation');
  });

  suiteTeardown(async () => {
    await disconnect?.();
    await vscode.commands.executeCommand('threadline.clearApiKey');
  });

  test('writes every turn as Markdown with who answered and the tokens used', async () => {
    const first = await ask('Export question one');
    const second = await ask('Export question two with `code`');
    const target = vscode.Uri.file(path.join(os.tmpdir(), `threadline-export-${Date.now()}.md`));
    const written = await vscode.commands.executeCommand<vscode.Uri>('threadline.exportConversation', target);
    assert.equal(written?.toString(), target.toString());
    const markdown = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.ok(markdown.startsWith('# Threadline conversation'));
    assert.ok(markdown.includes('2 turns'));
    for (const turn of [first, second]) {
      assert.ok(markdown.includes(turn.userText), `missing question ${turn.userText}`);
      assert.ok(markdown.includes(turn.assistantText), 'missing answer');
      assert.ok(markdown.includes(`### ${turn.personaLabel} (${turn.model})`));
      assert.ok(markdown.includes(`total ${turn.usage?.totalTokens} tokens`));
    }
    assert.ok(markdown.indexOf('Export question one') < markdown.indexOf('Export question two'), 'turns are in order');
    await vscode.workspace.fs.delete(target);
  });

  test('new conversation keeps the old one out of the export, and the export of an empty conversation writes nothing', async () => {
    await vscode.commands.executeCommand('threadline.newConversation');
    const target = vscode.Uri.file(path.join(os.tmpdir(), `threadline-export-empty-${Date.now()}.md`));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('threadline.exportConversation', target);
    assert.equal(written, undefined);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(target)));
  });
});
