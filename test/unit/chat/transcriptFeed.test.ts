import * as assert from 'node:assert/strict';
import { TranscriptFeed } from '../../../src/chat/transcriptFeed';
import type { Turn } from '../../../src/core/conversation/turn';
import type { PanelState } from '../../../src/core/protocol';
import { makeTurn } from '../conversation/support';

const state: PanelState = { personas: [], activePersonaId: 'a', model: 'm', hasApiKey: true, baseUrl: 'x', busy: false };
const totals = { inputTokens: 0, cachedTokens: 0, outputTokens: 0, reasoningTokens: 0, totalTokens: 0 };

describe('TranscriptFeed: the transcript as the webview receives it', () => {
  it('answers pages of the transcript its last init named, and no other', () => {
    let turns: Turn[] = Array.from({ length: 500 }, (_, i) => makeTurn(i));
    const feed = new TranscriptFeed(() => turns);
    const first = feed.init(state, totals);
    assert.ok(first.olderTurnIds && first.olderTurnIds.length > 0);
    const page = feed.page(first.transcriptId ?? '', ['turn-0', 'turn-1']);
    assert.deepEqual(page?.turns.map((t) => t.id), ['turn-0', 'turn-1']);
    assert.deepEqual(page?.requested, ['turn-0', 'turn-1']);

    // The conversation is replaced (switched, or merged with another window's turns): a new init, a new id.
    turns = Array.from({ length: 300 }, (_, i) => makeTurn(i + 1000));
    const second = feed.init(state, totals);
    assert.notEqual(second.transcriptId, first.transcriptId);
    assert.equal(feed.page(first.transcriptId ?? '', ['turn-1000']), undefined, 'a page asked for under the old transcript is not answered');
    assert.deepEqual(feed.page(second.transcriptId ?? '', ['turn-1000'])?.turns.map((t) => t.id), ['turn-1000']);
  });

  it('pages read the transcript as it is when asked: a turn removed since is absent', () => {
    const turns: Turn[] = Array.from({ length: 200 }, (_, i) => makeTurn(i));
    const feed = new TranscriptFeed(() => turns);
    const init = feed.init(state, totals);
    turns.splice(3, 1);
    const page = feed.page(init.transcriptId ?? '', ['turn-2', 'turn-3', 'turn-4']);
    assert.deepEqual(page?.turns.map((t) => t.id), ['turn-2', 'turn-4']);
  });
});
