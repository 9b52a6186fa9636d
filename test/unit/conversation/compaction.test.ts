import * as assert from 'node:assert/strict';
import type { ContextBudget } from '../../../src/core/conversation/conversationService';
import { describeCompaction } from '../../../src/core/conversation/compactionText';
import { ChainMemoryStore } from '../../../src/core/endpoints/chainMemoryStore';
import { TEACHER, openService, storedTurns, useFakeServerSuite } from './support';

const MODEL = 'gpt-4.1-mini';
const ask = (userText: string) => ({ origin: 'chat' as const, userText, persona: TEACHER, model: MODEL });
const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(' ');
/** A budget that never compacts by itself, so a test decides when. */
const ROOMY: ContextBudget = { transcriptTokens: 100_000, compactAtTokens: 1_000_000, serverCompacts: false };

describe('ConversationService: compaction and context limits', () => {
  const fake = useFakeServerSuite();
  const { server, dirs } = fake;

  async function harness(options: Parameters<typeof openService>[1] = {}) {
    const h = await openService(fake.baseURL(), { contextBudget: () => ROOMY, ...options });
    dirs.push(h.dir);
    return h;
  }

  it('compacts on demand with responses/compact; the next turn sends its items instead of the chain', async () => {
    const h = await harness();
    await h.service.send(ask(`first ${words(200)}`));
    const second = await h.service.send(ask(`second ${words(200)}`));
    const compaction = await h.service.compact();
    assert.ok(compaction && !('kind' in compaction), 'compacted');
    assert.equal(compaction.how, 'compact');
    assert.equal(server.compactRequests.length, 1);
    assert.equal(server.compactRequests[0].body.previous_response_id, second.responseId, 'the whole chain was compacted');
    assert.ok(compaction.tokensBefore > 0);

    const third = await h.service.send(ask('third'));
    assert.equal(third.status, 'complete');
    const sent = server.responseRequests.at(-1)?.body;
    assert.equal(sent?.previous_response_id, undefined, 'the compacted items stand in for the chain');
    const input = sent?.input as Array<{ type?: string; role?: string }>;
    assert.equal(input.filter((item) => item.type === 'compaction').length, 1);
    assert.equal(input.at(-1)?.role, 'user');

    const marked = h.service.turns.find((t) => t.id === second.id)?.compaction;
    assert.ok(marked?.tokensAfter !== undefined && marked.tokensAfter < marked.tokensBefore, `the chain shrank: ${JSON.stringify(marked)}`);
    assert.match(describeCompaction(marked), /^Conversation compacted: [\d,]+ → [\d,]+ tokens$/);

    // The fourth turn chains from the third as usual.
    await h.service.send(ask('fourth'));
    assert.equal(server.responseRequests.at(-1)?.body.previous_response_id, third.responseId);
    await h.service.flush();
    await h.library.flush();
    assert.deepEqual((await storedTurns(h.dir, h.service.conversationId)).find((t) => t.id === second.id)?.compaction, marked, 'the marker survives a reload');
  });

  it('compacts by itself before a turn once the chain passes compactAt of the window', async () => {
    const h = await harness({ contextBudget: () => ({ ...ROOMY, compactAtTokens: 150 }) });
    const first = await h.service.send(ask(`first ${words(300)}`));
    assert.equal(server.compactRequests.length, 0, 'the first turn had nothing to compact');
    const second = await h.service.send(ask('second'));
    assert.equal(server.compactRequests.length, 1);
    const compaction = h.service.turns.find((t) => t.id === first.id)?.compaction;
    assert.equal(compaction?.how, 'compact');
    assert.equal(compaction?.tokensAfter, second.usage?.inputTokens, 'the size after comes from the turn that followed');
  });

  it('context_length_exceeded is a named error offering compact-and-retry, which completes the turn', async () => {
    const h = await harness();
    // Long answers fill the chain; a compaction folds them into one small item (user messages stay verbatim).
    await h.service.send(ask('first [[long:300]]'));
    const second = await h.service.send(ask('second [[long:300]]'));
    // A window the chain has just filled: one more message does not fit, the compacted chain does.
    const chain = (second.usage?.inputTokens ?? 0) + (second.usage?.outputTokens ?? 0);
    server.contextWindows.set(MODEL, chain);
    const failed = await h.service.send(ask('third, a question of several more words'));
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error?.kind, 'context_length_exceeded');
    assert.deepEqual(failed.error?.actions, ['compactAndRetry', 'newConversation']);
    assert.match(failed.error?.detail ?? '', /exceeds the context window/);

    const retried = await h.service.compactAndRetry(failed.id);
    assert.equal(retried.status, 'complete', JSON.stringify(retried.error));
    assert.equal(retried.userText, failed.userText);
    assert.equal(h.service.turns.length, 3, 'the retry replaced the failed turn');
    assert.equal(h.service.turns[1].compaction?.how, 'compact');
  });

  it('asks the server to compact where it can (context_management), and marks the turn whose response did', async () => {
    const h = await harness({ contextBudget: () => ({ ...ROOMY, compactAtTokens: 300, serverCompacts: true }) });
    await h.service.send(ask(`first ${words(200)}`));
    const second = await h.service.send(ask(`second ${words(300)}`));
    assert.deepEqual(server.responseRequests.at(-1)?.body.context_management, [{ type: 'compaction', compact_threshold: 300 }]);
    assert.equal(second.compaction?.how, 'server', 'the response carried a compaction item');
    assert.equal(server.compactRequests.length, 0, 'no separate compact call');
    const third = await h.service.send(ask('third'));
    assert.equal(server.responseRequests.at(-1)?.body.previous_response_id, second.responseId, 'the server chain goes on');
    assert.equal(h.service.turns.find((t) => t.id === second.id)?.compaction?.tokensAfter, third.usage?.inputTokens);
  });

  it('without stored responses, compaction starts a new chain from a transcript trimmed by tokens', async () => {
    const h = await harness({ contextBudget: () => ({ ...ROOMY, transcriptTokens: 200 }) });
    h.store.value = false;
    await h.service.send(ask(`first ${words(300)}`));
    await h.service.send(ask('second'));
    const sent = server.responseRequests.at(-1)?.body;
    assert.equal(sent?.input, 'second', 'the first exchange is over the token budget, so only the new message goes');
    const compaction = await h.service.compact();
    assert.ok(compaction && !('kind' in compaction));
    assert.equal(compaction.how, 'transcript');
    assert.equal(server.compactRequests.length, 0);
  });

  it('remembers a stateless endpoint across reloads, and only for that endpoint', async () => {
    let saved: unknown;
    const port = { load: () => saved, save: (value: unknown) => { saved = value; } };
    const h = await harness({ chainMemory: new ChainMemoryStore(port) });
    // Two forgotten chains in a row: the endpoint keeps no state.
    await h.service.send(ask('one'));
    server.forgetResponses();
    await h.service.send(ask('two'));
    server.forgetResponses();
    await h.service.send(ask('three'));
    assert.ok(JSON.stringify(saved).includes('stateless'), `saved: ${JSON.stringify(saved)}`);

    const reloaded = await harness({ chainMemory: new ChainMemoryStore(port) });
    server.clearRequests();
    await reloaded.service.send(ask('after reload'));
    await reloaded.service.send(ask('and again'));
    assert.equal(server.responseRequests.at(-1)?.body.previous_response_id, undefined, 'no chained request is wasted after a reload');
    assert.ok(Array.isArray(server.responseRequests.at(-1)?.body.input), 'the transcript is sent');

    const elsewhere = new ChainMemoryStore(port);
    assert.equal(elsewhere.isStateless('https://api.openai.com/v1'), false, 'another endpoint starts fresh');
  });
});
