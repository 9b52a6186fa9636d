import * as assert from 'node:assert/strict';
import { pricesFromSettings } from '../../../src/core/pricing/priceTable';
import type { Turn } from '../../../src/core/conversation/turn';
import { HistoryCatalog, type HistorySources } from '../../../src/core/history/historyCatalog';
import { toHistoryEntry } from '../../../src/core/history/historyEntry';
import { search } from '../../../src/core/history/search';
import type { ConversationSummary } from '../../../src/core/store/libraryTypes';

const HERE = { key: 'ws-here', label: 'here', uris: [] };
const ALPHA = { key: 'ws-alpha', label: 'alpha', uris: [] };
const BETA = { key: 'ws-beta', label: 'beta', uris: [] };

function turn(id: string, userText: string, assistantText = ''): Turn {
  return {
    id, origin: 'chat', userText, assistantText, refusalText: '', reasoningSummary: '', context: [],
    personaId: 'assistant', personaLabel: 'Coding Assistant', model: 'gpt-4.1', status: 'complete', startedAt: 1,
  };
}

interface Stored {
  summary: ConversationSummary;
  turns: Turn[];
}

function stored(id: string, workspace: ConversationSummary['workspace'], lastActivity: number, turns: Turn[], trashedAt?: number): Stored {
  return {
    summary: {
      id, title: `Title ${id}`, titleSet: false, createdAt: 0, lastActivity, turnCount: turns.length, totalTokens: 0,
      usageByModel: {}, personas: [], pinned: false, storedResponseIds: [], workspace, ...(trashedAt !== undefined ? { trashedAt } : {}),
    },
    turns,
  };
}

/** Libraries in memory, counting what the catalog reads of other workspaces. */
function sources(own: Stored[], others: Stored[]): HistorySources & { otherReads: string[] } {
  const otherReads: string[] = [];
  return {
    workspaceKey: HERE.key,
    otherReads,
    listOwn: async () => own.map((c) => ({ ...c.summary })),
    readOwn: async (id) => own.find((c) => c.summary.id === id)?.turns ?? [],
    listOthers: async () => others.map((c) => ({ ...c.summary })),
    readOther: async (key, id) => {
      otherReads.push(`${key}/${id}`);
      const found = others.find((c) => c.summary.workspace.key === key && c.summary.id === id);
      if (!found) throw new Error('gone');
      return found.turns;
    },
  };
}

describe('history: what each scope lists and searches', () => {
  const own = [stored('mine', HERE, 30, [turn('m1', 'tune the lighthouse lamp')]), stored('binned', HERE, 40, [turn('b1', 'lighthouse in the trash')], 41)];
  const others = [
    stored('a1', ALPHA, 50, [turn('a1t1', 'paint the lighthouse', 'use red paint')]),
    stored('b1', BETA, 10, [turn('b1t1', 'lighthouse keeper rota')]),
    stored('a-trash', ALPHA, 60, [turn('at1', 'lighthouse trashed elsewhere')], 61),
  ];

  it('"This workspace" lists its own live conversations; "All workspaces" adds every other workspace’s, newest first', async () => {
    const catalog = new HistoryCatalog(sources(own, others));
    assert.deepEqual((await catalog.summaries('workspace')).live.map((s) => s.id), ['mine']);
    const all = await catalog.summaries('all');
    assert.deepEqual(all.live.map((s) => [s.id, s.workspace.label]), [['a1', 'alpha'], ['mine', 'here'], ['b1', 'beta']]);
  });

  it('the trash is this workspace’s only, in either scope', async () => {
    const catalog = new HistoryCatalog(sources(own, others));
    assert.deepEqual((await catalog.summaries('workspace')).trash.map((s) => s.id), ['binned']);
    assert.deepEqual((await catalog.summaries('all')).trash.map((s) => s.id), ['binned']);
  });

  it('entries from other workspaces are marked as such, with their label', async () => {
    const catalog = new HistoryCatalog(sources(own, others));
    const entries = (await catalog.summaries('all')).live.map((s) => toHistoryEntry(s, { activeId: 'mine', prices: pricesFromSettings({}, {}), currentWorkspaceKey: HERE.key }));
    assert.deepEqual(entries.map((e) => [e.id, e.workspaceLabel, e.otherWorkspace ?? false]), [['a1', 'alpha', true], ['mine', 'here', false], ['b1', 'beta', true]]);
  });

  it('search in "All workspaces" covers every workspace’s live conversations; "This workspace" only its own', async () => {
    const catalog = new HistoryCatalog(sources(own, others));
    const hitsFor = async (scope: 'workspace' | 'all') => {
      const index = await catalog.searchIndex(scope);
      return search(index, 'lighthouse', { limit: 50, ...(scope === 'workspace' ? { workspaceKey: HERE.key } : {}) }).hits.map((h) => [h.conversationId, h.workspaceLabel]);
    };
    assert.deepEqual(await hitsFor('workspace'), [['mine', 'here']]);
    assert.deepEqual(await hitsFor('all'), [['a1', 'alpha'], ['mine', 'here'], ['b1', 'beta']]);
    const index = await catalog.searchIndex('all');
    assert.deepEqual(search(index, 'red', { limit: 50 }).hits.map((h) => [h.turnId, h.field, h.workspaceKey]), [['a1t1', 'answer', ALPHA.key]]);
    assert.deepEqual(await hitsFor('workspace'), [['mine', 'here']], 'an index holding every workspace still answers for this one alone');
  });

  it('keeps the index while the other workspaces are unchanged, and rebuilds it when one of them changes', async () => {
    const changing = others.map((c) => ({ summary: { ...c.summary }, turns: [...c.turns] }));
    const source = sources(own, changing);
    const catalog = new HistoryCatalog(source);
    await catalog.searchIndex('all');
    const reads = source.otherReads.length;
    assert.equal(reads, 2, 'the two live conversations of other workspaces were read');
    await catalog.searchIndex('all');
    assert.equal(source.otherReads.length, reads, 'nothing read again');

    changing[1].turns.push(turn('b1t2', 'the foghorn schedule'));
    changing[1].summary.turnCount = 2;
    changing[1].summary.lastActivity = 70;
    const index = await catalog.searchIndex('all');
    assert.deepEqual(search(index, 'foghorn', { limit: 50 }).hits.map((h) => h.conversationId), ['b1']);

    catalog.invalidate();
    own[0].turns.push(turn('m2', 'a new lens'));
    assert.deepEqual(search(await catalog.searchIndex('workspace'), 'lens', { limit: 50 }).hits.map((h) => h.turnId), ['m2']);
    own[0].turns.pop();
  });

  it('a conversation purged elsewhere between listing and reading is left out of the index, not an error', async () => {
    const source = sources(own, others);
    const catalog = new HistoryCatalog({ ...source, readOther: async () => { throw new Error('gone'); } });
    const index = await catalog.searchIndex('all');
    assert.deepEqual(search(index, 'lighthouse', { limit: 50 }).hits.map((h) => h.conversationId), ['mine']);
  });
});
