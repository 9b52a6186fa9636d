import * as assert from 'node:assert/strict';
import { REVIEWER, openService, useFakeServerSuite } from './support';

/**
 * Two extension hosts (two windows) on one workspace and one open conversation, as the editor drives them:
 * on focus and after each finished turn, the library is refreshed, then the open conversation
 * (host/libraryHost.ts watchOtherWindows). What the other window wrote must reach the transcript on screen.
 */
describe('ConversationService: the other window’s turns in the open conversation', () => {
  const fake = useFakeServerSuite();

  async function twoWindows() {
    const first = await openService(fake.baseURL());
    fake.dirs.push(first.dir);
    await first.service.send({ origin: 'chat', userText: 'from the first window', persona: REVIEWER, model: 'gpt-a' });
    await first.service.flush();
    // Opened on the same directory, the second window opens the most recent conversation: the same one.
    const second = await openService(fake.baseURL(), { dir: first.dir });
    assert.equal(second.service.conversationId, first.service.conversationId);
    return { first, second };
  }

  /** What watchOtherWindows does on focus and after a finished turn. */
  async function refreshLikeTheEditor(h: Awaited<ReturnType<typeof openService>>): Promise<void> {
    await h.library.refresh();
    await h.service.refresh();
  }

  it('on focus, a turn the other window added is shown (the transcript is reset with it)', async () => {
    const { first, second } = await twoWindows();
    const added = await second.service.send({ origin: 'chat', userText: 'from the second window', persona: REVIEWER, model: 'gpt-a' });
    await second.service.flush();
    first.events.length = 0;
    await refreshLikeTheEditor(first);
    assert.deepEqual(first.service.turns.map((t) => t.userText), ['from the first window', 'from the second window']);
    assert.deepEqual(first.events, ['reset 2'], 'the panel is told, not only the service');
    assert.ok(first.service.turns.some((t) => t.id === added.id));
  });

  it('a turn the other window added while this one streamed is shown once this one is done', async () => {
    const { first, second } = await twoWindows();
    fake.server.deltaDelayMs = 30;
    const streaming = first.service.send({ origin: 'chat', userText: 'slow [[long:40]]', persona: REVIEWER, model: 'gpt-a' });
    await second.service.send({ origin: 'chat', userText: 'meanwhile', persona: REVIEWER, model: 'gpt-a' });
    await second.service.flush();
    // The first window notices on focus while busy: nothing may disturb the streaming turn then.
    await refreshLikeTheEditor(first);
    await streaming;
    first.events.length = 0;
    await refreshLikeTheEditor(first);
    assert.deepEqual(first.service.turns.map((t) => t.userText).sort(), ['from the first window', 'meanwhile', 'slow [[long:40]]']);
    assert.deepEqual(first.events, ['reset 3']);
  });
});
