import * as assert from 'node:assert/strict';
import { cp, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { repairNotice } from '../../../src/core/conversation/chainedRequest';
import { missingKeyError } from '../../../src/core/provider/errors';
import { REVIEWER, TEACHER, assertPersisted, assertUnchanged, openService, storedTurns, useFakeServerSuite } from './support';

describe('ConversationService: chain, repair and turn operations', () => {
  const fake = useFakeServerSuite();
  const { server, dirs } = fake;

  async function harness(options: Parameters<typeof openService>[1] = {}) {
    const h = await openService(fake.baseURL(), options);
    dirs.push(h.dir);
    return h;
  }

  it('chains three turns: previous_response_id is the prior response, instructions and sampling on every request', async () => {
    const h = await harness();
    const first = await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    const second = await h.service.send({ origin: 'chat', userText: 'two', persona: REVIEWER, model: 'gpt-a' });
    const third = await h.service.send({ origin: 'chat', userText: 'three', persona: TEACHER, model: 'gpt-b' });
    assert.deepEqual([first.status, second.status, third.status], ['complete', 'complete', 'complete']);
    const sent = server.responseRequests.map((r) => r.body);
    assert.equal(sent[0].previous_response_id, undefined);
    assert.equal(sent[1].previous_response_id, first.responseId);
    assert.equal(sent[2].previous_response_id, second.responseId);
    assert.deepEqual(sent.map((b) => b.input), ['one', 'two', 'three'], 'a chained turn sends only the new message');
    assert.deepEqual(sent.map((b) => b.instructions), [REVIEWER.instructions, REVIEWER.instructions, TEACHER.instructions]);
    assert.deepEqual(sent.map((b) => [b.temperature, b.top_p, b.max_output_tokens]), [[0.2, 0.8, 800], [0.2, 0.8, 800], [undefined, undefined, undefined]]);
    assert.deepEqual(sent.map((b) => b.model), ['gpt-a', 'gpt-a', 'gpt-b']);
    assert.deepEqual(sent.map((b) => b.store), [true, true, true]);
    assert.equal(third.personaLabel, 'Patient Teacher');
    assert.ok((third.usage?.cachedTokens ?? 0) > 0, 'a chained turn reports cached input');
    const totals = h.service.totals();
    assert.equal(totals.totalTokens, [first, second, third].reduce((sum, t) => sum + (t.usage?.totalTokens ?? 0), 0));
    assert.ok(!h.service.busy);
    await assertPersisted(h);
  });

  it('sends code context in the user message: path, language, lines and fenced code', async () => {
    const h = await harness();
    const context = [{ path: 'src/a.ts', languageId: 'typescript', startLine: 3, endLine: 5, text: 'const a = 1;\nconst b = 2;\nconst c = 3;' }];
    const turn = await h.service.send({ origin: 'explain', userText: 'Explain this', context, persona: TEACHER, model: 'gpt-a' });
    assert.equal(server.responseRequests[0].body.input, 'Explain this\n\nFile: src/a.ts (typescript, lines 3-5)\n```typescript\nconst a = 1;\nconst b = 2;\nconst c = 3;\n```');
    assert.deepEqual(turn.context, context);
    assert.equal(turn.origin, 'explain');
  });

  it('repairs a lost chain once: re-sends the transcript, notices it on that turn only, and chains on from the new response', async () => {
    const h = await harness();
    const first = await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    const second = await h.service.send({ origin: 'chat', userText: 'two', persona: REVIEWER, model: 'gpt-a' });
    const before = [...h.service.turns];
    server.forgetResponses();
    server.clearRequests();
    const third = await h.service.send({ origin: 'chat', userText: 'three', persona: REVIEWER, model: 'gpt-a' });
    assert.equal(third.status, 'complete');
    assert.equal(third.notice, repairNotice());
    assert.equal(third.error, undefined);
    const [rejected, resent] = server.responseRequests.map((r) => r.body);
    assert.equal(rejected.previous_response_id, second.responseId);
    assert.equal(resent.previous_response_id, undefined);
    assert.equal(resent.instructions, REVIEWER.instructions);
    assert.deepEqual(resent.input, [
      { type: 'message', role: 'user', content: 'one' },
      { type: 'message', role: 'assistant', content: first.assistantText },
      { type: 'message', role: 'user', content: 'two' },
      { type: 'message', role: 'assistant', content: second.assistantText },
      { type: 'message', role: 'user', content: 'three' },
    ]);
    const fourth = await h.service.send({ origin: 'chat', userText: 'four', persona: REVIEWER, model: 'gpt-a' });
    assert.equal(server.responseRequests[2].body.previous_response_id, third.responseId, 'the new chain anchor is used next');
    assert.equal(fourth.notice, undefined, 'the notice appears once');
    assertUnchanged(before, h.service.turns);
    assert.equal(h.service.turns.filter((t) => t.notice).length, 1);
    assert.ok(h.events.some((e) => e === `updated ${third.id} streaming`), 'the notice is shown while the turn streams');
    await assertPersisted(h);
  });

  it('with store off, sends the recent transcript each turn and never a previous_response_id', async () => {
    const h = await harness();
    h.store.value = false;
    const first = await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    await h.service.send({ origin: 'chat', userText: 'two', persona: REVIEWER, model: 'gpt-a' });
    const [a, b] = server.responseRequests.map((r) => r.body);
    assert.equal(a.store, false);
    assert.equal(a.input, 'one');
    assert.equal(b.previous_response_id, undefined);
    assert.deepEqual(b.input, [
      { type: 'message', role: 'user', content: 'one' },
      { type: 'message', role: 'assistant', content: first.assistantText },
      { type: 'message', role: 'user', content: 'two' },
    ]);
    assert.ok(!server.hasResponse(first.responseId ?? ''), 'the server kept nothing');
    assert.equal(h.service.turns.filter((t) => t.notice).length, 0, 'store-off is a mode, not a repair');
  });

  it('a new turn cancels the one in flight, which is kept as stopped with its partial text', async () => {
    const h = await harness();
    server.deltaDelayMs = 25;
    let firstId = '';
    let deltas = 0;
    let second: Promise<unknown> | undefined;
    h.service.onEvent({
      turnStarted: (turn) => { firstId ||= turn.id; },
      part: (turnId, event) => {
        if (event.type === 'delta' && turnId === firstId && ++deltas === 3) second = h.service.send({ origin: 'chat', userText: 'second [[reply:ok]]', persona: REVIEWER, model: 'gpt-a' });
      },
    });
    const first = await h.service.send({ origin: 'chat', userText: 'first [[long:100]]', persona: REVIEWER, model: 'gpt-a' });
    await second;
    assert.equal(first.status, 'stopped');
    assert.equal(first.assistantText, 'alpha beta gamma delta epsilon zeta ');
    assert.equal(first.error, undefined);
    const turns = h.service.turns;
    assert.deepEqual(turns.map((t) => [t.userText, t.status]), [['first [[long:100]]', 'stopped'], ['second [[reply:ok]]', 'complete']]);
    assert.equal(turns[1].assistantText, 'ok');
    assert.equal(server.responseRequests[1].body.previous_response_id, undefined, 'a stopped turn is never an anchor');
    const order = h.events.filter((e) => !e.includes('streaming'));
    assert.deepEqual(order, [`started ${turns[0].id}`, `updated ${turns[0].id} stopped`, `started ${turns[1].id}`, `updated ${turns[1].id} complete`], 'turns never interleave');
    await assertPersisted(h);
  });

  it('stop keeps the partial text; retry re-sends that turn, chained from the turn before it', async () => {
    const h = await harness();
    const first = await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    server.deltaDelayMs = 20;
    let seen = 0;
    const events = h.service.onEvent({ part: (_turnId, event) => { if (event.type === 'delta' && ++seen === 2) h.service.stop(); } });
    const stopped = await h.service.send({ origin: 'chat', userText: 'two [[long:60]]', persona: REVIEWER, model: 'gpt-a' });
    events.dispose();
    assert.equal(stopped.status, 'stopped');
    assert.equal(stopped.assistantText, 'alpha beta gamma delta ');
    server.deltaDelayMs = 0;
    const retried = await h.service.retry(stopped.id);
    assert.equal(retried.status, 'complete');
    assert.equal(retried.userText, 'two [[long:60]]');
    assert.notEqual(retried.id, stopped.id);
    assert.deepEqual(h.service.turns.map((t) => t.id), [first.id, retried.id]);
    assert.equal(server.responseRequests.at(-1)?.body.previous_response_id, first.responseId);
    assert.ok(h.events.includes(`removed ${stopped.id}`));
    await assert.rejects(h.service.retry(retried.id), /Only a stopped, failed or incomplete turn/);
    await assertPersisted(h);
  });

  it('regenerate replaces the last answer, with the persona it was sent with, chained from the turn before', async () => {
    const h = await harness();
    const first = await h.service.send({ origin: 'chat', userText: 'one', persona: TEACHER, model: 'gpt-a' });
    const second = await h.service.send({ origin: 'chat', userText: 'two', persona: REVIEWER, model: 'gpt-b' });
    const regenerated = await h.service.regenerate(second.id);
    const sent = server.responseRequests.at(-1)?.body;
    assert.equal(sent?.previous_response_id, first.responseId);
    assert.equal(sent?.instructions, REVIEWER.instructions);
    assert.equal(sent?.temperature, 0.2);
    assert.equal(sent?.model, 'gpt-b');
    assert.equal(regenerated.userText, 'two');
    assert.deepEqual(h.service.turns.map((t) => t.id), [first.id, regenerated.id]);
    await assert.rejects(h.service.regenerate(first.id), /Only the last turn/);
    assert.equal(h.service.turns.length, 2, 'a refused regenerate changes nothing');
  });

  it('editAndResend replaces the last turn with the edited text', async () => {
    const h = await harness();
    const first = await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    const second = await h.service.send({ origin: 'chat', userText: 'tow', persona: REVIEWER, model: 'gpt-a' });
    const edited = await h.service.editAndResend(second.id, 'two');
    assert.equal(edited.userText, 'two');
    assert.equal(server.responseRequests.at(-1)?.body.input, 'two');
    assert.equal(server.responseRequests.at(-1)?.body.previous_response_id, first.responseId);
    assert.deepEqual(h.service.turns.map((t) => t.userText), ['one', 'two']);
    await assertPersisted(h);
  });

  it('newConversation starts a fresh chain with no anchor; the previous conversation stays in the library, whole', async () => {
    const h = await harness();
    await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    await h.service.send({ origin: 'chat', userText: 'two', persona: REVIEWER, model: 'gpt-a' });
    const old = [...h.service.turns];
    const oldId = h.service.conversationId;
    await h.service.newConversation();
    assert.notEqual(h.service.conversationId, oldId);
    assert.equal(h.service.turns.length, 0);
    assert.ok(h.events.includes('reset 0'));
    await h.service.send({ origin: 'chat', userText: 'fresh', persona: REVIEWER, model: 'gpt-a' });
    assert.equal(server.responseRequests.at(-1)?.body.previous_response_id, undefined);
    assert.equal(server.responseRequests.at(-1)?.body.input, 'fresh');
    await assertPersisted(h);
    assert.deepEqual((await storedTurns(h.dir, oldId)).map((t) => t.id), old.map((t) => t.id), 'the previous conversation is kept');
    const listed = await h.library.list();
    assert.deepEqual(listed.map((c) => c.id).sort(), [oldId, h.service.conversationId].sort());
  });

  it('fork from an earlier turn: a new conversation with the turns up to it, chaining from that turn', async () => {
    const h = await harness();
    const first = await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    await h.service.send({ origin: 'chat', userText: 'two', persona: REVIEWER, model: 'gpt-a' });
    const sourceId = h.service.conversationId;
    const forkId = await h.service.fork(first.id);
    assert.notEqual(forkId, sourceId);
    assert.deepEqual(h.service.turns.map((t) => t.id), [first.id], 'the fork holds the turns up to the chosen one');
    await h.service.send({ origin: 'chat', userText: 'two, differently', persona: REVIEWER, model: 'gpt-a' });
    assert.equal(server.responseRequests.at(-1)?.body.previous_response_id, first.responseId, 'the fork chains from the stored response');
    assert.equal((await storedTurns(h.dir, sourceId)).length, 2, 'the source conversation is unchanged');
    assert.match((await h.library.list()).find((c) => c.id === forkId)?.title ?? '', /^Fork of /);
  });

  it('edit-and-resend on an earlier turn forks before it instead of rewriting history', async () => {
    const h = await harness();
    const first = await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    const second = await h.service.send({ origin: 'chat', userText: 'two', persona: REVIEWER, model: 'gpt-a' });
    await h.service.send({ origin: 'chat', userText: 'three', persona: REVIEWER, model: 'gpt-a' });
    const sourceId = h.service.conversationId;
    const edited = await h.service.editAndResend(second.id, 'two, edited');
    assert.notEqual(h.service.conversationId, sourceId);
    assert.deepEqual(h.service.turns.map((t) => t.userText), ['one', 'two, edited']);
    assert.equal(edited.status, 'complete');
    assert.equal(server.responseRequests.at(-1)?.body.previous_response_id, first.responseId);
    assert.deepEqual((await storedTurns(h.dir, sourceId)).map((t) => t.userText), ['one', 'two', 'three'], 'the original stays as it was');
  });

  it('a provider factory that cannot send (no key) records the turn as failed, user text kept', async () => {
    const h = await harness({ factory: async () => missingKeyError() });
    const turn = await h.service.send({ origin: 'chat', userText: 'hello?', persona: REVIEWER, model: 'gpt-a' });
    assert.equal(turn.status, 'failed');
    assert.equal(turn.error?.kind, 'missing_key');
    assert.equal(turn.userText, 'hello?');
    assert.equal(server.responseRequests.length, 0);
    await assertPersisted(h);
  });

  it('a crash mid-stream comes back as a stopped turn with the checkpointed partial text', async () => {
    const h = await harness();
    await h.service.send({ origin: 'chat', userText: 'one', persona: REVIEWER, model: 'gpt-a' });
    server.deltaDelayMs = 15;
    let deltas = 0;
    const crashDir = `${h.dir}-crash`;
    dirs.push(crashDir);
    const crashed = new Promise<void>((resolve, reject) => {
      h.service.onEvent({
        part: (_turnId, event) => {
          // The window dies here: copy the directory exactly as it is on disk, with no flush, and open the copy later.
          if (event.type === 'delta' && ++deltas === 6) checkpointWithText(h.dir).then(() => copyWhileWritten(h.dir, crashDir)).then(resolve, reject);
        },
      });
    });
    const streaming = h.service.send({ origin: 'chat', userText: 'two [[long:400]]', persona: REVIEWER, model: 'gpt-a' });
    await crashed;
    h.service.stop();
    await streaming;
    // The crashed window's host is gone: its writer no longer lives in this process.
    await h.service.dispose();
    await h.library.dispose();
    const reopened = await openService(fake.baseURL(), { dir: crashDir });
    const recovered = reopened.service.turns;
    assert.equal(recovered.length, 2);
    assert.equal(recovered[1].status, 'stopped');
    assert.equal(recovered[1].userText, 'two [[long:400]]');
    assert.ok(recovered[1].assistantText.startsWith('alpha beta gamma'), 'the partial text survived');
    assert.match(recovered[1].notice ?? '', /VS Code closed while this answer was streaming/);
  });
});

/**
 * Copies a directory the writer is still writing to. A temporary file renamed away between listing and copying
 * makes `cp` fail with ENOENT; the copy then starts over, as a crash could have come a moment later.
 */
async function copyWhileWritten(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await cp(from, to, { recursive: true });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 20) throw error;
      await rm(to, { recursive: true, force: true });
    }
  }
}

/** Waits until a checkpoint holding some answer text has landed anywhere under `root`, so the "crash" happens after one. */
async function checkpointWithText(root: string): Promise<void> {
  for (;;) {
    for (const file of await findFiles(root, (name) => name.endsWith('.inflight.json'))) {
      const text = await readFile(file, 'utf8').catch(() => '');
      const parsed = text ? (JSON.parse(text) as { turn?: { assistantText?: string } }) : undefined;
      if ((parsed?.turn?.assistantText ?? '').length > 0) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function findFiles(dir: string, wanted: (name: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile() && wanted(entry.name)).map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}
