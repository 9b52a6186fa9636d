import * as assert from 'node:assert/strict';
import { fenceFor, fenceLength, formatUserMessage } from '../../../src/core/conversation/promptInput';
import { exportConversationMarkdown } from '../../../src/core/export/markdownExport';
import { formatExtractionInput } from '../../../src/core/extract/extractionRequest';
import { INFER_PLAN } from '../../../src/core/extract/extractionPlan';
import { buildTranscriptInput, findChainAnchor } from '../../../src/core/conversation/transcriptInput';
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

  it('re-sends the newest complete turns within the turn and character budget, oldest first', () => {
    const turns = Array.from({ length: 30 }, (_, i) => makeTurn(i, { assistantText: 'x'.repeat(100) }));
    turns[28] = makeTurn(28, { status: 'stopped' });
    const byTurns = buildTranscriptInput(turns, 'now', { maxTurns: 3, maxChars: 1_000_000 });
    assert.deepEqual(byTurns.filter((m) => m.role === 'user').map((m) => m.content), ['question 26', 'question 27', 'question 29', 'now']);
    const byChars = buildTranscriptInput(turns, 'now', { maxTurns: 100, maxChars: 200 });
    assert.deepEqual(byChars.map((m) => m.content.slice(0, 11)), ['question 29', 'x'.repeat(11), 'now']);
    assert.deepEqual(buildTranscriptInput([], 'x'.repeat(500), { maxTurns: 1, maxChars: 10 }), [{ role: 'user', content: 'x'.repeat(500) }]);
  });
});
