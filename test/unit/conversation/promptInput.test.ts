import * as assert from 'node:assert/strict';
import { fenceFor, fenceLength, formatUserMessage } from '../../../src/core/conversation/promptInput';
import { exportConversationMarkdown } from '../../../src/core/export/markdownExport';
import { formatExtractionInput } from '../../../src/core/extract/extractionRequest';
import { INFER_PLAN } from '../../../src/core/extract/extractionPlan';
import { type TokenCounter, buildTranscriptInput, estimateTokens, findChainAnchor, findChainStart } from '../../../src/core/conversation/transcriptInput';
import { makeTurn } from './support';

describe('prompt input and transcript budget', () => {
  it('formats code context with a fence longer than any backtick run inside the code', () => {
    const text = formatUserMessage('Why?', [{ path: 'README.md', languageId: 'markdown', startLine: 7, endLine: 7, text: 'Use ```js fences```' }]);
    assert.equal(text, 'Why?\n\nFile: README.md (markdown, line 7)\n````markdown\nUse ```js fences```\n````');
    assert.equal(formatUserMessage('plain'), 'plain');
    const tsx = formatUserMessage('', [{ path: 'a.tsx', languageId: 'typescriptreact', startLine: 1, endLine: 2, text: '<A/>\n' }]);
    assert.equal(tsx, 'File: a.tsx (typescriptreact, lines 1-2)\n```tsx\n<A/>\n```');
  });

  it('fences code with 200k backtick runs (a minified bundle) in the chat, the extraction input and the export', () => {
    const code = `${'a`b'.repeat(200_000)}x\`\`\`\`\`y`;
    assert.equal(fenceLength(code), 6);
    const context = { path: 'dist/bundle.min.js', languageId: 'javascript', startLine: 1, endLine: 1, text: code };
    const fenced = fenceFor(code, 'javascript');
    assert.ok(fenced.startsWith('``````javascript\n') && fenced.endsWith('y\n``````'));
    assert.ok(formatUserMessage('What is this?', [context]).endsWith(`\n${fenced}`));
    assert.ok(formatExtractionInput([context], INFER_PLAN).endsWith(`Source: dist/bundle.min.js, line 1 (javascript)\n${fenced}`));
    const turn = makeTurn(1, { context: [context] });
    assert.ok(exportConversationMarkdown([turn], turn.usage ?? { inputTokens: 0, cachedTokens: 0, outputTokens: 0, reasoningTokens: 0, totalTokens: 0 }).includes(fenced));
  });

  it('fences are at least three backticks and never close early', () => {
    assert.equal(fenceFor('x', ''), '```\nx\n```');
    assert.equal(fenceFor('a ``` b\n', 'md'), '````md\na ``` b\n````');
    assert.equal(fenceLength('``'), 3);
    assert.equal(fenceLength(''), 3);
  });

  it('anchors on the most recent complete turn only', () => {
    const turns = [makeTurn(1), makeTurn(2), makeTurn(3, { status: 'stopped' }), makeTurn(4, { status: 'failed', responseId: undefined })];
    assert.equal(findChainAnchor(turns), 'resp_2');
    assert.equal(findChainAnchor([]), undefined);
  });

  it('starts after a compaction from its items, or from the transcript where the endpoint could not compact', () => {
    const items = [{ type: 'compaction', encrypted_content: 'gAAAA' }];
    const compacted = makeTurn(2, { compaction: { how: 'compact', at: 1, tokensBefore: 900, items } });
    assert.deepEqual(findChainStart([makeTurn(1), compacted]), { kind: 'items', items });
    const trimmed = makeTurn(2, { compaction: { how: 'transcript', at: 1, tokensBefore: 900 } });
    assert.deepEqual(findChainStart([makeTurn(1), trimmed]), { kind: 'transcript' });
    // The server's own compaction keeps the chain: the next turn still names the response.
    const byServer = makeTurn(2, { compaction: { how: 'server', at: 1, tokensBefore: 900 } });
    assert.deepEqual(findChainStart([makeTurn(1), byServer, makeTurn(3, { status: 'failed' })]), { kind: 'anchor', responseId: 'resp_2' });
  });

  it('re-sends the newest complete turns that fit the token budget, oldest first', async () => {
    const words: TokenCounter = async (text) => text.split(/\s+/).filter(Boolean).length;
    const turns = Array.from({ length: 30 }, (_, i) => makeTurn(i, { assistantText: Array.from({ length: 20 }, () => 'word').join(' ') }));
    turns[28] = makeTurn(28, { status: 'stopped' });
    // Each earlier turn costs 2 (question) + 20 (answer) + 8 (message overhead) = 30; the new message 1 + 4.
    const three = await buildTranscriptInput(turns, 'now', 5 + 3 * 30, words);
    assert.deepEqual(three.filter((m) => m.role === 'user').map((m) => m.content), ['question 26', 'question 27', 'question 29', 'now']);
    const none = await buildTranscriptInput(turns, 'now', 5 + 29, words);
    assert.deepEqual(none, [{ role: 'user', content: 'now' }]);
    assert.deepEqual(await buildTranscriptInput([], 'x'.repeat(500), 10), [{ role: 'user', content: 'x'.repeat(500) }], 'the new message always goes');
  });

  it('estimates about four characters a token when no tokenizer is given, rounding up', async () => {
    assert.equal(await estimateTokens(''), 0);
    assert.equal(await estimateTokens('abcde'), 2);
  });
});
