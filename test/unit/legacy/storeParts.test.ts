import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHECKPOINT_FILE, ConversationStore, LOG_FILE } from '../../support/legacy/conversationStore';
import type { Turn } from '../../../src/core/conversation/turn';
import { displayParts } from '../../../src/core/turn/partList';
import { RecordingLogger } from '../provider/support';
import { makeTurn, removeDir, tempDir } from '../conversation/support';

describe('ConversationStore: answers in several parts', () => {
  let dir = '';
  beforeEach(async () => { dir = await tempDir(); });
  afterEach(() => removeDir(dir));
  const open = () => ConversationStore.open(dir, new RecordingLogger(), { checkpointIntervalMs: 20 });

  const parts: Turn['parts'] = [
    { kind: 'reasoning', itemId: 'rs_1', paragraphs: ['**First**, the question.', 'Then the sources.'], startedAt: 1_700_000_000_000, durationMs: 12_345 },
    { kind: 'commentary', itemId: 'msg_1', text: 'Got it — searching.', annotations: [] },
    { kind: 'tool', itemType: 'web_search_call', itemId: 'ws_1', status: 'completed', action: 'search', subject: 'berlin events today' },
    { kind: 'tool', itemType: 'brand_new_call', status: 'in_progress' },
    {
      kind: 'text', itemId: 'msg_2', text: 'Two events tonight.',
      annotations: [
        { type: 'url_citation', start_index: 0, end_index: 3, url: 'https://example.com/a', title: 'A', vendor: { nested: [1, 2] } },
        { type: 'file_citation', file_id: 'file-1', filename: 'notes.pdf', index: 3 },
        { type: 'container_file_citation', container_id: 'cntr_1', file_id: 'cfile_1', filename: 'out.csv', start_index: 4, end_index: 9 },
        { type: 'file_path', file_id: 'file-2', index: 5 },
      ],
    },
  ];

  it('keeps parts, annotations and reasoning time through a reopen, exactly', async () => {
    const turn = makeTurn(1, { assistantText: 'Two events tonight.', reasoningSummary: '**First**, the question.\n\nThen the sources.', parts });
    const { store } = await open();
    await store.commit(turn);
    const { store: again } = await open();
    assert.deepEqual(again.turns, [turn]);
  });

  it('checkpoints the parts of a streaming turn, so a crash keeps commentary and tool lines too', async () => {
    const { store } = await open();
    const live = makeTurn(2, { status: 'streaming', assistantText: 'Two', parts: parts?.slice(0, 3), responseId: undefined, usage: undefined, finishedAt: undefined });
    store.begin(live);
    await store.flush();
    const checkpoint = JSON.parse(await readFile(join(dir, CHECKPOINT_FILE), 'utf8'));
    assert.deepEqual(checkpoint.turn.parts, parts?.slice(0, 3));
    const { store: after } = await open();
    assert.equal(after.turns[0].status, 'stopped');
    assert.deepEqual(after.turns[0].parts, parts?.slice(0, 3));
  });

  it('reads a 0.1.0 conversation (no parts, no reasoning or refusal fields) and shows its answers as before', async () => {
    const header = { op: 'header', format: 'threadline-conversation', version: 1, conversationId: 'c0ffee', createdAt: 1 };
    const old = {
      op: 'put',
      turn: {
        id: 't-old', userText: 'What is a monad?', personaId: 'assistant', personaLabel: 'Coding Assistant', model: 'gpt-4.1-mini',
        assistantText: 'A monad is…', status: 'complete', responseId: 'resp_old', startedAt: 1, finishedAt: 2,
        usage: { inputTokens: 1, cachedTokens: 0, outputTokens: 2, reasoningTokens: 0, totalTokens: 3 },
      },
    };
    await writeFile(join(dir, LOG_FILE), `${JSON.stringify(header)}\n${JSON.stringify(old)}\n`);
    const { store, recoveredFromCorruption } = await open();
    assert.equal(recoveredFromCorruption, undefined);
    const [turn] = store.turns;
    assert.equal(turn.assistantText, 'A monad is…');
    assert.equal(turn.parts, undefined);
    assert.deepEqual(displayParts(turn), [{ kind: 'text', text: 'A monad is…', annotations: [] }]);
  });

  it('a part of a kind this version does not know is dropped, not a reason to move the conversation aside', async () => {
    const turn = makeTurn(1, { parts: [{ kind: 'commentary', text: 'c', annotations: [] }] });
    const header = { op: 'header', format: 'threadline-conversation', version: 1, conversationId: 'c0ffee', createdAt: 1 };
    const record = JSON.parse(JSON.stringify({ op: 'put', turn }));
    record.turn.parts.push({ kind: 'hologram', beam: 7 });
    await writeFile(join(dir, LOG_FILE), `${JSON.stringify(header)}\n${JSON.stringify(record)}\n`);
    const { store, recoveredFromCorruption } = await open();
    assert.equal(recoveredFromCorruption, undefined);
    assert.deepEqual(store.turns[0].parts, [{ kind: 'commentary', text: 'c', annotations: [] }]);
  });
});
