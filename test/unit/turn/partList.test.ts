import * as assert from 'node:assert/strict';
import { turnSchema } from '../../../src/core/conversation/turn';
import {
  applyPartEvent,
  applyPartEventToTurn,
  displayParts,
  finalText,
  partsWorthKeeping,
  reasoningText,
} from '../../../src/core/turn/partList';
import { toolLabel } from '../../../src/core/turn/toolLabels';
import type { PartEvent, TurnPart } from '../../../src/core/turn/turnParts';

describe('turn parts: applying events and reading the answer', () => {
  const streamed: PartEvent[] = [
    { type: 'added', index: 0, part: { kind: 'reasoning', paragraphs: [], startedAt: 10 } },
    { type: 'replaced', index: 0, part: { kind: 'reasoning', paragraphs: [''], startedAt: 10 } },
    { type: 'delta', index: 0, text: 'First ' },
    { type: 'delta', index: 0, text: 'thought.' },
    { type: 'replaced', index: 0, part: { kind: 'reasoning', paragraphs: ['First thought.', ''], startedAt: 10 } },
    { type: 'delta', index: 0, text: 'Second.' },
    { type: 'added', index: 1, part: { kind: 'text', text: '', annotations: [] } },
    { type: 'delta', index: 1, text: 'Got ' },
    { type: 'delta', index: 1, text: 'it' },
    { type: 'added', index: 2, part: { kind: 'tool', itemType: 'web_search_call', status: 'searching', action: 'search', subject: 'q' } },
    { type: 'replaced', index: 1, part: { kind: 'commentary', text: 'Got it', annotations: [] } },
    { type: 'added', index: 3, part: { kind: 'text', text: '', annotations: [] } },
    { type: 'delta', index: 3, text: 'The ' },
    { type: 'delta', index: 3, text: 'answer.' },
    { type: 'annotation', index: 3, annotation: { type: 'url_citation', start_index: 0, end_index: 3, url: 'https://a.example', title: 'A' } },
  ];

  it('keeps assistantText and reasoningSummary equal to a full recomputation after every event', () => {
    const turn = { parts: [] as TurnPart[], assistantText: '', reasoningSummary: '' };
    for (const event of streamed) {
      assert.ok(applyPartEventToTurn(turn, event));
      assert.equal(turn.assistantText, finalText(turn.parts), `answer after ${JSON.stringify(event)}`);
      assert.equal(turn.reasoningSummary, reasoningText(turn.parts), `reasoning after ${JSON.stringify(event)}`);
    }
    assert.equal(turn.assistantText, 'The answer.', 'commentary never joins the answer');
    assert.equal(turn.reasoningSummary, 'First thought.\n\nSecond.');
    assert.deepEqual(turn.parts.map((p) => p.kind), ['reasoning', 'commentary', 'tool', 'text']);
  });

  it('copies parts in and out, so two holders of the same events never share a part', () => {
    const a: TurnPart[] = [];
    const b: TurnPart[] = [];
    for (const event of streamed) {
      applyPartEvent(a, event);
      applyPartEvent(b, event);
    }
    assert.deepEqual(a, b);
    (a[3] as { text: string }).text += ' changed';
    assert.equal((b[3] as { text: string }).text, 'The answer.');
    assert.equal((streamed[11] as { part: { text: string } }).part.text, '', 'the event itself is never changed');
  });

  it('refuses events that do not fit: a gap, a delta for a tool line, an annotation on reasoning', () => {
    const parts: TurnPart[] = [{ kind: 'tool', itemType: 'x' }];
    assert.equal(applyPartEvent(parts, { type: 'added', index: 5, part: { kind: 'text', text: '', annotations: [] } }), false);
    assert.equal(applyPartEvent(parts, { type: 'delta', index: 0, text: 'no' }), false);
    assert.equal(applyPartEvent(parts, { type: 'delta', index: 3, text: 'no' }), false);
    assert.deepEqual(parts, [{ kind: 'tool', itemType: 'x' }]);
  });

  it('an added part at an earlier index starts over from there (a re-sent request)', () => {
    const turn = { parts: [] as TurnPart[], assistantText: '', reasoningSummary: '' };
    streamed.forEach((event) => applyPartEventToTurn(turn, event));
    applyPartEventToTurn(turn, { type: 'added', index: 0, part: { kind: 'text', text: 'Fresh', annotations: [] } });
    assert.deepEqual(turn.parts, [{ kind: 'text', text: 'Fresh', annotations: [] }]);
    assert.equal(turn.assistantText, 'Fresh');
    assert.equal(turn.reasoningSummary, '');
  });

  it('a 0.1.0 turn has no parts, still loads, and shows its answer and reasoning as parts', () => {
    const stored = {
      id: 't1', userText: 'q', personaId: 'assistant', personaLabel: 'Coding Assistant', model: 'gpt-4.1-mini',
      assistantText: 'An answer.', reasoningSummary: 'Thought one.\n\nThought two.', status: 'complete', startedAt: 1,
    };
    const turn = turnSchema.parse(stored);
    assert.equal(turn.parts, undefined);
    assert.deepEqual(displayParts(turn), [
      { kind: 'reasoning', paragraphs: ['Thought one.', 'Thought two.'] },
      { kind: 'text', text: 'An answer.', annotations: [] },
    ]);
    assert.deepEqual(displayParts({ assistantText: '', reasoningSummary: '' }), []);
  });

  it('keeps a list only when it says more than the answer text, without empty messages', () => {
    const text = (t: string): TurnPart => ({ kind: 'text', text: t, annotations: [] });
    assert.equal(partsWorthKeeping([], ''), undefined);
    assert.equal(partsWorthKeeping([text('Plain.')], 'Plain.'), undefined);
    assert.deepEqual(partsWorthKeeping([{ kind: 'commentary', text: '', annotations: [] }, text('Plain.')], 'Plain.'), undefined);
    const cited: TurnPart = { kind: 'text', text: 'Cited.', annotations: [{ type: 'url_citation', url: 'https://x.example' }] };
    assert.deepEqual(partsWorthKeeping([cited], 'Cited.'), [cited]);
    const withTool: TurnPart[] = [{ kind: 'tool', itemType: 'web_search_call', status: 'completed' }, text('A.')];
    assert.deepEqual(partsWorthKeeping(withTool, 'A.'), withTool);
  });

  it('labels tool lines as plain text, naming types it does not know', () => {
    const label = (part: Partial<Extract<TurnPart, { kind: 'tool' }>>) => toolLabel({ kind: 'tool', itemType: 'web_search_call', ...part });
    assert.equal(label({ status: 'searching', action: 'search', subject: 'berlin events today' }), 'Searching the web: berlin events today');
    assert.equal(label({ status: 'completed', action: 'open_page', subject: 'https://example.com' }), 'Opened page: https://example.com');
    assert.equal(label({ status: 'failed' }), 'Web search failed');
    assert.equal(label({ itemType: 'file_search_call', status: 'completed', subject: 'a, b' }), 'Searched files: a, b');
    assert.equal(label({ itemType: 'mcp_call', status: 'in_progress', subject: 'github · search_issues' }), 'Calling tool: github · search_issues');
    assert.equal(label({ itemType: 'brand_new_call', status: 'in_progress' }), 'brand new call (in progress)');
    assert.equal(label({ itemType: 'brand_new_call' }), 'brand new call');
  });
});
