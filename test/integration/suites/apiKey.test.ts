import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateThreadline } from '../support/threadline';

suite('API key in SecretStorage', () => {
  suiteSetup(async () => {
    await activateThreadline();
    // The launcher removes OPENAI_API_KEY from the host's environment, so only SecretStorage can supply a key.
    assert.equal(process.env.OPENAI_API_KEY, undefined);
  });

  test('no key before one is set', async () => {
    await vscode.commands.executeCommand('threadline.clearApiKey');
    assert.equal(await (await activateThreadline()).hasApiKey(), false);
  });

  test('threadline.setApiKey stores the key given as an argument', async () => {
    const saved = await vscode.commands.executeCommand('threadline.setApiKey', 'sk-integration-set-clear');
    assert.equal(saved, true);
    assert.equal(await (await activateThreadline()).hasApiKey(), true);
  });

  test('an empty key is refused and the stored key kept', async () => {
    const saved = await vscode.commands.executeCommand('threadline.setApiKey', '   ');
    assert.equal(saved, false);
    assert.equal(await (await activateThreadline()).hasApiKey(), true);
  });

  test('threadline.clearApiKey removes it without prompting', async () => {
    await vscode.commands.executeCommand('threadline.clearApiKey');
    assert.equal(await (await activateThreadline()).hasApiKey(), false);
  });
});
