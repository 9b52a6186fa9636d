import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateThreadline, ask, setUserSetting, useFakeServer } from '../support/threadline';

const BAD_KEY = 'sk-bad-key-integration-98765';

suite('A rejected API key', () => {
  const fake = useFakeServer(BAD_KEY);

  test('fails the turn with an error that names the key, without showing it', async () => {
    fake().queueFault('auth');
    const turn = await ask('Will this key work?');
    assert.equal(turn.status, 'failed');
    assert.ok(turn.error, 'a failed turn explains itself');
    assert.match(turn.error.title, /key/i);
    assert.equal(fake().responseRequests.at(-1)?.headers.authorization, `Bearer ${BAD_KEY}`);
    const shown = JSON.stringify(turn.error);
    assert.ok(!shown.includes(BAD_KEY), `the key leaked into the error: ${shown}`);
    assert.equal(turn.assistantText, '');
  });

  test('a missing key fails before any request, naming the fix', async () => {
    await vscode.commands.executeCommand('threadline.clearApiKey');
    // Loopback servers get a placeholder key (local OpenAI-compatible servers ignore keys), so the missing-key
    // path needs a remote base URL: the default one. Nothing may be sent there without a key.
    await setUserSetting('baseUrl', undefined);
    fake().clearRequests();
    assert.equal(await (await activateThreadline()).hasApiKey(), false);
    const turn = await ask('Is there a key at all?');
    assert.equal(turn.status, 'failed');
    assert.match(turn.error?.title ?? '', /key/i);
    assert.equal(fake().responseRequests.length, 0);
  });
});
