import * as assert from 'node:assert/strict';
import { totalUsage } from '../../../src/core/conversation/fanOutAnswers';
import type { Turn } from '../../../src/core/conversation/turn';
import type { Persona } from '../../../src/core/personas';
import { exportConversationMarkdown } from '../../../src/core/export/markdownExport';
import { REVIEWER, TEACHER, assertPersisted, openService, storedTurns, useFakeServerSuite, waitFor } from './support';

/**
 * Fan-out through the whole path (service → provider → real SDK → fake server): one message, several personas,
 * one turn holding every answer; the conversation continues with the one chosen.
 */

const POET: Persona = { id: 'poet', label: 'Poet', instructions: 'Answer in verse.' };
/** The fake server reads fault markers in the instructions too, so this persona fails alone. */
const BROKEN: Persona = { id: 'broken', label: 'Broken', instructions: 'Fail. [[fault:failed:2]]' };
/** Accepted and never answered: only a Stop ends it. */
const STALLED: Persona = { id: 'stalled', label: 'Stalled', instructions: 'Hang. [[fault:stall]]' };

const ask = (userText: string, ...personas: Persona[]) => personas.map((persona) => ({ origin: 'chat' as const, userText, persona, model: 'gpt-a' }));

describe('ConversationService: fan-out to several personas', () => {
  const fake = useFakeServerSuite();
  const { server, dirs } = fake;

  async function harness(options: Parameters<typeof openService>[1] = {}) {
    const h = await openService(fake.baseURL(), options);
    dirs.push(h.dir);
    // Each persona answers in its own words, so a re-sent transcript shows whose answer it carries.
    server.reply = (request) => `Answer by ${request.body.instructions?.split('.')[0]}.`;
    return h;
  }

  it('sends one request per persona, each chained from the current anchor, into one turn holding every answer', async () => {
    const h = await harness();
    const first = await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    server.clearRequests();
    const turn = await h.service.fanOut(ask('compare', REVIEWER, TEACHER, POET));
    const sent = server.responseRequests.map((r) => r.body);
    assert.deepEqual(sent.map((b) => b.previous_response_id), [first.responseId, first.responseId, first.responseId]);
    assert.deepEqual(sent.map((b) => b.instructions).sort(), [POET, REVIEWER, TEACHER].map((p) => p.instructions).sort());
    assert.deepEqual(turn.alternatives?.map((a) => [a.personaId, a.status]), [['reviewer', 'complete'], ['teacher', 'complete'], ['poet', 'complete']]);
    assert.equal(new Set(turn.alternatives?.map((a) => a.responseId)).size, 3, 'each answer is its own response');
    assert.equal(h.service.turns.length, 2, 'the fan-out is one turn');
    assert.equal(turn.userText, 'compare');
    assert.ok(!h.service.busy);
  });

  it('runs the requests in parallel: two answers complete while a third still waits, and that one stops alone', async () => {
    const h = await harness({ settings: { timeoutMs: 60_000 } });
    const settled = h.service.fanOut(ask('go', STALLED, REVIEWER, TEACHER));
    let latest: Turn | undefined;
    h.service.onEvent({ turnUpdated: (turn) => { latest = turn; } });
    // Sent one after another, the first (stalled) request would hold the others back for ever.
    await waitFor(() => latest?.alternatives?.filter((a) => a.status === 'complete').length === 2, 'two answers to complete beside a stalled one');
    assert.equal(latest?.alternatives?.[0].status, 'streaming');
    assert.ok(h.service.busy, 'the turn streams while one answer does');
    const stalledId = latest?.alternatives?.[0].id ?? '';
    assert.equal(h.service.stopAnswer(stalledId), true);
    const turn = await settled;
    assert.deepEqual(turn.alternatives?.map((a) => a.status), ['stopped', 'complete', 'complete']);
    assert.equal(turn.status, 'complete', 'the turn continues with a complete answer');
    assert.notEqual(turn.chosen, stalledId);
  });

  it('one failing leaves the others whole; the default is the first that completed', async () => {
    const h = await harness();
    const turn = await h.service.fanOut(ask('explain', REVIEWER, BROKEN, TEACHER));
    const [reviewer, broken, teacher] = turn.alternatives ?? [];
    assert.equal(broken.status, 'failed');
    assert.ok(broken.error, 'the failure is said on its answer');
    assert.equal(reviewer.status, 'complete');
    assert.equal(teacher.status, 'complete');
    assert.equal(reviewer.assistantText, 'Answer by Review the code strictly.');
    assert.equal(teacher.assistantText, 'Answer by Explain step by step.');
    assert.equal(turn.error, undefined, 'the turn itself did not fail');
    const firstDone = [reviewer, teacher].sort((a, b) => (a.finishedAt ?? 0) - (b.finishedAt ?? 0))[0];
    assert.equal(turn.chosen, firstDone.id);
    assert.equal(turn.responseId, firstDone.responseId);
    assert.equal(turn.assistantText, firstDone.assistantText);
    assert.equal(turn.personaId, firstDone.personaId);
  });

  it('Continue with this: the next turn chains from the chosen answer’s response', async () => {
    const h = await harness();
    const turn = await h.service.fanOut(ask('pick one', REVIEWER, TEACHER, POET));
    const poet = turn.alternatives?.[2];
    assert.ok(poet?.responseId);
    const chosen = await h.service.choose(turn.id, poet.id);
    assert.equal(chosen.chosen, poet.id);
    assert.equal(chosen.personaLabel, 'Poet');
    assert.equal(chosen.alternatives?.length, 3, 'the others stay as alternatives');
    server.clearRequests();
    await h.service.send({ origin: 'chat', userText: 'go on', persona: REVIEWER, model: 'gpt-a' });
    assert.equal(server.responseRequests[0].body.previous_response_id, poet.responseId);
    await assert.rejects(h.service.choose(turn.id, turn.alternatives?.[0].id ?? ''), /last turn/, 'an earlier turn’s choice is history');
  });

  it('without server state the next turn re-sends the chosen answer’s text', async () => {
    const h = await harness();
    h.store.value = false;
    const turn = await h.service.fanOut(ask('pick one', REVIEWER, TEACHER));
    await h.service.choose(turn.id, turn.alternatives?.[1].id ?? '');
    server.clearRequests();
    await h.service.send({ origin: 'chat', userText: 'go on', persona: REVIEWER, model: 'gpt-a' });
    const input = JSON.stringify(server.responseRequests[0].body.input);
    assert.ok(input.includes('Answer by Explain step by step.'), 'the chosen answer is in the transcript');
    assert.ok(!input.includes('Answer by Review the code strictly.'), 'the other answer is not');
  });

  it('counts every answer’s tokens, and the store keeps the alternatives and the choice across a reopen', async () => {
    const h = await harness();
    const turn = await h.service.fanOut(ask('cost', REVIEWER, TEACHER, POET));
    const chosen = await h.service.choose(turn.id, turn.alternatives?.[1].id ?? '');
    const everyAnswer = (chosen.alternatives ?? []).reduce((sum, a) => sum + (a.usage?.totalTokens ?? 0), 0);
    assert.ok(everyAnswer > (chosen.usage?.totalTokens ?? 0));
    assert.equal(h.service.totals().totalTokens, everyAnswer);
    await assertPersisted(h);
    const [stored] = await storedTurns(h.dir, h.service.conversationId);
    assert.equal(stored.chosen, chosen.chosen);
    assert.deepEqual(stored.alternatives?.map((a) => a.personaLabel), ['Code Reviewer', 'Patient Teacher', 'Poet']);
    assert.equal(totalUsage([stored]).totalTokens, everyAnswer);
    const summary = (await h.library.list()).find((s) => s.id === h.service.conversationId);
    assert.equal(summary?.totalTokens, everyAnswer, 'the history counts every answer');
    assert.deepEqual(summary?.personas.slice().sort(), ['Code Reviewer', 'Patient Teacher', 'Poet']);
    assert.equal(summary?.storedResponseIds.length, 3, 'every answer’s stored response is deleted with the conversation');
  });

  it('exports the chosen answer and the others as alternatives', async () => {
    const h = await harness();
    const turn = await h.service.fanOut(ask('export me', REVIEWER, BROKEN, TEACHER));
    const markdown = exportConversationMarkdown(h.service.turns, h.service.totals());
    assert.ok(markdown.includes(`### ${turn.personaLabel} (gpt-a)`));
    const others = turn.alternatives?.filter((a) => a.id !== turn.chosen) ?? [];
    for (const other of others) assert.ok(markdown.includes(`#### Alternative: ${other.personaLabel} (gpt-a)`), other.personaLabel);
    assert.match(markdown, /> \*\*Failed:\*\*/);
  });
});
