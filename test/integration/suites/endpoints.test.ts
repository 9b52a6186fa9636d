import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { clearKey, type ProfileSetting, setKey, useEndpointGates, useProfiles } from '../support/endpoints';
import { activateThreadline, ask, setUserSetting } from '../support/threadline';

const PLACEHOLDER = 'Bearer threadline-local-no-key';

/** Each preset's request shape: the path under its base URL, and where its key goes. */
const PRESET_CASES: { preset: string; prefix: string; keyHeader: 'bearer' | 'api-key' | 'none' }[] = [
  { preset: 'openai', prefix: '/v1', keyHeader: 'bearer' },
  { preset: 'azure', prefix: '/openai/v1', keyHeader: 'api-key' },
  { preset: 'ollama', prefix: '/v1', keyHeader: 'none' },
  { preset: 'lmstudio', prefix: '/v1', keyHeader: 'none' },
  { preset: 'vllm', prefix: '/v1', keyHeader: 'bearer' },
  { preset: 'gemini', prefix: '/v1beta/openai', keyHeader: 'bearer' },
  { preset: 'openrouter', prefix: '/api/v1', keyHeader: 'bearer' },
  { preset: 'custom', prefix: '/v1', keyHeader: 'bearer' },
];

const DIALECTS: Record<string, string> = { openai: 'responses', azure: 'responses', gemini: 'chat', openrouter: 'chat' };

