import * as assert from 'node:assert/strict';
import type { Turn } from '../../../src/core/conversation/turn';
import { search } from '../../../src/core/history/search';
import { buildSearchIndex, type SearchableConversation } from '../../../src/core/history/searchIndex';
import type { ConversationSummary } from '../../../src/core/store/libraryTypes';

let turnCounter = 0;

function turn(userText: string, assistantText = '', paths: string[] = []): Turn {
  turnCounter += 1;
  return {
    id: `t${turnCounter}`, origin: 'chat', userText, assistantText, refusalText: '', reasoningSummary: '',
    context: paths.map((path) => ({ path, languageId: 'typescript', startLine: 1, endLine: 2, text: 'never searched' })),
    personaId: 'assistant', personaLabel: 'Coding Assistant', model: 'gpt-4.1', status: 'complete', startedAt: 1,
  };
}

function conversation(id: string, lastActivity: number, turns: Turn[], overrides: Partial<ConversationSummary> = {}): SearchableConversation {
  return {
    summary: {
      id, title: `Title ${id}`, titleSet: false, createdAt: 0, lastActivity, turnCount: turns.length, totalTokens: 0,
      usageByModel: {}, personas: [], pinned: false, storedResponseIds: [],
      workspace: { key: 'ws-1', label: 'repo', uris: [] },
      ...overrides,
    },
    turns,
  };
}

const all = { limit: 50 };

