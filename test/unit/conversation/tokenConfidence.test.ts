import * as assert from 'node:assert/strict';
import { exportConversationJson } from '../../../src/core/export/jsonExport';
import type { TextPart } from '../../../src/core/turn/turnParts';
import { REVIEWER, assertPersisted, openService, storedTurns, useFakeServerSuite } from './support';

describe('ConversationService: token confidence per conversation', () => {
  const fake = useFakeServerSuite();
  const { server, dirs } = fake;

  it('asks per turn as the conversation says, keeps the tokens in the store and the JSON export, and follows the toggle on regenerate', async () => {
    const choices = new Map<string, number | undefined>();
    const h = await openService(fake.baseURL(), { topLogprobs: (id) => choices.get(id) });
    dirs.push(h.dir);
    choices.set(h.service.conversationId, 4);
    const turn = await h.service.send({ origin: 'chat', userText: 'Name three rivers of Europe.', persona: REVIEWER, model: 'gpt-4.1-mini' });
    assert.equal(server.responseRequests[0].body.top_logprobs, 4);
    const part = turn.parts?.find((p): p is TextPart => p.kind === 'text');
    assert.ok((part?.logprobs?.length ?? 0) > 3, 'a one-message answer keeps its parts when they carry tokens');
    await assertPersisted(h);
    const stored = (await storedTurns(h.dir, h.service.conversationId))[0];
    assert.deepEqual(stored.parts, turn.parts, 'restored as streamed');
    assert.ok(exportConversationJson([stored]).includes('"logprobs"'), 'the JSON export carries them');

    server.clearRequests();
    choices.set(h.service.conversationId, undefined);
    const again = await h.service.regenerate(turn.id);
    assert.equal('top_logprobs' in server.responseRequests[0].body, false, 'turned off: regenerate asks nothing');
    assert.equal(again.parts, undefined);
  });
});
