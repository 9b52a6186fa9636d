import * as assert from 'node:assert/strict';
import { statelessDialectNotice } from '../../../src/core/conversation/chainedRequest';
import type { Turn } from '../../../src/core/conversation/turn';
import { ResponsesProvider } from '../../../src/core/provider/responsesProvider';
import type { ModelProvider } from '../../../src/core/provider/types';
import { RecordingLogger, settingsFor } from '../provider/support';
import { REVIEWER, assertPersisted, openService, storedTurns, useFakeServerSuite } from './support';

/** An endpoint whose dialect keeps no state: the real provider and SDK, declared stateless as Chat Completions is. */
function statelessProvider(baseURL: string): ModelProvider {
  const inner = new ResponsesProvider(settingsFor(baseURL), new RecordingLogger());
  return { dialect: 'chat', keepsState: false, endpoint: inner.endpoint, stream: (request, listener, signal) => inner.stream(request, listener, signal) };
}

describe('ConversationService on an endpoint that keeps no state', () => {
  const fake = useFakeServerSuite();
  const { server, dirs } = fake;

  it('re-sends the recent conversation every turn, records what it cost, and says so once per conversation', async () => {
    const provider = statelessProvider(fake.baseURL());
    const h = await openService(fake.baseURL(), { factory: async () => provider });
    dirs.push(h.dir);
    const turns: Turn[] = [];
    for (const text of ['one', 'two', 'three']) turns.push(await h.service.send({ origin: 'chat', userText: text, persona: REVIEWER, model: 'gpt-a' }));

    assert.deepEqual(turns.map((t) => t.status), ['complete', 'complete', 'complete']);
    const sent = server.responseRequests.map((r) => r.body);
    assert.deepEqual(sent.map((b) => b.previous_response_id), [undefined, undefined, undefined], 'nothing is chained');
    assert.equal((sent[2].input as unknown[]).length, 5, 'the third turn carries both earlier exchanges and its message');
    assert.deepEqual(turns.map((t) => t.resent?.earlierTurns), [0, 1, 2]);
    const tokens = turns.map((t) => t.resent?.tokens ?? 0);
    assert.ok(tokens[0] > 0 && tokens[1] > tokens[0] && tokens[2] > tokens[1], `the re-sent tokens grow: ${tokens.join(', ')}`);
    assert.deepEqual(turns.map((t) => t.notice), [statelessDialectNotice(turns[0].resent!), undefined, undefined], 'said once');
    assert.match(turns[0].notice ?? '', /keeps no conversation state/);

    await assertPersisted(h);
    assert.deepEqual((await storedTurns(h.dir, h.service.conversationId)).map((t) => t.resent?.earlierTurns), [0, 1, 2], 'stored with the turns');
  });

  it('a server that keeps state records nothing re-sent', async () => {
    const h = await openService(fake.baseURL());
    dirs.push(h.dir);
    const first = await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    const second = await h.service.send({ origin: 'chat', userText: 'two', persona: REVIEWER, model: 'gpt-a' });
    assert.equal(second.status, 'complete');
    assert.equal(server.responseRequests.at(-1)?.body.previous_response_id, first.responseId);
    assert.deepEqual([first.resent, second.resent, first.notice, second.notice], [undefined, undefined, undefined, undefined]);
  });
});