describe('history: full-text search', () => {
  it('finds Korean as a substring: 대화 inside 대화를', () => {
    const index = buildSearchIndex([conversation('ko', 1, [turn('이전 대화를 이어서 해 주세요', '네, 대화를 이어가겠습니다.')])]);
    const { hits } = search(index, '대화', all);
    assert.equal(hits.length, 1);
    assert.equal(hits[0].field, 'user');
    assert.deepEqual(hits[0].snippet, { before: '이전 ', match: '대화', after: '를 이어서 해 주세요' });
    assert.equal(search(index, '이어가', all).hits[0].field, 'answer');
  });

  it('matches Latin case-insensitively and reports the match as written', () => {
    const index = buildSearchIndex([conversation('c', 1, [turn('Why does the ParserConfig fail?')])]);
    for (const query of ['parserconfig', 'PARSERCONFIG', 'pArSeRcOnFiG', 'config']) {
      const hits = search(index, query, all).hits;
      assert.equal(hits.length, 1, query);
    }
    assert.equal(search(index, 'PARSERCONFIG', all).hits[0].snippet.match, 'ParserConfig');
    assert.equal(search(index, 'config', all).hits[0].snippet.match, 'Config');
  });

  it('finds words in every answer of a fan-out turn, not only the one the conversation continued with', () => {
    const fan = turn('Compare the approaches', 'Use a trie.');
    fan.alternatives = [
      { id: `${fan.id}.0`, personaId: 'a', personaLabel: 'A', model: 'gpt-4.1', assistantText: 'Use a trie.', refusalText: '', reasoningSummary: '', status: 'complete', startedAt: 1 },
      { id: `${fan.id}.1`, personaId: 'b', personaLabel: 'B', model: 'gpt-4.1', assistantText: 'A sorted array with binary search.', refusalText: '', reasoningSummary: '', status: 'complete', startedAt: 1 },
    ];
    fan.chosen = `${fan.id}.0`;
    const index = buildSearchIndex([conversation('c', 1, [fan])]);
    const hits = search(index, 'binary search', all).hits;
    assert.equal(hits.length, 1);
    assert.equal(hits[0].turnId, fan.id);
    assert.equal(hits[0].field, 'answer');
    assert.equal(search(index, 'trie', all).hits.length, 1, 'the chosen answer is indexed once');
  });

  it('searches code-context file paths, but not the code itself', () => {
    const index = buildSearchIndex([conversation('c', 1, [turn('explain this', 'It parses.', ['/work/src/core/Parser.ts', '/work/src/core/Parser.ts'])])]);
    const { hits } = search(index, 'core/parser.ts', all);
    assert.equal(hits.length, 1, 'one hit per turn, even with the path twice');
    assert.equal(hits[0].field, 'path');
    assert.deepEqual(hits[0].snippet, { before: '/work/src/', match: 'core/Parser.ts', after: '' });
    assert.equal(search(index, 'never searched', all).hits.length, 0);
  });

  it('requires every word in the same turn (any of its fields), and gives one hit per turn', () => {
    const index = buildSearchIndex([conversation('c', 1, [
      turn('tokenizer only'),
      turn('parser only'),
      turn('the parser', 'and the tokenizer'),
      turn('parser and tokenizer and parser again'),
    ])]);
    const hits = search(index, 'tokenizer parser', all).hits;
    assert.deepEqual(hits.map((h) => h.snippet.match), ['parser', 'parser']);
    assert.equal(hits.length, 2);
    assert.equal(search(index, 'tokenizer parser missing', all).hits.length, 0);
  });

  it('never matches across two fields of a turn', () => {
    const index = buildSearchIndex([conversation('c', 1, [turn('ends with foo', 'bar starts the answer', ['foo/bar.ts'])])]);
    assert.equal(search(index, '"foo bar"', all).hits.length, 0);
    assert.equal(search(index, '"foo\u0000bar"', all).hits.length, 0, 'a control character in the query cannot reach the separator');
  });

  it('keeps quoted phrases together', () => {
    const index = buildSearchIndex([conversation('c', 1, [turn('handle the case first'), turn('first handle the case')])]);
    assert.equal(search(index, '"handle the case"', all).hits.length, 2);
    assert.equal(search(index, '"case first"', all).hits.length, 1);
    assert.equal(search(index, 'case first', all).hits.length, 2);
  });

  it('centres the snippet on the first match, reading user text before the answer', () => {
    const index = buildSearchIndex([conversation('c', 1, [turn('what about beta?', 'alpha then beta')])]);
    const hit = search(index, 'alpha beta', all).hits[0];
    assert.equal(hit.field, 'user', 'the user text comes first even though alpha is only in the answer');
    assert.equal(hit.snippet.match, 'beta');
  });

  it('cuts snippets at word boundaries about 40 characters each side, with ellipses', () => {
    const before = 'The quick brown fox jumps over the lazy dog while the sleepy cat watches';
    const after = 'and then everyone goes home for a long and well deserved rest today';
    const index = buildSearchIndex([conversation('c', 1, [turn(`${before} NEEDLE ${after}`)])]);
    const { snippet } = search(index, 'needle', all).hits[0];
    assert.equal(snippet.match, 'NEEDLE');
    assert.equal(snippet.before, '…lazy dog while the sleepy cat watches ');
    assert.equal(snippet.after, ' and then everyone goes home for a long…');
    assert.ok(snippet.before.length <= 45 && snippet.after.length <= 45);
  });

  it('collapses line breaks in snippets, and cuts text without spaces by characters', () => {
    const index = buildSearchIndex([conversation('c', 1, [
      turn('first line\n\n\nsecond line with the word'),
      turn(`${'字'.repeat(60)}目标${'字'.repeat(60)}`),
    ])]);
    assert.deepEqual(search(index, 'word', all).hits[0].snippet, { before: 'first line second line with the ', match: 'word', after: '' });
    const cjk = search(index, '目标', all).hits[0].snippet;
    assert.equal(cjk.before, `…${'字'.repeat(40)}`);
    assert.equal(cjk.after, `${'字'.repeat(40)}…`);
  });

  it('never cuts a snippet inside a surrogate pair', () => {
    const emoji = '😀'.repeat(30);
    const index = buildSearchIndex([conversation('c', 1, [turn(`a${emoji}xb${emoji}`)])]);
    const { snippet } = search(index, 'x', all).hits[0];
    assert.ok(!/^…?[\udc00-\udfff]/.test(snippet.before), 'no lone low surrogate at the start');
    assert.ok(!/[\ud800-\udbff]…?$/.test(snippet.after), 'no lone high surrogate at the end');
  });

  it('maps offsets back when folding changes the length: İ, decomposed accents and jamo', () => {
    const index = buildSearchIndex([conversation('c', 1, [
      turn('İİİ İstanbul and İzmir are cities'),
      turn('café written cafe\u0301 too'),
      turn('opened \u1103\u1162\u1112\u116a.md from macOS'),
    ])]);
    const izmir = search(index, 'zmir', all).hits[0].snippet;
    assert.deepEqual(izmir, { before: 'İİİ İstanbul and İ', match: 'zmir', after: ' are cities' });
    assert.deepEqual(search(index, 'istanbul', all).hits[0].snippet, { before: 'İİİ ', match: 'İstanbul', after: ' and İzmir are cities' });
    assert.deepEqual(search(index, 'ARE', all).hits[0].snippet, { before: 'İİİ İstanbul and İzmir ', match: 'are', after: ' cities' });
    const hits = search(index, 'CAFÉ', all).hits;
    assert.equal(hits.length, 1);
    assert.equal(hits[0].snippet.match, 'café', 'the first, precomposed one');
    assert.deepEqual(search(index, 'café too', all).hits[0].snippet, { before: '', match: 'café', after: ' written cafe\u0301 too' });
    assert.deepEqual(search(index, '"cafe\u0301 too"', all).hits[0].snippet, { before: 'café written ', match: 'cafe\u0301 too', after: '' });
    assert.deepEqual(search(index, '대화', all).hits[0].snippet, { before: 'opened ', match: '\u1103\u1162\u1112\u116a', after: '.md from macOS' });
  });

  it('folds final sigma and lets a lowercase query find capitals', () => {
    const index = buildSearchIndex([conversation('c', 1, [turn('ΟΔΥΣΣΕΥΣ returns')])]);
    assert.equal(search(index, 'οδυσσευς', all).hits.length, 1);
    assert.equal(search(index, 'οδυσσευσ', all).hits[0].snippet.match, 'ΟΔΥΣΣΕΥΣ');
  });

  it('orders newest conversation first, then turns in order; respects the limit and says when it cut', () => {
    const index = buildSearchIndex([
      conversation('old', 100, [turn('topic one'), turn('topic two')]),
      conversation('new', 300, [turn('topic three'), turn('unrelated'), turn('topic four')]),
      conversation('mid', 200, [turn('topic five')]),
    ]);
    const everything = search(index, 'topic', all);
    assert.deepEqual(everything.hits.map((h) => `${h.conversationId}:${h.snippet.after}`), ['new: three', 'new: four', 'mid: five', 'old: one', 'old: two']);
    assert.equal(everything.truncated, false);
    const limited = search(index, 'topic', { limit: 2 });
    assert.equal(limited.hits.length, 2);
    assert.equal(limited.truncated, true);
    assert.equal(search(index, 'topic', { limit: 5 }).truncated, false);
    assert.deepEqual(search(index, 'topic', { limit: 0 }), { hits: [], truncated: false });
  });

  it('carries conversation and workspace on each hit, filters by workspace, and skips the trash', () => {
    const index = buildSearchIndex([
      conversation('here', 2, [turn('shared words')], { title: 'Here', workspace: { key: 'ws-here', label: 'here-repo', uris: [] } }),
      conversation('there', 3, [turn('shared words'), turn('shared again')], { title: 'There', workspace: { key: 'ws-there', label: 'there-repo', uris: [] } }),
      conversation('trashed', 4, [turn('shared words')], { trashedAt: 10 }),
    ]);
    const hits = search(index, 'shared', all).hits;
    assert.deepEqual(hits.map((h) => h.conversationId), ['there', 'there', 'here']);
    assert.deepEqual({ ...hits[2], snippet: undefined }, {
      conversationId: 'here', conversationTitle: 'Here', workspaceLabel: 'here-repo', workspaceKey: 'ws-here',
      turnId: hits[2].turnId, field: 'user', snippet: undefined,
    });
    assert.deepEqual(search(index, 'shared', { limit: 10, workspaceKey: 'ws-here' }).hits.map((h) => h.conversationId), ['here']);
    assert.deepEqual(search(index, 'shared', { limit: 10, workspaceKey: 'nowhere' }).hits, []);
  });

  it('finds nothing for an empty or blank query, and copes with an empty index and empty turns', () => {
    const index = buildSearchIndex([conversation('c', 1, [turn('', ''), turn('something', ''), turn('', '')])]);
    assert.deepEqual(search(index, '', all).hits, []);
    assert.deepEqual(search(index, '   "" ', all).hits, []);
    assert.equal(search(index, 'something', all).hits.length, 1);
    assert.deepEqual(search(buildSearchIndex([]), 'x', all), { hits: [], truncated: false });
  });
});
