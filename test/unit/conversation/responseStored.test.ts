import * as assert from 'node:assert/strict';
import type { Turn } from '../../../src/core/conversation/turn';
import { summarize } from '../../../src/core/store/conversationSummary';
import { REVIEWER, openService, storedTurns, useFakeServerSuite } from './support';

/**
 * A turn records whether its response was asked for with store: true, and a conversation lists for deletion on
 * the server only the responses the server keeps: "delete on the server too" never sends DELETE for an id that
 * was never stored.
 */
describe('Responses stored on the server', () => {
  const fake = useFakeServerSuite();
  const { server, dirs } = fake;

  async function harness() {
    const h = await openService(fake.baseURL());
    dirs.push(h.dir);
    return h;
  }

  const send = (h: Awaited<ReturnType<typeof harness>>, userText: string) => h.service.send({ origin: 'chat', userText, persona: REVIEWER, model: 'gpt-a' });

  it('a turn records the store setting it was sent with, and only stored responses are listed for deletion', async () => {
    const h = await harness();
    const kept = await send(h, 'sent with store on');
    h.store.value = false;
    const notKept = await send(h, 'sent with store off');
    h.store.value = true;
    const keptAgain = await send(h, 'store on again');

    assert.deepEqual(server.responseRequests.map((r) => r.body.store), [true, false, true]);
    assert.deepEqual([kept, notKept, keptAgain].map((t) => [t.responseStored, typeof t.responseId]), [[true, 'string'], [false, 'string'], [true, 'string']]);
    assert.ok(!server.hasResponse(notKept.responseId ?? ''), 'the server never had the store-off response');
    const resumed = server.responseRequests[2].body;
    assert.equal(resumed.previous_response_id, undefined, 'a response the server never had is not named as the anchor');
    assert.equal(Array.isArray(resumed.input) && resumed.input.length, 5, 'the transcript is sent instead');
    assert.equal(keptAgain.notice, undefined, 'no repair was needed');

    await h.service.flush();
    const [summary] = (await h.library.list()).filter((s) => s.id === h.service.conversationId);
    assert.deepEqual(summary.storedResponseIds, [kept.responseId, keptAgain.responseId]);
    const onDisk = await storedTurns(h.dir, h.service.conversationId);
    assert.deepEqual(onDisk.map((t) => t.responseStored), [true, false, true], 'what was sent is kept on disk with the turn');
  });

  it('a turn re-sent after the chain was lost records the store setting of the re-send', async () => {
    const h = await harness();
    await send(h, 'one');
    server.forgetResponses();
    const repaired = await send(h, 'two');
    assert.ok(repaired.notice, 'the chain was repaired');
    assert.equal(repaired.responseStored, true);
    assert.ok(server.hasResponse(repaired.responseId ?? ''));
  });
});

describe('summarize: stored response ids', () => {
  const base = (id: string, extra: Partial<Turn>): Turn => ({
    id,
    origin: 'chat',
    userText: id,
    context: [],
    personaId: 'assistant',
    personaLabel: 'Coding Assistant',
    model: 'gpt-test',
    assistantText: 'answer',
    refusalText: '',
    reasoningSummary: '',
    status: 'complete',
    startedAt: 1_700_000_000_000,
    ...extra,
  });

  it('lists stored responses once each, leaves out store-off ones and turns without a response', () => {
    const turns = [
      base('a', { responseId: 'resp_a', responseStored: true }),
      base('b', { responseId: 'resp_b', responseStored: false }),
      base('c', { status: 'failed' }),
      base('d', { responseId: 'resp_a', responseStored: true }),
    ];
    assert.deepEqual(summarize('conv', turns, { pinned: false }, 0).storedResponseIds, ['resp_a']);
  });

  it('lists the responses of turns recorded before the store setting was kept (0.1.0 sent store: true by default)', () => {
    assert.deepEqual(summarize('conv', [base('old', { responseId: 'resp_old' })], { pinned: false }, 0).storedResponseIds, ['resp_old']);
  });
});
