import * as assert from 'node:assert/strict';
import { FIRST_PAGE_TURNS, MAX_PAGE_TURNS, TURNS_PER_GROUP, firstPage, pageOf } from '../../src/core/transcriptPaging';
import { parseHostMessage, parseWebviewMessage } from '../../src/core/protocol';
import { makeTurn } from './conversation/support';

const transcript = (count: number) => Array.from({ length: count }, (_, i) => makeTurn(i));

describe('transcript paging: what the host sends first', () => {
  it('sends a short transcript whole', () => {
    for (const count of [0, 1, FIRST_PAGE_TURNS]) {
      const page = firstPage(transcript(count));
      assert.equal(page.turns.length, count);
      assert.deepEqual(page.olderTurnIds, []);
    }
  });

  it('sends the newest turns from a group boundary, and the ids of all the older ones in order', () => {
    for (const count of [FIRST_PAGE_TURNS + 1, 1000, 10_000, 10_013]) {
      const all = transcript(count);
      const page = firstPage(all);
      assert.equal(page.olderTurnIds.length % TURNS_PER_GROUP, 0, `${count}: no group is split`);
      assert.ok(page.turns.length >= FIRST_PAGE_TURNS && page.turns.length < FIRST_PAGE_TURNS + TURNS_PER_GROUP, `${count}: ${page.turns.length} turns`);
      assert.deepEqual([...page.olderTurnIds, ...page.turns.map((t) => t.id)], all.map((t) => t.id));
      assert.equal(page.olderContext, undefined, 'the newest turns have usage of their own');
    }
  });

  it('names the newest older usage when none of the turns sent has any', () => {
    const all = transcript(300).map((turn, i) => (i === 120 ? turn : { ...turn, usage: undefined }));
    all[120] = { ...all[120], model: 'gpt-4.1', usage: { ...all[120].usage!, inputTokens: 4321 } };
    assert.deepEqual(firstPage(all).olderContext, { inputTokens: 4321, model: 'gpt-4.1' });
    assert.equal(firstPage(all.map((t) => ({ ...t, usage: undefined }))).olderContext, undefined);
  });
});

describe('transcript paging: pages asked for', () => {
  const all = transcript(1000);

  it('answers in transcript order, whatever order the ids were asked in', () => {
    const page = pageOf(all, ['turn-30', 'turn-10', 'turn-20']);
    assert.deepEqual(page.map((t) => t.id), ['turn-10', 'turn-20', 'turn-30']);
    assert.strictEqual(page[0], all[10], 'the turns themselves, not copies');
  });

  it('leaves out turns the transcript no longer holds', () => {
    assert.deepEqual(pageOf(all, ['turn-5', 'gone', 'turn-6']).map((t) => t.id), ['turn-5', 'turn-6']);
    assert.deepEqual(pageOf(all, ['gone']), []);
  });

  it('never answers more than a page', () => {
    const ids = all.map((t) => t.id);
    assert.equal(pageOf(all, ids).length, MAX_PAGE_TURNS);
  });
});

describe('transcript paging: the protocol', () => {
  it('accepts a first page and the pages that follow, and older hosts’ whole transcripts', () => {
    const page = firstPage(transcript(200));
    const totals = { inputTokens: 0, cachedTokens: 0, outputTokens: 0, reasoningTokens: 0, totalTokens: 0 };
    const state = { personas: [], activePersonaId: 'a', model: 'm', hasApiKey: true, baseUrl: 'x', busy: false };
    const init = parseHostMessage({ type: 'init', transcriptId: 't1', ...page, state, totals });
    assert.ok(init.ok && init.message.type === 'init' && init.message.olderTurnIds?.length === page.olderTurnIds.length);
    assert.ok(parseHostMessage({ type: 'init', turns: [], state, totals }).ok);
    const reply = parseHostMessage({ type: 'turnsPage', transcriptId: 't1', requested: ['turn-1', 'gone'], turns: [makeTurn(1)] });
    assert.ok(reply.ok);
  });

  it('refuses page requests that are empty, too long or malformed', () => {
    assert.ok(parseWebviewMessage({ type: 'loadTurns', transcriptId: 't1', turnIds: ['turn-1'] }).ok);
    const bad: unknown[] = [
      { type: 'loadTurns', transcriptId: 't1', turnIds: [] },
      { type: 'loadTurns', transcriptId: 't1', turnIds: Array.from({ length: MAX_PAGE_TURNS + 1 }, (_, i) => `turn-${i}`) },
      { type: 'loadTurns', transcriptId: 't1', turnIds: ['x'.repeat(65)] },
      { type: 'loadTurns', turnIds: ['turn-1'] },
      { type: 'loadTurns', transcriptId: 't1', turnIds: [7] },
    ];
    for (const raw of bad) assert.equal(parseWebviewMessage(raw).ok, false, JSON.stringify(raw).slice(0, 80));
    assert.equal(parseHostMessage({ type: 'turnsPage', transcriptId: 't1', requested: [], turns: transcript(MAX_PAGE_TURNS + 1) }).ok, false);
  });
});
