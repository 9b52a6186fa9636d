import * as assert from 'node:assert/strict';
import type { Turn } from '../../../src/core/conversation/turn';
import { exportConversationMarkdown } from '../../../src/core/export/markdownExport';
import { makeTurn } from '../conversation/support';

describe('Markdown export of answers in several parts', () => {
  const parts: Turn['parts'] = [
    { kind: 'reasoning', paragraphs: ['Weighing sources.'], startedAt: 1, durationMs: 12_000 },
    { kind: 'commentary', text: 'Got it — searching now.', annotations: [] },
    {
      kind: 'tool', itemType: 'web_search_call', status: 'completed', action: 'search', subject: 'berlin events today',
      sources: [{ url: 'https://www.visitberlin.de/en/events' }, { url: 'https://www.berlin.de/kultur' }, { url: 'javascript:alert(2)' }],
    },
    {
      kind: 'text',
      text: 'Two events tonight ([visitberlin.de](https://www.visitberlin.de/en/events)).',
      annotations: [
        { type: 'url_citation', start_index: 19, end_index: 75, url: 'https://www.visitberlin.de/en/events', title: 'Events [Berlin]' },
        { type: 'url_citation', start_index: 19, end_index: 75, url: 'https://www.visitberlin.de/en/events', title: 'Duplicate' },
        { type: 'file_citation', file_id: 'file-1', filename: 'notes.pdf', index: 3 },
        { type: 'url_citation', url: 'javascript:alert(1)', title: 'never a link' },
      ],
    },
  ];
  const turn = makeTurn(1, { assistantText: 'Two events tonight ([visitberlin.de](https://www.visitberlin.de/en/events)).', parts });

  it('exports the final text only, never the commentary or the tool lines', () => {
    const markdown = exportConversationMarkdown([turn], turn.usage!);
    assert.ok(markdown.includes('Two events tonight [^1-1].'), 'the inline citation link became a footnote reference');
    assert.ok(!markdown.includes('Got it'), 'commentary is not part of the answer');
    assert.ok(!markdown.includes('berlin events today'));
    assert.ok(!markdown.includes('Weighing'));
  });

  it('cites web pages as footnotes, once each, files by name, and the other pages the search found', () => {
    const markdown = exportConversationMarkdown([turn], turn.usage!);
    assert.ok(markdown.includes('[^1-1]: [Events \\[Berlin\\]](<https://www.visitberlin.de/en/events>) — visitberlin.de\n'), markdown);
    assert.ok(markdown.includes('Files cited:\n\n1. `notes.pdf`\n'));
    assert.ok(markdown.includes('Also found by the web search:\n\n- <https://www.berlin.de/kultur>\n'));
    assert.ok(!markdown.includes('javascript:'));
    assert.ok(!markdown.includes('Duplicate'));
  });

  it('footnote labels carry the turn number, so two turns citing never share a label', () => {
    const second = makeTurn(2, { assistantText: turn.assistantText, parts });
    const markdown = exportConversationMarkdown([turn, second], turn.usage!);
    assert.ok(markdown.includes('[^1-1]:') && markdown.includes('[^2-1]:'));
  });

  it('a turn without citations has no footnotes or source lists', () => {
    const markdown = exportConversationMarkdown([makeTurn(2)], makeTurn(2).usage!);
    assert.ok(!markdown.includes('[^') && !markdown.includes('Files cited') && !markdown.includes('Also found'));
  });
});

describe('Markdown export of what the conversation cost', () => {
  const turn = makeTurn(1, {});

  it('states the cost under the totals, with whose prices, and never a partial sum', () => {
    const priced = exportConversationMarkdown([turn], turn.usage!, 'T', undefined, { bill: { usd: 0.0123, unpriced: [], usesSettings: false }, checkedOn: '2026-11-30' });
    assert.ok(priced.includes('\nCost: $0.0123, every answer counted (built-in prices checked 2026-11-30)\n'), priced);
    const mine = exportConversationMarkdown([turn], turn.usage!, 'T', undefined, { bill: { usd: 2, unpriced: [], usesSettings: true }, checkedOn: '2026-11-30' });
    assert.ok(mine.includes('Cost: $2.00, every answer counted (some prices from threadline.pricing)'), mine);
    const unknown = exportConversationMarkdown([turn], turn.usage!, 'T', undefined, { bill: { unpriced: ['llama3'], usesSettings: false }, checkedOn: '2026-11-30' });
    assert.ok(unknown.includes('Cost: unknown (no price for llama3)'), unknown);
    assert.ok(!exportConversationMarkdown([turn], turn.usage!).includes('Cost:'), 'no line without a bill');
  });
});
