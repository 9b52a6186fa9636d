import * as assert from 'node:assert/strict';
import type { Turn } from '../../../src/core/conversation/turn';
import { openLibrary, removeDir, streamingTurn, tempRoot, turn } from './support';

/** Answers in several parts go through the library exactly: every part, every annotation field, reasoning time. */
describe('conversation library: answers in several parts', () => {
  let root = '';
  beforeEach(async () => { root = await tempRoot(); });
  afterEach(() => removeDir(root));

  const parts: Turn['parts'] = [
    { kind: 'reasoning', itemId: 'rs_1', paragraphs: ['**First**, the question.', 'Then the sources.'], startedAt: 1_700_000_000_000, durationMs: 12_345 },
    { kind: 'commentary', itemId: 'msg_1', text: 'Got it — searching.', annotations: [] },
    { kind: 'tool', itemType: 'web_search_call', itemId: 'ws_1', status: 'completed', action: 'search', subject: 'berlin events today' },
    {
      kind: 'text', itemId: 'msg_2', text: 'Two events tonight.',
      annotations: [
        { type: 'url_citation', start_index: 0, end_index: 3, url: 'https://example.com/a', title: 'A', vendor: { nested: [1, 2] } },
        { type: 'file_citation', file_id: 'file-1', filename: 'notes.pdf', index: 3 },
      ],
    },
  ];

  it('keeps parts and annotations of finished turns through a reopen by another host, exactly', async () => {
    const first = await openLibrary(root);
    const handle = await first.create();
    const finished = turn(1, { assistantText: 'Two events tonight.', parts });
    await handle.commit(finished);
    await first.flush();
    const second = await openLibrary(root);
    try {
      assert.deepEqual((await second.open(handle.id)).turns, [finished]);
    } finally {
      await first.dispose();
      await second.dispose();
    }
  });

  it('keeps the parts of a streaming turn in its checkpoint, so a crash keeps commentary and tool lines too', async () => {
    const first = await openLibrary(root);
    const handle = await first.create();
    handle.begin(streamingTurn(2, { assistantText: 'Two', parts: parts?.slice(0, 3) }));
    await first.flush();
    // The host goes away without finishing the turn.
    await first.dispose();
    const after = await openLibrary(root);
    try {
      const recovered = (await after.open(handle.id)).turns;
      assert.equal(recovered[0]?.status, 'stopped');
      assert.deepEqual(recovered[0]?.parts, parts?.slice(0, 3));
    } finally {
      await after.dispose();
    }
  });
});
