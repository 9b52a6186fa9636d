import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as vscode from 'vscode';
import { activateThreadline, ask, connectToFakeServer, setUserSetting } from '../support/threadline';

/** A loopback port nothing listens on: bound, read, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

suite('Bad settings get a clear message and lose nothing', () => {
  suiteSetup(async () => {
    await activateThreadline();
    await vscode.commands.executeCommand('threadline.setApiKey', 'sk-integration-settings-0123456789');
    await setUserSetting('maxRetries', 0);
    await vscode.commands.executeCommand('threadline.newConversation');
  });

  // Each test's settings are put back even when it fails, so a failure cannot leak into later suites.
  teardown(async () => {
    await setUserSetting('requestTimeoutSeconds', undefined);
    await setUserSetting('baseUrl', undefined);
    await setUserSetting('maxRetries', 0);
  });

  suiteTeardown(async () => {
    await setUserSetting('baseUrl', undefined);
    await setUserSetting('maxRetries', undefined);
    await vscode.commands.executeCommand('threadline.clearApiKey');
    await vscode.commands.executeCommand('threadline.newConversation');
  });

  test('a base URL that is not a URL fails the turn with the setting named, and keeps the question', async () => {
    await setUserSetting('baseUrl', 'api.openai.com/v1');
    const turn = await ask('Does a malformed base URL lose this question?');
    assert.equal(turn.status, 'failed');
    assert.equal(turn.error?.kind, 'invalid_base_url');
    assert.match(`${turn.error?.detail} ${turn.error?.action}`, /threadline\.baseUrl/);
    const stored = (await activateThreadline()).getTranscript().find((t) => t.id === turn.id);
    assert.equal(stored?.userText, 'Does a malformed base URL lose this question?');
  });

  test('a base URL where nothing listens says to check the URL or proxy', async () => {
    const port = await closedPort();
    await setUserSetting('baseUrl', `http://127.0.0.1:${port}/v1`);
    const turn = await ask('Is anyone there?');
    assert.equal(turn.status, 'failed');
    assert.equal(turn.error?.kind, 'connection');
    const message = `${turn.error?.title} ${turn.error?.detail} ${turn.error?.action}`;
    assert.ok(message.includes(`127.0.0.1:${port}`), `the message names the endpoint: ${message}`);
    assert.match(message, /base ?URL|proxy/i);
  });

  test('an out-of-range timeout falls back to a usable one instead of failing every request', async () => {
    const { server, disconnect } = await connectToFakeServer('sk-integration-settings-0123456789');
    try {
      await setUserSetting('requestTimeoutSeconds', -5);
      // Two deltas, each 1.5 s after the last event. Taken literally, a negative timeout would end this turn as
      // timed out; only the fallback to a valid timeout (at least 5 s) lets it complete.
      const turn = await ask('Timeout setting check [[slow:1500]] [[reply:Still here after a pause]]');
      assert.equal(turn.status, 'complete', `the turn ended ${turn.status}: ${turn.error?.title ?? ''}`);
      assert.equal(turn.assistantText, 'Still here after a pause');
      assert.equal(server.responseRequests.length, 1, 'one request, not a retry after a timeout');
    } finally {
      await disconnect();
    }
  });
});