suite('Endpoint profiles', () => {
  const { gate, upstream } = useEndpointGates();
  teardown(async () => {
    for (const id of ['a', 'b', 'openai', 'azure', 'vllm', 'gemini', 'openrouter', 'custom', 'default']) await clearKey(id);
    delete process.env.GEMINI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    await setUserSetting('personas', undefined);
  });

  for (const { preset, prefix, keyHeader } of PRESET_CASES) {
    test(`${preset}: request path, headers and key placement`, async () => {
      const key = `sk-${preset}-0123456789`;
      const fake = await gate({ prefix, ...(keyHeader !== 'none' ? { key, keyHeader } : {}) });
      const dialect = DIALECTS[preset] ?? 'auto';
      // The auto presets play a server without /responses (older vLLM and LM Studio, Ollama's chat-only builds).
      if (dialect === 'auto') upstream().responsesRoute = '404-text';
      await useProfiles([{
        id: preset, label: `Fake ${preset}`, preset, baseUrl: fake.baseURL, dialect,
        defaultModel: 'gpt-4.1-nano', headers: { 'X-Title': 'Threadline tests' },
      }], preset);
      if (keyHeader !== 'none') await setKey(key, preset);
      await vscode.commands.executeCommand('threadline.newConversation');

      const turn = await ask(`Hello ${preset}`);
      assert.equal(turn.status, 'complete', JSON.stringify(turn.error));
      const posts = fake.requests.filter((r) => r.method === 'POST');
      const expected = {
        responses: [`${prefix}/responses`],
        chat: [`${prefix}/chat/completions`],
        auto: [`${prefix}/responses`, `${prefix}/chat/completions`],
      }[dialect];
      assert.deepEqual(posts.map((r) => r.path), expected, `${dialect}: the paths requested`);
      const sent = posts.at(-1)!;
      if (dialect !== 'responses') {
        assert.ok(Array.isArray(sent.body.messages), 'a Chat Completions body');
        assert.equal(turn.responseId, undefined, 'nothing to chain from');
        assert.match(turn.notice ?? '', /keeps no conversation state/, 'said on the first turn');
      }
      assert.equal(sent.headers['x-title'], 'Threadline tests', 'the profile’s headers are sent');
      if (keyHeader === 'api-key') {
        assert.equal(sent.headers['api-key'], key);
        assert.equal(sent.headers.authorization, undefined, 'Azure’s key is not also sent as a bearer token');
      } else if (keyHeader === 'bearer') {
        assert.equal(sent.headers.authorization, `Bearer ${key}`);
        assert.equal(sent.headers['api-key'], undefined);
      } else {
        assert.equal(sent.headers.authorization, PLACEHOLDER, 'a keyless server gets the placeholder, never asked for a key');
      }
      assert.equal(turn.endpointId, preset);
      assert.equal(turn.endpointLabel, `Fake ${preset}`);
      assert.equal(sent.body.model, 'gpt-4.1-nano', 'the endpoint’s default model is used when the persona names none');
      if (dialect === 'auto') {
        const again = await ask(`Again ${preset}`);
        assert.equal(again.status, 'complete', JSON.stringify(again.error));
        assert.deepEqual(fake.requests.filter((r) => r.method === 'POST').slice(2).map((r) => r.path), [`${prefix}/chat/completions`], 'the switch is remembered');
      }
    });
  }

  test('the environment key is only the fallback of its own preset', async () => {
    const fake = await gate({ prefix: '/v1beta/openai', key: 'from-gemini-env' });
    const base = { label: 'Gemini', preset: 'gemini', baseUrl: fake.baseURL, dialect: 'chat', defaultModel: 'gemini-2.5-flash' };
    await useProfiles([{ id: 'gemini', ...base }], 'gemini');
    process.env.OPENAI_API_KEY = 'sk-openai-env-must-not-leak';
    const refused = await ask('No key yet');
    assert.equal(refused.status, 'failed');
    assert.equal(refused.error?.kind, 'missing_key');
    assert.match(refused.error?.action ?? '', /GEMINI_API_KEY/);
    assert.equal(fake.requests.length, 0, 'OPENAI_API_KEY is never sent to Gemini');

    process.env.GEMINI_API_KEY = 'from-gemini-env';
    const answered = await ask('Now with GEMINI_API_KEY');
    assert.equal(answered.status, 'complete', JSON.stringify(answered.error));
    assert.equal(fake.requests[0]?.headers.authorization, 'Bearer from-gemini-env');
  });

  test('switching profile sends the next turn to the other endpoint with its own key, without the other chain', async () => {
    const first = await gate({ prefix: '/v1', key: 'key-of-a' });
    const second = await gate({ prefix: '/v1', key: 'key-of-b' });
    const profiles: ProfileSetting[] = [
      { id: 'a', label: 'Endpoint A', preset: 'custom', baseUrl: first.baseURL, dialect: 'responses' },
      { id: 'b', label: 'Endpoint B', preset: 'custom', baseUrl: second.baseURL, dialect: 'responses' },
    ];
    await useProfiles(profiles, 'a');
    await setKey('key-of-a', 'a');
    await setKey('key-of-b', 'b');
    await vscode.commands.executeCommand('threadline.newConversation');

    const onA = await ask('First, on A');
    assert.equal(await vscode.commands.executeCommand('threadline.switchEndpoint', 'b'), true);
    const onB = await ask('Then, on B');
    assert.equal(onA.status, 'complete', JSON.stringify(onA.error));
    assert.equal(onB.status, 'complete', JSON.stringify(onB.error));
    assert.equal(first.requests[0]?.headers.authorization, 'Bearer key-of-a');
    assert.equal(second.requests[0]?.headers.authorization, 'Bearer key-of-b');
    assert.equal(second.requests[0]?.body.previous_response_id, undefined, 'A’s response ids mean nothing to B');
    assert.deepEqual([onA.endpointLabel, onB.endpointLabel], ['Endpoint A', 'Endpoint B']);

    const onBAgain = await ask('Still on B');
    assert.equal(second.requests[1]?.body.previous_response_id, onB.responseId, 'on one endpoint the chain goes on');
    assert.equal(onBAgain.endpointId, 'b');
  });

  test('a persona that names an endpoint is answered there, whichever is active', async () => {
    const first = await gate({ prefix: '/v1' });
    const second = await gate({ prefix: '/v1' });
    await useProfiles([
      { id: 'a', label: 'A', preset: 'ollama', baseUrl: first.baseURL, dialect: 'auto' },
      { id: 'b', label: 'B', preset: 'lmstudio', baseUrl: second.baseURL, dialect: 'auto' },
    ], 'a');
    await setUserSetting('personas', [{ id: 'on-b', label: 'On B', instructions: 'Answer from B.', endpoint: 'b' }]);
    await setUserSetting('activePersona', 'on-b');
    await vscode.commands.executeCommand('threadline.newConversation');
    const turn = await ask('Which endpoint?');
    assert.equal(turn.endpointId, 'b');
    assert.equal(first.requests.length, 0);
    assert.equal(second.requests.length, 1);
    await setUserSetting('activePersona', undefined);
  });

  test('0.1.0 settings keep working, and adding an endpoint keeps the old one with its key', async () => {
    const legacy = await gate({ prefix: '/v1', key: 'sk-from-0.1.0' });
    const added = await gate({ prefix: '/v1' });
    await useProfiles([], '');
    await setUserSetting('endpoints', undefined);
    await setUserSetting('baseUrl', legacy.baseURL);
    // 0.1.0's Set API Key with no profiles: the key of the endpoint made from threadline.baseUrl.
    assert.equal(await vscode.commands.executeCommand('threadline.setApiKey', 'sk-from-0.1.0'), true);
    await vscode.commands.executeCommand('threadline.newConversation');
    const before = await ask('On the 0.1.0 endpoint');
    assert.equal(before.status, 'complete', JSON.stringify(before.error));
    assert.equal(legacy.requests[0]?.headers.authorization, 'Bearer sk-from-0.1.0');
    assert.equal(before.endpointId, 'default');

    const result = await vscode.commands.executeCommand<{ id: string }>('threadline.addEndpoint', { preset: 'ollama', baseUrl: added.baseURL, test: false });
    assert.equal(result?.id, 'ollama');
    const written = vscode.workspace.getConfiguration('threadline').get<ProfileSetting[]>('endpoints') ?? [];
    assert.deepEqual(written.map((p) => [p.id, p.baseUrl]), [['default', legacy.baseURL], ['ollama', added.baseURL]]);
    assert.equal(vscode.workspace.getConfiguration('threadline').get('activeEndpoint'), 'ollama');
    const onOllama = await ask('On the new one');
    assert.equal(added.requests[0]?.headers.authorization, PLACEHOLDER);
    assert.equal(onOllama.endpointId, 'ollama');

    assert.equal(await vscode.commands.executeCommand('threadline.switchEndpoint', 'default'), true);
    const after = await ask('Back on the 0.1.0 endpoint');
    assert.equal(after.status, 'complete', JSON.stringify(after.error));
    assert.equal(legacy.requests.at(-1)?.headers.authorization, 'Bearer sk-from-0.1.0', 'its key is still its key');
    assert.equal((await activateThreadline()).getTranscript().length >= 3, true);
  });
});
