import * as assert from 'node:assert/strict';
import { statelessDialectNotice } from '../../../src/core/conversation/chainedRequest';
import type { Turn } from '../../../src/core/conversation/turn';
import { ChatCompletionsProvider } from '../../../src/core/provider/chat/chatCompletionsProvider';
import { AutoDialectProvider, type DialectMemory, type DialectSwitch } from '../../../src/core/provider/dialect';
import type { Dialect } from '../../../src/core/provider/types';
import { RecordingLogger, settingsFor } from '../provider/support';
import { REVIEWER, assertPersisted, openService, storedTurns, useFakeServerSuite } from './support';

class MapMemory implements DialectMemory {
  readonly saved = new Map<string, Dialect>();
  get = (key: string) => this.saved.get(key);
  set = (key: string, dialect: Dialect) => void this.saved.set(key, dialect);
}

/** The conversation on Chat Completions (the real provider and SDK against the fake's /v1/chat/completions). */
describe('ConversationService on an endpoint that keeps no state', () => {
  const fake = useFakeServerSuite();
  const { server, dirs } = fake;
  beforeEach(() => server.restoreDefaults());
  const messagesOf = (index: number) => server.chatRequests[index].body.messages as Array<{ role: string; content: string }>;

  it('re-sends the recent conversation every turn, records what it cost, and says so once per conversation', async () => {
    const provider = new ChatCompletionsProvider(settingsFor(fake.baseURL()), new RecordingLogger());
    const h = await openService(fake.baseURL(), { factory: async () => provider });
    dirs.push(h.dir);
    const turns: Turn[] = [];
    for (const text of ['one', 'two', 'three']) turns.push(await h.service.send({ origin: 'chat', userText: text, persona: REVIEWER, model: 'gpt-a' }));

    assert.deepEqual(turns.map((t) => t.status), ['complete', 'complete', 'complete']);
    assert.equal(server.responseRequests.length, 0, 'nothing went to /responses');
    assert.equal(server.chatRequests.length, 3);
    assert.deepEqual(messagesOf(2).map((m) => m.role), ['system', 'user', 'assistant', 'user', 'assistant', 'user'], 'the third turn carries both earlier exchanges and its message');
    assert.equal(messagesOf(2).at(-1)?.content, 'three');
    assert.deepEqual(turns.map((t) => t.resent?.earlierTurns), [0, 1, 2]);
    const tokens = turns.map((t) => t.resent?.tokens ?? 0);
    assert.ok(tokens[0] > 0 && tokens[1] > tokens[0] && tokens[2] > tokens[1], `the re-sent tokens grow: ${tokens.join(', ')}`);
    assert.deepEqual(turns.map((t) => t.notice), [statelessDialectNotice(turns[0].resent!), undefined, undefined], 'said once');
    assert.match(turns[0].notice ?? '', /keeps no conversation state/);
    assert.deepEqual(turns.map((t) => t.responseId), [undefined, undefined, undefined], 'nothing to chain from');

    await assertPersisted(h);
    assert.deepEqual((await storedTurns(h.dir, h.service.conversationId)).map((t) => t.resent?.earlierTurns), [0, 1, 2], 'stored with the turns');
  });

  it('auto-detect: the first turn that finds no /responses is answered on Chat Completions and says it keeps no state', async () => {
    server.responsesRoute = '404-text';
    const switches: DialectSwitch[] = [];
    const provider = new AutoDialectProvider(settingsFor(fake.baseURL()), new RecordingLogger(), { memory: new MapMemory(), onSwitched: (s) => switches.push(s) });
    const h = await openService(fake.baseURL(), { factory: async () => provider });
    dirs.push(h.dir);
    const first = await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    const second = await h.service.send({ origin: 'chat', userText: 'two', persona: REVIEWER, model: 'gpt-a' });
    assert.deepEqual([first.status, second.status], ['complete', 'complete']);
    assert.deepEqual(server.requests.map((r) => `${r.path} ${r.status}`), ['/v1/responses 404', '/v1/chat/completions 200', '/v1/chat/completions 200']);
    assert.equal(switches.length, 1);
    assert.deepEqual([first.resent?.earlierTurns, second.resent?.earlierTurns], [0, 1]);
    assert.equal(first.notice, statelessDialectNotice(first.resent!), 'told on the turn that switched');
    assert.equal(second.notice, undefined);
  });

  it('auto-detect on a turn chained from a response: the switch re-sends the conversation instead of the lone message', async () => {
    const h = await openService(fake.baseURL());
    dirs.push(h.dir);
    const earlier = await h.service.send({ origin: 'chat', userText: 'remember 42', persona: REVIEWER, model: 'gpt-a' });
    assert.ok(earlier.responseId, 'the first turn chained on /responses');

    // The same endpoint after a reload, now a server without /responses (the profile's address changed, say).
    server.responsesRoute = '404-text';
    const memory = new MapMemory();
    const switches: DialectSwitch[] = [];
    const auto = new AutoDialectProvider(settingsFor(fake.baseURL()), new RecordingLogger(), { memory, onSwitched: (s) => switches.push(s) });
    const reopened = await openService(fake.baseURL(), { dir: h.dir, factory: async () => auto });
    server.clearRequests();
    const next = await reopened.service.send({ origin: 'chat', userText: 'what number?', persona: REVIEWER, model: 'gpt-a' });

    assert.equal(next.status, 'complete', next.error?.detail);
    assert.deepEqual(server.requests.map((r) => `${r.path} ${r.status}`), ['/v1/responses 404', '/v1/chat/completions 200']);
    assert.equal(server.responseRequests[0].body.previous_response_id, earlier.responseId, 'the chained request went first');
    assert.deepEqual(messagesOf(0).map((m) => m.content).slice(1), ['remember 42', earlier.assistantText, 'what number?'], 'the transcript, not the lone message');
    assert.equal(next.resent?.earlierTurns, 1);
    assert.match(next.notice ?? '', /keeps no conversation state/);
    assert.equal(switches.length, 1, 'remembered and told once, after Chat Completions answered');
    assert.deepEqual([...memory.saved.values()], ['chat']);
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
