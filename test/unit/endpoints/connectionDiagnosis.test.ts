import * as assert from 'node:assert/strict';
import type { TurnError } from '../../../src/core/turn/turnError';
import { type ConnectionProbe, describeReport, diagnoseConnection } from '../../../src/core/endpoints/connectionDiagnosis';
import type { EndpointProfile } from '../../../src/core/endpoints/profiles';

const openai: EndpointProfile = { id: 'openai', label: 'OpenAI', preset: 'openai', baseUrl: 'https://api.openai.com/v1', dialect: 'responses' };
const azure: EndpointProfile = { id: 'az', label: 'Azure', preset: 'azure', baseUrl: 'https://r.openai.azure.com/openai/v1/', dialect: 'responses' };
const ollama: EndpointProfile = { id: 'ollama', label: 'Ollama', preset: 'ollama', baseUrl: 'http://localhost:11434/v1', dialect: 'auto' };

const failed = (kind: string, status?: number, detail = 'x'): { ok: false; ms: number; error: TurnError; status?: number } =>
  ({ ok: false, ms: 5, error: { kind, title: kind, detail }, ...(status ? { status } : {}) });
const listed = (...ids: string[]) => ({ ok: true as const, ms: 5, ids });
const probe = (over: Partial<ConnectionProbe>): ConnectionProbe =>
  ({ profile: openai, model: 'gpt-4.1-mini', dialect: 'responses', listing: listed('gpt-4.1-mini'), request: { ok: true, ms: 123.4 }, ...over });

describe('connection diagnosis', () => {
  it('reports dialect, latency and model count when both steps pass', () => {
    const report = diagnoseConnection(probe({ listing: listed('a', 'gpt-4.1-mini') }));
    assert.deepEqual(report, { ok: true, dialect: 'responses', modelCount: 2, latencyMs: 123, headline: 'OpenAI: responses, 123 ms, 2 models' });
  });

  it('passes when the server answers but cannot list its models', () => {
    const report = diagnoseConnection(probe({ listing: failed('not_found', 404) }));
    assert.equal(report.ok, true);
    assert.match(report.headline, /models not listed/);
  });

  it('names a rejected key with the preset’s environment variable', () => {
    const report = diagnoseConnection(probe({ listing: failed('auth', 401), request: failed('auth', 401) }));
    assert.equal(report.diagnosis?.kind, 'key_rejected');
    assert.match(report.diagnosis!.nextStep, /Set API Key.*OpenAI.*OPENAI_API_KEY/);
  });

  it('tells a keyless endpoint that asks for a key after all what to change', () => {
    const report = diagnoseConnection(probe({ profile: ollama, listing: failed('auth', 401), request: failed('auth', 401) }));
    assert.match(report.diagnosis!.nextStep, /asks for a key after all/);
  });

  it('explains Azure’s 404 as a deployment name, not a model name', () => {
    const report = diagnoseConnection(probe({ profile: azure, model: 'gpt-4.1', listing: listed('gpt-4.1'), request: failed('model_not_found', 404) }));
    assert.equal(report.diagnosis?.kind, 'azure_deployment');
    assert.match(report.diagnosis!.nextStep, /deployment name, not the model name/);
  });

  it('says the server is up but lacks the model, listing what it has', () => {
    const report = diagnoseConnection(probe({ profile: ollama, model: 'llama9', listing: listed('llama3.2', 'qwen3'), request: failed('model_not_found', 404) }));
    assert.equal(report.diagnosis?.kind, 'no_such_model');
    assert.match(report.diagnosis!.detail, /It lists 2: llama3\.2, qwen3/);
    assert.match(report.diagnosis!.nextStep, /Pick Model|ollama pull llama9/);
  });

  it('tells DNS, TLS, proxy and an unreachable local server apart', () => {
    assert.equal(diagnoseConnection(probe({ listing: failed('dns'), request: undefined })).diagnosis?.kind, 'dns');
    assert.equal(diagnoseConnection(probe({ listing: failed('tls'), request: undefined })).diagnosis?.kind, 'tls');
    const plainHttp = failed('connection', undefined, 'The connection to 127.0.0.1:1 failed (ERR_SSL_WRONG_VERSION_NUMBER).');
    assert.equal(diagnoseConnection(probe({ listing: plainHttp, request: undefined })).diagnosis?.kind, 'tls');
    assert.equal(diagnoseConnection(probe({ listing: failed('bad_request', 407), request: failed('bad_request', 407) })).diagnosis?.kind, 'proxy');
    const proxyAuth = { ok: false as const, ms: 1, error: { kind: 'proxy_auth', title: 'The proxy asks for a login', detail: '407', action: 'Put the proxy’s user name in http.proxy' } };
    const viaProxy = diagnoseConnection(probe({ listing: proxyAuth, request: undefined }));
    assert.equal(viaProxy.diagnosis?.kind, 'proxy');
    assert.equal(viaProxy.diagnosis?.nextStep, 'Put the proxy’s user name in http.proxy', 'the proxy error’s own next step is kept');
    const local = diagnoseConnection(probe({ profile: ollama, listing: failed('connection'), request: undefined }));
    assert.equal(local.diagnosis?.kind, 'unreachable');
    assert.match(local.diagnosis!.title, /Ollama is not running/);
    assert.match(local.diagnosis!.nextStep, /ollama serve/);
  });

  it('points a server without the API at the URL and the dialect', () => {
    const report = diagnoseConnection(probe({ listing: failed('not_found', 404), request: failed('not_found', 404) }));
    assert.equal(report.diagnosis?.kind, 'no_api');
    assert.deepEqual(describeReport(report).length, 3);
  });
});
