import * as assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { repairNotice } from '../../../src/core/conversation/chainedRequest';
import type { Turn } from '../../../src/core/conversation/turn';
import type { Fault } from '../../fake-server/fakeResponsesServer';
import { defaultReplyText, splitIntoDeltas } from '../../fake-server/replies';
import { TEST_KEY } from '../provider/support';
import { REVIEWER, assertPersisted, assertUnchanged, openService, useFakeServerSuite } from './support';

/**
 * Every fault mode through the whole conversation path (service → provider → real SDK → fake server):
 * the failed turn says what the user sees, keeps the user's text and whatever streamed, leaves earlier turns
 * untouched on screen and on disk, and the next turn still works, chained from the last complete one.
 */

const QUESTION = 'What does this function return?';
const deltasOfReply = splitIntoDeltas(defaultReplyText(QUESTION));
const partial = (count: number) => deltasOfReply.slice(0, count).join('');

interface FaultCase {
  fault: Fault;
  status: Turn['status'];
  kind: string;
  title: string | RegExp;
  text: string;
}

const CASES: FaultCase[] = [
  { fault: { kind: 'auth' }, status: 'failed', kind: 'auth', title: 'The API key was rejected', text: '' },
  { fault: { kind: 'permission' }, status: 'failed', kind: 'permission', title: 'Access denied', text: '' },
  { fault: { kind: 'model_not_found' }, status: 'failed', kind: 'model_not_found', title: 'Model “gpt-a” is not available', text: '' },
  { fault: { kind: 'rate_limit', retryAfterSeconds: 12 }, status: 'failed', kind: 'rate_limit', title: 'Rate limited', text: '' },
  { fault: { kind: 'insufficient_quota' }, status: 'failed', kind: 'insufficient_quota', title: /billing/, text: '' },
  { fault: { kind: 'server_error' }, status: 'failed', kind: 'server', title: 'The server had an error (500)', text: '' },
  { fault: { kind: 'reset', afterDeltas: 3 }, status: 'failed', kind: 'stream_broken', title: 'The answer broke off', text: partial(3) },
  { fault: { kind: 'close_early', afterDeltas: 2 }, status: 'failed', kind: 'stream_broken', title: 'The answer broke off', text: partial(2) },
  { fault: { kind: 'stall' }, status: 'failed', kind: 'timeout', title: 'The server did not answer in time', text: '' },
  { fault: { kind: 'stall_mid_stream', afterDeltas: 2 }, status: 'failed', kind: 'timeout', title: 'The answer stalled', text: partial(2) },
  { fault: { kind: 'malformed', afterDeltas: 1 }, status: 'failed', kind: 'malformed_stream', title: 'The server sent an unreadable stream', text: partial(1) },
  { fault: { kind: 'failed' }, status: 'failed', kind: 'response_failed', title: 'The model failed to answer', text: '' },
  { fault: { kind: 'incomplete', afterDeltas: 4 }, status: 'incomplete', kind: 'incomplete', title: 'The answer was cut short', text: partial(4) },
  { fault: { kind: 'error_event', afterDeltas: 2 }, status: 'failed', kind: 'stream_error', title: 'The server reported an error mid-answer', text: partial(2) },
];

describe('ConversationService: every fault mode leaves the transcript intact', () => {
  const fake = useFakeServerSuite();
  const { server, dirs } = fake;

  async function twoTurns() {
    const h = await openService(fake.baseURL(), { settings: { timeoutMs: 1_000 } });
    dirs.push(h.dir);
    await h.service.send({ origin: 'chat', userText: 'first', persona: REVIEWER, model: 'gpt-a' });
    await h.service.send({ origin: 'chat', userText: 'second', persona: REVIEWER, model: 'gpt-a' });
    return h;
  }

  for (const c of CASES) {
    it(`${c.fault.kind}: ${c.status} turn "${String(c.title)}", user text and partial text kept`, async () => {
      const h = await twoTurns();
      const before = [...h.service.turns];
      server.queueFault(c.fault);
      const turn = await h.service.send({ origin: 'chat', userText: QUESTION, persona: REVIEWER, model: 'gpt-a' });
      assert.equal(turn.status, c.status);
      assert.equal(turn.error?.kind, c.kind);
      if (typeof c.title === 'string') assert.equal(turn.error?.title, c.title);
      else assert.match(turn.error?.title ?? '', c.title);
      assert.ok((turn.error?.detail ?? '').length > 0, 'a detail is shown');
      assert.ok((turn.error?.action ?? '').length > 0, 'a next step is shown');
      assert.equal(turn.userText, QUESTION);
      assert.equal(turn.assistantText, c.text);
      assertUnchanged(before, h.service.turns);
      assert.equal(h.service.turns.length, 3);
      assert.ok(!h.service.busy);
      await assertPersisted(h);

      const next = await h.service.send({ origin: 'chat', userText: 'and now?', persona: REVIEWER, model: 'gpt-a' });
      assert.equal(next.status, 'complete', 'the conversation goes on after the fault');
      const expectedAnchor = turn.status === 'complete' ? turn.responseId : before[1].responseId;
      assert.equal(server.responseRequests.at(-1)?.body.previous_response_id, expectedAnchor, 'chained from the last complete turn');
    });
  }

  it('previous_response_not_found: the turn is repaired, completes, and carries the notice', async () => {
    const h = await twoTurns();
    const before = [...h.service.turns];
    server.queueFault('previous_not_found');
    const turn = await h.service.send({ origin: 'chat', userText: QUESTION, persona: REVIEWER, model: 'gpt-a' });
    assert.equal(turn.status, 'complete');
    assert.equal(turn.notice, repairNotice());
    assert.equal(turn.assistantText, defaultReplyText(QUESTION));
    assertUnchanged(before, h.service.turns);
    await assertPersisted(h);
  });

  it('a slow stream completes with the whole text', async () => {
    const h = await twoTurns();
    const turn = await h.service.send({ origin: 'chat', userText: `${QUESTION} [[slow:15]]`, persona: REVIEWER, model: 'gpt-a' });
    assert.equal(turn.status, 'complete');
    assert.equal(turn.assistantText, defaultReplyText(QUESTION));
  });

  it('the key the server echoes on a 401 is in neither the transcript nor the files on disk', async () => {
    const h = await twoTurns();
    server.queueFault('auth');
    const turn = await h.service.send({ origin: 'chat', userText: QUESTION, persona: REVIEWER, model: 'gpt-a' });
    await h.service.flush();
    await h.library.flush();
    assert.equal(turn.error?.kind, 'auth');
    assert.ok(!JSON.stringify(h.service.turns).includes(TEST_KEY));
    const files = (await readdir(h.dir, { withFileTypes: true, recursive: true })).filter((entry) => entry.isFile());
    assert.ok(files.some((entry) => entry.name.endsWith('.jsonl')), 'the conversation is on disk');
    for (const entry of files) {
      assert.ok(!(await readFile(join(entry.parentPath ?? entry.path, entry.name), 'utf8')).includes(TEST_KEY), `${entry.name} holds no key`);
    }
    assert.ok(!h.logger.text.includes(TEST_KEY));
  });
});
