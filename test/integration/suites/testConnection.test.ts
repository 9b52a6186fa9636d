import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as vscode from 'vscode';
import type { ConnectionReport } from '../../../src/core/endpoints/connectionDiagnosis';
import { clearKey, setKey, useEndpointGates, useProfiles } from '../support/endpoints';

async function testConnection(): Promise<ConnectionReport> {
  const report = await vscode.commands.executeCommand<ConnectionReport>('threadline.testConnection');
  assert.ok(report && 'headline' in report, `Test Connection returned ${JSON.stringify(report)}`);
  return report;
}

/** A loopback port with nothing listening: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

suite('Test Connection', () => {
  const { gate, upstream } = useEndpointGates();
  teardown(async () => {
    for (const id of ['openai', 'azure', 'local', 'gemini']) await clearKey(id);
  });

  test('a Chat Completions endpoint reports chat, after models.list and one small chat request', async () => {
    const fake = await gate({ prefix: '/v1beta/openai', key: 'gm-key', models: ['gemini-2.5-flash'] });
    await useProfiles([{ id: 'gemini', label: 'Fake Gemini', preset: 'gemini', baseUrl: fake.baseURL, dialect: 'chat', defaultModel: 'gemini-2.5-flash' }], 'gemini');
    await setKey('gm-key', 'gemini');
    const report = await testConnection();
    assert.equal(report.ok, true, JSON.stringify(report));
    assert.equal(report.dialect, 'chat');
    assert.match(report.headline, /^Fake Gemini: chat, \d+ ms, 1 model/);
    assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.path}`), ['GET /v1beta/openai/models', 'POST /v1beta/openai/chat/completions']);
  });

  test('an auto endpoint without /responses reports chat, the dialect it found', async () => {
    upstream().responsesRoute = '404-text';
    const fake = await gate({ prefix: '/v1' });
    await useProfiles([{ id: 'local', label: 'Fake vLLM', preset: 'vllm', baseUrl: fake.baseURL, dialect: 'auto', defaultModel: 'qwen3' }], 'local');
    await setKey('sk-local', 'local');
    const report = await testConnection();
    assert.equal(report.ok, true, JSON.stringify(report));
    assert.equal(report.dialect, 'chat');
    assert.deepEqual(fake.requests.filter((r) => r.method === 'POST').map((r) => r.path), ['/v1/responses', '/v1/chat/completions']);
  });

  test('reports dialect, latency and how many models on success', async () => {
    const fake = await gate({ prefix: '/v1', key: 'sk-good', models: ['gpt-4.1-nano', 'gpt-4.1-mini', 'o3'] });
    await useProfiles([{ id: 'openai', label: 'Fake OpenAI', preset: 'openai', baseUrl: fake.baseURL, dialect: 'responses', defaultModel: 'gpt-4.1-nano' }], 'openai');
    await setKey('sk-good', 'openai');
    const report = await testConnection();
    assert.equal(report.ok, true, JSON.stringify(report));
    assert.equal(report.dialect, 'responses');
    assert.equal(report.modelCount, 3);
    assert.equal(typeof report.latencyMs, 'number');
    assert.match(report.headline, /^Fake OpenAI: responses, \d+ ms, 3 models$/);
    assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.path}`), ['GET /v1/models', 'POST /v1/responses'], 'models.list first, then one small request');
    assert.ok((fake.requests[1]?.body.max_output_tokens as number) <= 16, 'the request asks for almost nothing');
  });

  test('a rejected key', async () => {
    const fake = await gate({ prefix: '/v1', key: 'sk-right', models: ['gpt-4.1-nano'] });
    await useProfiles([{ id: 'openai', label: 'Fake OpenAI', preset: 'openai', baseUrl: fake.baseURL, dialect: 'responses', defaultModel: 'gpt-4.1-nano' }], 'openai');
    await setKey('sk-wrong', 'openai');
    const report = await testConnection();
    assert.equal(report.ok, false);
    assert.equal(report.diagnosis?.kind, 'key_rejected');
    assert.match(report.diagnosis?.nextStep ?? '', /Set API Key.*OPENAI_API_KEY/);
    assert.ok(!JSON.stringify(report).includes('sk-wrong'), 'the key never appears in the report');
  });

  test('Azure’s 404 for a model name that is not a deployment', async () => {
    const fake = await gate({ prefix: '/openai/v1', key: 'az-key', keyHeader: 'api-key', models: ['my-deployment'], unknownModel: 'deployment' });
    await useProfiles([{ id: 'azure', label: 'Fake Azure', preset: 'azure', baseUrl: fake.baseURL, dialect: 'responses', defaultModel: 'gpt-4.1' }], 'azure');
    await setKey('az-key', 'azure');
    const report = await testConnection();
    assert.equal(report.diagnosis?.kind, 'azure_deployment', JSON.stringify(report));
    assert.match(report.diagnosis?.nextStep ?? '', /deployment name, not the model name/);
    assert.equal(fake.requests[0]?.headers['api-key'], 'az-key');
  });

  test('a server that is up but has no such model', async () => {
    const fake = await gate({ prefix: '/v1', models: ['qwen3:8b', 'llama3.2'], unknownModel: 'model' });
    await useProfiles([{ id: 'local', label: 'Fake Ollama', preset: 'ollama', baseUrl: fake.baseURL, dialect: 'auto', defaultModel: 'llama9' }], 'local');
    const report = await testConnection();
    assert.equal(report.diagnosis?.kind, 'no_such_model', JSON.stringify(report));
    assert.equal(report.modelCount, 2);
    assert.match(report.diagnosis?.detail ?? '', /llama3\.2, qwen3:8b/);
  });

  test('a host name that does not resolve', async () => {
    await useProfiles([{ id: 'openai', label: 'Nowhere', preset: 'custom', baseUrl: 'http://threadline-test.invalid/v1', dialect: 'responses' }], 'openai');
    await setKey('sk-any', 'openai');
    const report = await testConnection();
    assert.equal(report.diagnosis?.kind, 'dns', JSON.stringify(report));
    assert.match(report.diagnosis?.nextStep ?? '', /host name/);
  });

  test('TLS spoken to a server that does not speak it', async () => {
    const fake = await gate({ prefix: '/v1' });
    await useProfiles([{ id: 'local', label: 'Wrong scheme', preset: 'custom', baseUrl: `https://127.0.0.1:${fake.port}/v1`, dialect: 'responses', keyless: true }], 'local');
    const report = await testConnection();
    assert.equal(report.diagnosis?.kind, 'tls', JSON.stringify(report));
  });

  test('a local server that is not running', async () => {
    await useProfiles([{ id: 'local', label: 'Ollama', preset: 'ollama', baseUrl: `http://127.0.0.1:${await closedPort()}/v1`, dialect: 'auto' }], 'local');
    const report = await testConnection();
    assert.equal(report.diagnosis?.kind, 'unreachable', JSON.stringify(report));
    assert.match(report.diagnosis?.nextStep ?? '', /ollama serve/);
  });

  test('a missing key is named before anything is sent', async () => {
    await useProfiles([{ id: 'openai', label: 'Keyless? No', preset: 'openai', baseUrl: 'https://api.openai.com/v1', dialect: 'responses' }], 'openai');
    const outcome = await vscode.commands.executeCommand<{ kind: string; action?: string }>('threadline.testConnection');
    assert.equal(outcome?.kind, 'missing_key');
    assert.match(outcome?.action ?? '', /need no key/);
  });
});
