import * as assert from 'node:assert/strict';
import { repairNotice, statelessNotice } from '../../../src/core/conversation/chainedRequest';
import { DURABLE_FILE_OPS } from '../../../src/core/store/storeFiles';
import type { Turn } from '../../../src/core/conversation/turn';
import { ResponsesProvider } from '../../../src/core/provider/responsesProvider';
import type { ModelRequest, StreamListener, StreamResult } from '../../../src/core/provider/types';
import { RecordingLogger, settingsFor } from '../provider/support';
import { REVIEWER, type HarnessOptions, assertPersisted, openService, storedTurns, useFakeServerSuite, waitFor } from './support';

/** A provider that streams for real, then throws: the kind of bug or SDK surprise a turn must survive. */
class ThrowingAfterStreamProvider extends ResponsesProvider {
  override async stream(request: ModelRequest, listener: StreamListener, signal?: AbortSignal): Promise<StreamResult> {
    const result = await super.stream(request, listener, signal);
    throw new TypeError(`Cannot read properties of undefined (after ${result.text.length} characters)`);
  }
}

describe('ConversationService: busy state, failure guard, stateless servers and disk faults', () => {
  const fake = useFakeServerSuite();
  const { server, dirs } = fake;

  async function harness(options: HarnessOptions = {}) {
    const h = await openService(fake.baseURL(), options);
    dirs.push(h.dir);
    return h;
  }

  it('busyChanged ends on false when a regenerate queued behind a streaming turn is stopped before it starts', async () => {
    const h = await harness();
    server.deltaDelayMs = 20;
    let streamingId = '';
    h.service.onEvent({ turnStarted: (turn) => { streamingId = turn.id; } });
    const first = h.service.send({ origin: 'chat', userText: 'slow [[long:200]]', persona: REVIEWER, model: 'gpt-a' });
    await waitFor(() => streamingId !== '' && (h.service.turns.at(-1)?.assistantText.length ?? 0) > 0, 'the first delta');
    const regenerated = h.service.regenerate(streamingId);
    h.service.stop();
    const [firstTurn, regeneratedTurn] = await Promise.all([first, regenerated]);
    assert.equal(firstTurn.status, 'stopped');
    assert.equal(regeneratedTurn.id, firstTurn.id, 'a regenerate cancelled before it began leaves the answer alone');
    assert.equal(h.service.busy, false);
    assert.deepEqual(h.busy, [true, false], 'busy went on once and, at the end, off');
  });

  it('busyChanged follows send and newConversation, and only reports real changes', async () => {
    const h = await harness();
    await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    assert.deepEqual(h.busy, [true, false]);
    assert.equal(await h.service.newConversation(), true);
    assert.deepEqual(h.busy, [true, false, true, false]);
    assert.equal(h.service.busy, false);
  });

  it('a provider that throws mid-turn fails the turn with the partial text kept, instead of leaving it streaming', async () => {
    const provider = new ThrowingAfterStreamProvider(settingsFor(fake.baseURL()), new RecordingLogger());
    const h = await harness({ factory: async () => provider });
    const updates: Turn[] = [];
    h.service.onEvent({ turnUpdated: (turn) => updates.push(turn) });
    const turn = await h.service.send({ origin: 'chat', userText: 'explode [[reply:partial words here]]', persona: REVIEWER, model: 'gpt-a' });
    assert.equal(turn.status, 'failed');
    assert.equal(turn.assistantText, 'partial words here', 'what streamed before the throw is kept');
    assert.deepEqual(
      { kind: turn.error?.kind, title: turn.error?.title },
      { kind: 'unexpected', title: 'The request could not be completed' },
    );
    assert.match(turn.error?.detail ?? '', /Cannot read properties of undefined \(after 18 characters\)/);
    assert.equal(updates.at(-1)?.status, 'failed', 'listeners hear the final state');
    assert.equal(h.service.busy, false);
    assert.deepEqual(h.busy, [true, false]);
    await assertPersisted(h);
  });

  it('a server that keeps nothing is detected after one repair: later turns send the transcript with no previous_response_id', async () => {
    const h = await harness();
    const turns: Turn[] = [];
    for (const text of ['one', 'two', 'three', 'four']) {
      server.forgetResponses();
      turns.push(await h.service.send({ origin: 'chat', userText: text, persona: REVIEWER, model: 'gpt-a' }));
    }
    assert.deepEqual(turns.map((t) => t.status), ['complete', 'complete', 'complete', 'complete']);
    const sent = server.responseRequests.map((r) => r.body);
    // one: transcript; two: chained (400) + repair; three: chained on the repair's response (400) + re-send; four: transcript.
    assert.equal(sent.length, 6);
    assert.deepEqual(sent.map((b) => b.previous_response_id !== undefined), [false, true, false, true, false, false]);
    assert.equal(sent[3].previous_response_id, turns[1].responseId, 'the anchor that failed was the one the repair produced');
    assert.deepEqual(sent[5].input, [
      { type: 'message', role: 'user', content: 'one' },
      { type: 'message', role: 'assistant', content: turns[0].assistantText },
      { type: 'message', role: 'user', content: 'two' },
      { type: 'message', role: 'assistant', content: turns[1].assistantText },
      { type: 'message', role: 'user', content: 'three' },
      { type: 'message', role: 'assistant', content: turns[2].assistantText },
      { type: 'message', role: 'user', content: 'four' },
    ]);
    assert.deepEqual(turns.map((t) => t.notice), [undefined, repairNotice(), statelessNotice(), undefined]);
    assert.equal(h.logger.lines.filter((l) => l.includes('keeps no conversation state')).length, 1, 'logged once');

    server.forgetResponses();
    server.clearRequests();
    const fifth = await h.service.send({ origin: 'chat', userText: 'five', persona: REVIEWER, model: 'gpt-a' });
    assert.equal(fifth.notice, undefined);
    assert.equal(server.responseRequests.length, 1, 'no more rejected requests');
    assert.equal(server.responseRequests[0].body.previous_response_id, undefined);
  });

  it('a single lost chain is repaired without giving up on chaining', async () => {
    const h = await harness();
    await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    server.forgetResponses();
    const second = await h.service.send({ origin: 'chat', userText: 'two', persona: REVIEWER, model: 'gpt-a' });
    server.clearRequests();
    const third = await h.service.send({ origin: 'chat', userText: 'three', persona: REVIEWER, model: 'gpt-a' });
    assert.equal(second.notice, repairNotice());
    assert.equal(third.notice, undefined);
    assert.deepEqual(server.responseRequests.map((r) => r.body.previous_response_id), [second.responseId]);
  });

  it('regenerate sends without waiting for the disk to record the removal', async () => {
    const gate: { held?: Promise<void> } = {};
    let release = (): void => undefined;
    const gated: HarnessOptions['fileOps'] = {
      appendLines: async (path: string, lines: string) => {
        await gate.held;
        return DURABLE_FILE_OPS.appendLines(path, lines);
      },
    };
    const h = await harness({ fileOps: gated });
    const first = await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    server.clearRequests();
    gate.held = new Promise((resolve) => { release = resolve; });
    const regenerated = h.service.regenerate(first.id);
    try {
      await waitFor(() => server.responseRequests.length === 1, 'the regenerate request while the disk is held');
    } finally {
      release();
    }
    const turn = await regenerated;
    assert.equal(turn.status, 'complete');
    assert.deepEqual(h.service.turns.map((t) => t.id), [turn.id]);
    await assertPersisted(h);
  });

  it('a disk that refuses writes: memory keeps every turn, the trouble is reported, and the turns reach disk once it works again', async () => {
    const disk = { full: false };
    const refuse = async (): Promise<never> => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    const h = await harness({
      fileOps: {
        appendLines: (path, lines) => (disk.full ? refuse() : DURABLE_FILE_OPS.appendLines(path, lines)),
        writeFileAtomic: (path, text) => (disk.full ? refuse() : DURABLE_FILE_OPS.writeFileAtomic(path, text)),
      },
    });
    const states: Array<{ pending: number; lastError?: string }> = [];
    h.library.onEvents({ saveStateChanged: (state) => states.push(state) });
    const first = await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    disk.full = true;
    const second = await h.service.send({ origin: 'chat', userText: 'two', persona: REVIEWER, model: 'gpt-a' });
    const regenerated = await h.service.regenerate(second.id);
    assert.equal(regenerated.status, 'complete');
    assert.deepEqual(h.service.turns.map((t) => t.id), [first.id, regenerated.id], 'memory keeps every turn');
    await waitFor(() => states.some((state) => state.pending > 0 && /ENOSPC/.test(state.lastError ?? '')), 'the failing writes to be reported');

    // Space returns: the retry timer writes everything, with no further action from the user.
    disk.full = false;
    await waitFor(() => states.at(-1)?.pending === 0, 'the pending writes to reach the disk', 10_000);
    assert.deepEqual((await storedTurns(h.dir, h.service.conversationId)).map((t) => [t.id, t.assistantText]), h.service.turns.map((t) => [t.id, t.assistantText]));
  });

});
