import * as assert from 'node:assert/strict';
import type { HistoryEntry, SearchHit } from '../../src/core/history/historyTypes';
import { parseHostMessage, parseWebviewMessage } from '../../src/core/protocol';

const entry: HistoryEntry = {
  id: 'c1', title: 'Fix the parser', lastActivity: 1_760_000_000_000, turnCount: 4, totalTokens: 12_345, costUsd: 0.04,
  personas: ['Coding Assistant'], pinned: true, workspaceLabel: 'threadline', workspaceKey: 'ws-1', active: true,
};
const hit: SearchHit = {
  conversationId: 'c1', conversationTitle: 'Fix the parser', workspaceLabel: 'threadline', workspaceKey: 'ws-1', turnId: 't3',
  field: 'answer', snippet: { before: '…the ', match: 'Parser', after: ' reads…' },
};

function assertAccepted(parse: (raw: unknown) => ReturnType<typeof parseWebviewMessage> | ReturnType<typeof parseHostMessage>, raw: unknown, expected: unknown = raw): void {
  const parsed = parse(raw);
  assert.ok(parsed.ok, `rejected ${JSON.stringify(raw)}: ${parsed.ok ? '' : parsed.reason}`);
  assert.deepEqual(parsed.message, expected);
}

function assertRejected(parse: (raw: unknown) => { ok: boolean }, raw: unknown): void {
  assert.equal(parse(raw).ok, false, `accepted ${JSON.stringify(raw)}`);
}

describe('protocol: history messages from the webview', () => {
  const long = (n: number) => 'x'.repeat(n);

  it('accepts every history action in its documented shape', () => {
    const valid: unknown[] = [
      { type: 'showHistory' },
      { type: 'setHistoryScope', scope: 'all' },
      { type: 'setHistoryScope', scope: 'workspace' },
      { type: 'openConversation', id: 'c1' },
      { type: 'openConversation', id: 'c1', workspaceKey: 'ws-2', turnId: 't9' },
      { type: 'renameConversation', id: 'c1', title: 'Parser work' },
      { type: 'renameConversation', id: 'c1', workspaceKey: 'ws-1', title: '대화 제목' },
      { type: 'pinConversation', id: 'c1', pinned: true },
      { type: 'pinConversation', id: 'c1', workspaceKey: 'ws-1', pinned: false },
      { type: 'duplicateConversation', id: 'c1' },
      { type: 'exportConversation', format: 'json' },
      { type: 'exportConversation', id: 'c1', workspaceKey: 'ws-1', format: 'markdown' },
      { type: 'deleteConversation', id: 'c1', workspaceKey: 'ws-1' },
      { type: 'restoreConversation', id: 'c1' },
      { type: 'searchConversations', requestId: 'r1', query: '대화 parser', scope: 'all' },
      { type: 'searchConversations', requestId: 'r2', query: '', scope: 'workspace' },
      { type: 'forkFromTurn', turnId: 't3' },
    ];
    for (const raw of valid) assertAccepted(parseWebviewMessage, raw);
  });

  it('keeps the toolbar’s old export message working: no format means Markdown', () => {
    assertAccepted(parseWebviewMessage, { type: 'exportConversation' }, { type: 'exportConversation', format: 'markdown' });
  });

  it('trims a new title, and refuses one that is blank or too long', () => {
    assertAccepted(parseWebviewMessage, { type: 'renameConversation', id: 'c1', title: '  spaced  ' }, { type: 'renameConversation', id: 'c1', title: 'spaced' });
    assertRejected(parseWebviewMessage, { type: 'renameConversation', id: 'c1', title: '   ' });
    assertRejected(parseWebviewMessage, { type: 'renameConversation', id: 'c1', title: long(501) });
  });

  it('rejects malformed history actions', () => {
    const bad: unknown[] = [
      { type: 'setHistoryScope' },
      { type: 'setHistoryScope', scope: 'everything' },
      { type: 'openConversation' },
      { type: 'openConversation', id: '' },
      { type: 'openConversation', id: long(129) },
      { type: 'openConversation', id: 'c1', turnId: long(65) },
      { type: 'openConversation', id: 'c1', workspaceKey: '' },
      { type: 'openConversation', id: 7 },
      { type: 'renameConversation', id: 'c1' },
      { type: 'pinConversation', id: 'c1' },
      { type: 'pinConversation', id: 'c1', pinned: 'yes' },
      { type: 'duplicateConversation' },
      { type: 'exportConversation', format: 'html' },
      { type: 'exportConversation', id: '', format: 'json' },
      { type: 'deleteConversation', id: null },
      { type: 'restoreConversation', id: long(200) },
      { type: 'searchConversations', requestId: 'r1', query: 'x' },
      { type: 'searchConversations', requestId: long(65), query: 'x', scope: 'all' },
      { type: 'searchConversations', requestId: 'r1', query: long(1001), scope: 'all' },
      { type: 'searchConversations', requestId: 'r1', query: 42, scope: 'all' },
      { type: 'forkFromTurn' },
      { type: 'forkFromTurn', turnId: long(65) },
    ];
    for (const raw of bad) assertRejected(parseWebviewMessage, raw);
  });
});

