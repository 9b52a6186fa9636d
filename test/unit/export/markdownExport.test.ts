import * as assert from 'node:assert/strict';
import type { Turn } from '../../../src/core/conversation/turn';
import { exportConversationMarkdown } from '../../../src/core/export/markdownExport';
import { makeTurn } from '../conversation/support';

describe('Markdown export of answers in several parts', () => {
  const parts: Turn['parts'] = [
    { kind: 'reasoning', paragraphs: ['Weighing sources.'], startedAt: 1, durationMs: 12_000 },
    { kind: 'commentary', text: 'Got it — searching now.', annotations: [] },
    { kind: 'tool', itemType: 'web_search_call', status: 'completed', action: 'search', subject: 'berlin events today' },
    {
      kind: 'text',
      text: 'Two events tonight ([visitberlin.de](https://www.visitberlin.de/en/events)).',
      annotations: [
        { type: 'url_citation', start_index: 19, end_index: 77, url: 'https://www.visitberlin.de/en/events', title: 'Events [Berlin]' },
        { type: 'url_citation', start_index: 19, end_index: 77, url: 'https://www.visitberlin.de/en/events', title: 'Duplicate' },
        { type: 'file_citation', file_id: 'file-1', filename: 'notes.pdf', index: 3 },
        { type: 'url_citation', url: 'javascript:alert(1)', title: 'never a link' },
      ],
    },
  ];
  const turn = makeTurn(1, { assistantText: 'Two events tonight ([visitberlin.de](https://www.visitberlin.de/en/events)).', parts });

  it('exports the final text only, never the commentary or the tool lines', () => {
    const markdown = exportConversationMarkdown([turn], turn.usage!);
    assert.ok(markdown.includes(turn.assistantText));
    assert.ok(!markdown.includes('Got it'), 'commentary is not part of the answer');
    assert.ok(!markdown.includes('berlin events today'));
    assert.ok(!markdown.includes('Weighing'));
  });

  it('lists what the answer cites, once each, web links only for web addresses', () => {
    const markdown = exportConversationMarkdown([turn], turn.usage!);
    const sources = markdown.slice(markdown.indexOf('Sources:'));
    assert.match(sources, /^Sources:\n\n1\. \[Events \\\[Berlin\\\]\]\(<https:\/\/www\.visitberlin\.de\/en\/events>\)\n2\. `notes\.pdf`\n/);
    assert.ok(!markdown.includes('javascript:'));
    assert.ok(!markdown.includes('Duplicate'));
  });

  it('a turn without citations has no Sources list', () => {
    assert.ok(!exportConversationMarkdown([makeTurn(2)], makeTurn(2).usage!).includes('Sources:'));
  });
});
