import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ConnectProxy } from '../../fake-server/connectProxy';
import { ask, useFakeServer } from '../support/threadline';

const API_KEY = 'sk-integration-proxy-0123456789';

async function setEditorSetting(section: string, key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Global);
}

/** The editor's own http.* settings reach the provider: read in the real extension host, applied from the next turn. */
suite('Proxy settings in the editor', () => {
  const fake = useFakeServer(API_KEY);
  const proxy = new ConnectProxy();

  suiteSetup(() => proxy.start());
  suiteTeardown(async () => {
    await setEditorSetting('http', 'proxy', undefined);
    await setEditorSetting('http', 'noProxy', undefined);
    await setEditorSetting('threadline', 'caCertificates', undefined);
    await proxy.stop();
  });
  setup(() => { proxy.connects.length = 0; });

  test('http.proxy: the turn goes through the proxy, and a CA file that cannot be read does not stop it', async () => {
    await setEditorSetting('http', 'proxy', proxy.url);
    await setEditorSetting('threadline', 'caCertificates', ['/no/such/folder/corporate-ca.pem']);
    const turn = await ask('Through the proxy, please');
    assert.equal(turn.status, 'complete', `turn ended ${turn.status}: ${turn.error?.title ?? ''} ${turn.error?.detail ?? ''}`);
    const serverHost = new URL(fake().baseURL).host;
    assert.deepEqual(proxy.connects.map((c) => c.target), [serverHost], 'the proxy tunnelled the request');
    assert.equal(fake().responseRequests.length, 1);
  });

  test('http.noProxy naming the server: the next turn goes direct', async () => {
    await setEditorSetting('http', 'proxy', proxy.url);
    await setEditorSetting('http', 'noProxy', ['127.0.0.1']);
    const turn = await ask('Straight to the server');
    assert.equal(turn.status, 'complete', `turn ended ${turn.status}: ${turn.error?.title ?? ''} ${turn.error?.detail ?? ''}`);
    assert.deepEqual(proxy.connects, []);
    assert.equal(fake().responseRequests.length, 1);
  });

  test('a proxy that wants a login: the turn ends with its own message naming the proxy', async () => {
    await setEditorSetting('http', 'noProxy', undefined);
    await setEditorSetting('http', 'proxy', proxy.url);
    proxy.requireLogin = 'Basic bm9ib2R5Omtub3dz';
    try {
      const turn = await ask('Let me through');
      assert.equal(turn.error?.kind, 'proxy_auth');
      assert.match(turn.error?.detail ?? '', new RegExp(`The proxy ${proxy.url} refused`));
      assert.equal(fake().responseRequests.length, 0);
    } finally {
      proxy.requireLogin = undefined;
    }
  });
});
