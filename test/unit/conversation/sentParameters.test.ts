import * as assert from 'node:assert/strict';
import type { Persona } from '../../../src/core/personas';
import { LearnedParameters } from '../../../src/core/models/learnedParameters';
import { ResponsesProvider } from '../../../src/core/provider/responsesProvider';
import { RecordingLogger, settingsFor } from '../provider/support';
import { REVIEWER, TEACHER, assertPersisted, openService, useFakeServerSuite } from './support';

/** A persona written for gpt-5: effort and verbosity, plus a temperature left from an older model. */
const THINKER: Persona = { id: 'thinker', label: 'Deep Thinker', instructions: 'Think hard.', temperature: 0.7, reasoningEffort: 'high', verbosity: 'low' };

describe('ConversationService: what each send carries to the model', () => {
  const fake = useFakeServerSuite();
  const { server, dirs } = fake;

  async function harness(options: Parameters<typeof openService>[1] = {}) {
    // One provider with a learned-parameter store, as the extension builds it.
    const provider = new ResponsesProvider(settingsFor(fake.baseURL()), new RecordingLogger(), { learned: new LearnedParameters() });
    const h = await openService(fake.baseURL(), { factory: async () => provider, ...options });
    dirs.push(h.dir);
    return h;
  }

  it('stores effort and verbosity with the turn, sends only what the model takes, and the footer phrase survives a reload', async () => {
    const h = await harness();
    const turn = await h.service.send({ origin: 'chat', userText: 'why?', persona: THINKER, model: 'gpt-5' });
    assert.equal(turn.status, 'complete');
    assert.deepEqual(turn.sentWith, { instructions: 'Think hard.', temperature: 0.7, reasoningEffort: 'high', verbosity: 'low' });
    const body = server.responseRequests[0].body;
    assert.deepEqual(body.reasoning, { effort: 'high', summary: 'auto' }, 'threadline.reasoningSummary defaults to auto');
    assert.deepEqual(body.text, { verbosity: 'low' });
    assert.equal('temperature' in body, false);
    assert.deepEqual(turn.notApplied, ['temperature not used by gpt-5']);
    await assertPersisted(h);
  });

  it('regenerate re-sends the stored effort and verbosity with the persona it was first sent with', async () => {
    const h = await harness();
    const first = await h.service.send({ origin: 'chat', userText: 'why?', persona: THINKER, model: 'gpt-5' });
    server.clearRequests();
    const again = await h.service.regenerate(first.id);
    assert.equal(again.personaId, 'thinker');
    const body = server.responseRequests[0].body;
    assert.deepEqual(body.reasoning, { effort: 'high', summary: 'auto' });
    assert.deepEqual(body.text, { verbosity: 'low' });
  });

  it('regenerate and retry never repeat a parameter the server refused, though the turn still records it', async () => {
    const h = await harness();
    server.queueFault({ kind: 'unsupported_parameter', param: 'temperature' });
    const first = await h.service.send({ origin: 'chat', userText: 'review this', persona: REVIEWER, model: 'my-deployment' });
    assert.equal(first.status, 'complete');
    assert.equal(first.sentWith?.temperature, 0.2, 'the turn keeps what the persona asked for');
    assert.deepEqual(first.notApplied, ['temperature not used by my-deployment']);

    server.clearRequests();
    await h.service.regenerate(first.id);
    assert.equal(server.responseRequests.length, 1);
    assert.equal('temperature' in server.responseRequests[0].body, false);
    assert.equal(server.responseRequests[0].body.top_p, 0.8, 'top_p was never refused: it still goes');

    server.clearRequests();
    server.queueFault('server_error');
    const failed = await h.service.send({ origin: 'chat', userText: 'again', persona: REVIEWER, model: 'my-deployment' });
    assert.equal(failed.status, 'failed');
    server.clearRequests();
    // Retry keeps the persona the turn was first sent with, whatever is active now; the filter applies all the same.
    const retried = await h.service.retry(failed.id);
    assert.equal(retried.status, 'complete');
    assert.equal(retried.personaId, 'reviewer');
    assert.equal('temperature' in server.responseRequests[0].body, false);
  });

  it('sends no reasoning to a model that does not reason, and says nothing about a summary', async () => {
    const h = await harness();
    const turn = await h.service.send({ origin: 'chat', userText: 'hi', persona: TEACHER, model: 'gpt-4.1' });
    assert.equal(server.responseRequests[0].body.reasoning, undefined);
    assert.equal(turn.notApplied, undefined);
  });

  it('reads threadline.reasoningSummary per turn: off asks for no summary, detailed asks for that style', async () => {
    let setting: 'off' | 'detailed' = 'off';
    const h = await harness({ reasoningSummary: () => setting });
    await h.service.send({ origin: 'chat', userText: 'one', persona: THINKER, model: 'o4-mini' });
    setting = 'detailed';
    await h.service.send({ origin: 'chat', userText: 'two', persona: THINKER, model: 'o4-mini' });
    assert.deepEqual(server.responseRequests.map((r) => r.body.reasoning), [{ effort: 'high' }, { effort: 'high', summary: 'detailed' }]);
  });
});
