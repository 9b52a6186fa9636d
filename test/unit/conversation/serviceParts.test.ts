import * as assert from 'node:assert/strict';
import type { PartEvent } from '../../../src/core/turn/turnParts';
import { RecordedStreamServer } from '../provider/recordedStreams';
import { TEACHER, assertPersisted, disposeOpenLibraries, openService, removeDir } from './support';

/** Recorded multi-part answers through the whole conversation: what the panel hears, stores and re-sends. */
describe('ConversationService: answers in several parts, from recorded streams', () => {
  const server = new RecordedStreamServer();
  const dirs: string[] = [];
  before(() => server.start());
  afterEach(disposeOpenLibraries);
  after(async () => {
    await disposeOpenLibraries();
    await server.stop();
    await Promise.all(dirs.map(removeDir));
  });

  async function harness(recording: string) {
    const h = await openService(server.baseURLFor(recording));
    dirs.push(h.dir);
    return h;
  }

  it('stores commentary, reasoning and the final answer as parts; the answer text is the final message only', async () => {
    const h = await harness('gpt-5.6-luna-phase-commentary-and-final-answer');
    const heard: PartEvent[] = [];
    h.service.onEvent({ part: (_id, event) => heard.push(event) });
    const turn = await h.service.send({ origin: 'chat', userText: 'Record it', persona: TEACHER, model: 'gpt-5.6-luna' });
    assert.equal(turn.status, 'complete');
    assert.equal(turn.assistantText, 'Received—the research context was recorded.');
    assert.deepEqual(turn.parts?.map((p) => p.kind), ['reasoning', 'reasoning', 'commentary', 'reasoning', 'text'], 'the empty commentary message is not kept');
    assert.ok(heard.length > 30, 'the panel heard the parts as they streamed');
    await assertPersisted(h);
  });

  it('keeps url citations on the stored turn and re-sends only the final text when the transcript goes out', async () => {
    const h = await harness('gpt-5.2-web-search-url-citation');
    const first = await h.service.send({ origin: 'chat', userText: 'Tallest mountain in Alberta?', persona: TEACHER, model: 'gpt-5.2' });
    const text = first.parts?.find((p) => p.kind === 'text');
    assert.ok(text && text.kind === 'text');
    assert.equal(text.annotations.length, 1);
    assert.equal(text.annotations[0].type, 'url_citation');
    await assertPersisted(h);

    h.store.value = false;
    await h.service.send({ origin: 'chat', userText: 'And in BC?', persona: TEACHER, model: 'gpt-5.2' });
    const sent = server.requests.at(-1)?.body as { input: Array<{ role: string; content: string }> };
    assert.deepEqual(sent.input.filter((m) => m.role === 'assistant').map((m) => m.content), [first.assistantText]);
  });

  it('a plain single-message answer stores no part list at all', async () => {
    const h = await harness('gpt-5.5-phase-final-answer-after-tool-output');
    const turn = await h.service.send({ origin: 'chat', userText: 'Capital?', persona: TEACHER, model: 'gpt-5.5' });
    assert.equal(turn.assistantText, 'The capital of PotatoLand is **Potato City**.');
    assert.equal(turn.parts, undefined);
    assert.equal('parts' in turn, false);
    await assertPersisted(h);
  });
});
