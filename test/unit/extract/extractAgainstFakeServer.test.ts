import * as assert from 'node:assert/strict';
import { INFER_PLAN, planWithSchema, type ExtractionPlan } from '../../../src/core/extract/extractionPlan';
import { buildExtractionRequest } from '../../../src/core/extract/extractionRequest';
import { interpretExtraction, type ExtractionOutcome } from '../../../src/core/extract/interpretExtraction';
import { ResponsesProvider } from '../../../src/core/provider/responsesProvider';
import type { Logger } from '../../../src/core/provider/types';
import { FakeResponsesServer } from '../../fake-server/fakeResponsesServer';

const quietLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, isDebugEnabled: () => false };

const contact = { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' }, phone: { type: 'string' } }, required: ['name', 'email'] };
const contexts = [{ path: 'crm.txt', languageId: 'plaintext', startLine: 1, endLine: 1, text: 'Grace Hopper <grace@navy.mil>' }];

describe('extraction end to end through the SDK and the fake Responses server', () => {
  const server = new FakeResponsesServer();
  let provider: ResponsesProvider;

  before(async () => {
    const baseURL = await server.start();
    provider = new ResponsesProvider({ apiKey: 'sk-extract-test', baseURL, timeoutMs: 5_000, maxRetries: 0 }, quietLogger);
  });
  after(() => server.stop());
  beforeEach(() => {
    server.clearRequests();
    server.reply = undefined;
  });

  async function extract(plan: ExtractionPlan): Promise<ExtractionOutcome> {
    const request = buildExtractionRequest({ model: 'gpt-4.1-mini', temperature: 0, contexts, plan });
    return interpretExtraction(await provider.stream(request, { onDelta() {} }), plan);
  }

  function schemaPlan(): ExtractionPlan {
    const planned = planWithSchema('contact', contact);
    assert.ok(planned.ok);
    return planned.plan;
  }

  it('sends a strict json_schema request outside any chain and validates the scripted reply', async () => {
    server.reply = () => ({ text: '{"name":"Grace Hopper","email":"grace@navy.mil","phone":null}', deltas: ['{"name":"Gr', 'ace Hopper","email":"grace@', 'navy.mil","phone":null}'] });
    const outcome = await extract(schemaPlan());
    assert.deepEqual(outcome, { status: 'ok', value: { name: 'Grace Hopper', email: 'grace@navy.mil' }, json: '{\n  "name": "Grace Hopper",\n  "email": "grace@navy.mil"\n}\n' });

    const [request] = server.responseRequests;
    assert.equal(server.responseRequests.length, 1);
    assert.equal(request.body.store, false);
    assert.equal('previous_response_id' in request.body, false);
    assert.equal(request.body.temperature, 0);
    assert.deepEqual(request.body.text, {
      format: {
        type: 'json_schema',
        name: 'contact',
        strict: true,
        schema: {
          type: 'object',
          properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' }, phone: { type: ['string', 'null'] } },
          required: ['name', 'email', 'phone'],
          additionalProperties: false,
        },
      },
    });
    assert.match(request.userText, /Grace Hopper <grace@navy\.mil>/);
  });

  it('turns a refusal streamed by the server into a refusal outcome', async () => {
    server.reply = () => ({ text: '', refusal: 'I’m sorry, I can’t help with that.' });
    const outcome = await extract(schemaPlan());
    assert.deepEqual(outcome, { status: 'error', kind: 'refusal', message: 'The model declined to extract this: I’m sorry, I can’t help with that.', raw: 'I’m sorry, I can’t help with that.' });
  });

  it('catches a reply that breaks the schema, as a server without strict mode may send', async () => {
    server.reply = () => '{"name":"Grace Hopper","email":"not-an-address","phone":null}';
    const outcome = await extract(schemaPlan());
    assert.equal(outcome.status, 'error');
    assert.equal(outcome.status === 'error' && outcome.kind, 'schema_mismatch');
    assert.match(outcome.status === 'error' ? outcome.message : '', /\$\.email: "not-an-address" is not a valid email \(rule: format\)/);
  });

  it('without a schema asks for json_object and accepts the server’s JSON', async () => {
    server.reply = () => '{"people":[{"name":"Grace Hopper","email":"grace@navy.mil"}]}';
    const outcome = await extract(INFER_PLAN);
    assert.equal(outcome.status, 'ok');
    assert.deepEqual(outcome.status === 'ok' && outcome.value, { people: [{ name: 'Grace Hopper', email: 'grace@navy.mil' }] });
    assert.deepEqual(server.responseRequests[0].body.text, { format: { type: 'json_object' } });
  });

  it('cancels at once when the signal aborts mid-stream', async () => {
    const plan = schemaPlan();
    server.reply = () => ({ text: '{"name":"Grace Hopper","email":"grace@navy.mil","phone":null}', deltas: Array.from({ length: 200 }, (_, i) => (i === 0 ? '{"name":"' : 'x')) });
    server.deltaDelayMs = 20;
    try {
      const abort = new AbortController();
      const request = buildExtractionRequest({ model: 'gpt-4.1-mini', temperature: 0, contexts, plan });
      const result = await provider.stream(request, { onDelta: () => abort.abort() }, abort.signal);
      assert.equal(result.status, 'stopped');
      assert.ok(result.text.length < 50, `only the first deltas arrived: ${result.text.length} chars`);
      assert.deepEqual(interpretExtraction(result, plan), { status: 'cancelled' });
    } finally {
      server.deltaDelayMs = 0;
    }
  });

  it('reports an HTTP error with the provider’s words, and a cut-off reply as incomplete', async () => {
    server.queueFault('auth');
    const auth = await extract(schemaPlan());
    assert.equal(auth.status === 'error' && auth.kind, 'auth');
    assert.doesNotMatch(auth.status === 'error' ? auth.message : '', /sk-extract-test/);

    server.reply = () => '{"name":"Grace Hopper","email":"grace@navy.mil","phone":null}';
    server.queueFault({ kind: 'incomplete', afterDeltas: 2, reason: 'max_output_tokens' });
    const cut = await extract(schemaPlan());
    assert.equal(cut.status === 'error' && cut.kind, 'incomplete');
    assert.match(cut.status === 'error' ? cut.message : '', /max_output_tokens/);
  });
});