describe('protocol: history messages from the host', () => {
  it('accepts the list, search results and revealTurn', () => {
    const trashed = { ...entry, id: 'c2', pinned: false, active: false, trashedAt: 1_760_000_100_000 };
    const unpriced = { ...entry, id: 'c3', costUsd: undefined };
    delete (unpriced as Partial<HistoryEntry>).costUsd;
    assertAccepted(parseHostMessage, { type: 'history', scope: 'workspace', activeId: 'c1', entries: [entry, unpriced], trash: [trashed] });
    assertAccepted(parseHostMessage, { type: 'history', scope: 'all', entries: [], trash: [] });
    assertAccepted(parseHostMessage, { type: 'history', scope: 'all', entries: [entry, { ...entry, workspaceKey: 'ws-2', otherWorkspace: true }], trash: [] });
    assertAccepted(parseHostMessage, { type: 'searchResults', requestId: 'r1', query: 'parser', hits: [hit], truncated: true });
    assertAccepted(parseHostMessage, { type: 'searchResults', requestId: 'r1', query: 'parser', hits: [] }, { type: 'searchResults', requestId: 'r1', query: 'parser', hits: [], truncated: false });
    assertAccepted(parseHostMessage, { type: 'revealTurn', turnId: 't3' });
  });

  it('rejects malformed lists, hits and reveals', () => {
    const bad: unknown[] = [
      { type: 'history', scope: 'workspace', entries: [entry] },
      { type: 'history', scope: 'galaxy', entries: [], trash: [] },
      { type: 'history', scope: 'all', entries: [{ ...entry, title: undefined }], trash: [] },
      { type: 'history', scope: 'all', entries: [{ ...entry, turnCount: -1 }], trash: [] },
      { type: 'history', scope: 'all', entries: [{ ...entry, turnCount: 1.5 }], trash: [] },
      { type: 'history', scope: 'all', entries: [{ ...entry, costUsd: -0.01 }], trash: [] },
      { type: 'history', scope: 'all', entries: [{ ...entry, personas: 'Coding Assistant' }], trash: [] },
      { type: 'history', scope: 'all', entries: [], trash: [{ ...entry, active: 'yes' }] },
      { type: 'history', scope: 'all', entries: [{ ...entry, otherWorkspace: 'yes' }], trash: [] },
      { type: 'searchResults', requestId: 'r1', hits: [hit] },
      { type: 'searchResults', requestId: 'r1', query: 'x', hits: [{ ...hit, field: 'reasoning' }] },
      { type: 'searchResults', requestId: 'r1', query: 'x', hits: [{ ...hit, snippet: { before: '', match: 'x' } }] },
      { type: 'searchResults', requestId: 'r1', query: 'x', hits: [{ ...hit, snippet: '<mark>x</mark>' }] },
      { type: 'revealTurn' },
      { type: 'revealTurn', turnId: 3 },
    ];
    for (const raw of bad) assertRejected(parseHostMessage, raw);
  });
});
