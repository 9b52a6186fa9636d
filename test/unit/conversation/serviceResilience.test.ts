import * as assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPAIR_NOTICE, STATELESS_NOTICE } from '../../../src/core/conversation/chainedRequest';
import { ConversationStore, LOG_FILE } from '../../../src/core/conversation/conversationStore';
import { DURABLE_FILE_OPS, type StoreFileOps } from '../../../src/core/conversation/storeFiles';
import type { Turn } from '../../../src/core/conversation/turn';
import { ResponsesProvider } from '../../../src/core/provider/responsesProvider';
import type { ModelRequest, StreamListener, StreamResult } from '../../../src/core/provider/types';
import { RecordingLogger, settingsFor } from '../provider/support';
import { REVIEWER, type HarnessOptions, assertPersisted, openService, useFakeServerSuite, waitFor } from './support';

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
    assert.deepEqual(turns.map((t) => t.notice), [undefined, REPAIR_NOTICE, STATELESS_NOTICE, undefined]);
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
    assert.equal(second.notice, REPAIR_NOTICE);
    assert.equal(third.notice, undefined);
    assert.deepEqual(server.responseRequests.map((r) => r.body.previous_response_id), [second.responseId]);
  });

  it('regenerate sends without waiting for the disk to record the removal', async () => {
    const gate: { held?: Promise<void> } = {};
    let release = (): void => undefined;
    const gated: StoreFileOps = {
      ...DURABLE_FILE_OPS,
      appendLines: async (path, lines) => {
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

  it('a failed log write is reported once, and the turns are on disk once writing works again', async () => {
    const reports: string[] = [];
    const h = await harness({ onWriteError: (message) => reports.push(message) });
    const first = await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    // A directory where the log should be: every append and rewrite fails with EISDIR, even as root.
    const logPath = join(h.dir, LOG_FILE);
    await rm(logPath);
    await mkdir(logPath);
    const second = await h.service.send({ origin: 'chat', userText: 'two', persona: REVIEWER, model: 'gpt-a' });
    const regenerated = await h.service.regenerate(second.id);
    await h.service.flush();
    assert.equal(regenerated.status, 'complete');
    assert.equal(reports.length, 1, 'one warning for a run of failures');
    assert.match(reports[0], /could not save the conversation.*EISDIR/);
    assert.deepEqual(h.service.turns.map((t) => t.id), [first.id, regenerated.id], 'memory keeps every turn');

    await rm(logPath, { recursive: true });
    await h.service.flush();
    const { store } = await ConversationStore.open(h.dir, new RecordingLogger());
    assert.deepEqual(store.turns.map((t) => [t.id, t.assistantText]), h.service.turns.map((t) => [t.id, t.assistantText]));
    await assertPersisted(h);
  });

  it('newConversation keeps the current conversation when its archive cannot be written', async () => {
    const reports: string[] = [];
    const h = await harness({ onWriteError: (message) => reports.push(message) });
    await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    const before = h.service.turns.map((t) => t.id);
    // A file where the archive directory belongs: creating it fails.
    await writeFile(join(h.dir, 'archive'), 'not a directory');
    assert.equal(await h.service.newConversation(), false);
    assert.deepEqual(h.service.turns.map((t) => t.id), before);
    assert.equal(h.events.filter((e) => e.startsWith('reset')).length, 0, 'the panel is not cleared');
    assert.equal(reports.length, 1);
    assert.equal(h.service.busy, false);
    await assertPersisted(h);
  });
});
