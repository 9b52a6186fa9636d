import * as assert from 'node:assert/strict';
import { parseHostMessage } from '../../src/core/protocol';
import type { PartEvent } from '../../src/core/turn/turnParts';
import { makeTurn } from './conversation/support';

describe('protocol: part messages from the host', () => {
  const events: PartEvent[] = [
    { type: 'added', index: 0, part: { kind: 'reasoning', paragraphs: [], startedAt: 1_700_000_000_000 } },
    { type: 'delta', index: 0, text: 'thinking' },
    { type: 'added', index: 1, part: { kind: 'commentary', itemId: 'msg_1', text: '', annotations: [] } },
    { type: 'added', index: 2, part: { kind: 'tool', itemType: 'web_search_call', status: 'in_progress', action: 'search', subject: 'berlin events today' } },
    { type: 'replaced', index: 2, part: { kind: 'tool', itemType: 'some_future_call', status: 'whatever' } },
    { type: 'added', index: 3, part: { kind: 'text', text: '', annotations: [] } },
    { type: 'annotation', index: 3, annotation: { type: 'url_citation', start_index: 0, end_index: 4, url: 'https://x.example', title: 'X', vendor_extra: [1, 2] } },
    { type: 'replaced', index: 0, part: { kind: 'reasoning', paragraphs: ['a', 'b'], startedAt: 1, durationMs: 12_000 } },
  ];

  it('accepts every kind of part event and keeps unknown annotation fields', () => {
    for (const event of events) {
      const parsed = parseHostMessage({ type: 'part', turnId: 't1', event });
      assert.ok(parsed.ok, `rejected ${JSON.stringify(event)}`);
      assert.deepEqual(parsed.message, { type: 'part', turnId: 't1', event });
    }
  });

  it('rejects malformed part events', () => {
    const bad: unknown[] = [
      { type: 'part', turnId: 't1', event: { type: 'delta', index: -1, text: 'x' } },
      { type: 'part', turnId: 't1', event: { type: 'delta', index: 0.5, text: 'x' } },
      { type: 'part', turnId: 't1', event: { type: 'delta', index: 0, text: 7 } },
      { type: 'part', turnId: 't1', event: { type: 'glue', index: 0 } },
      { type: 'part', turnId: 't1', event: { type: 'added', index: 0, part: { kind: 'text', text: 'no annotations array is fine, no text is not' } } },
      { type: 'part', turnId: 't1', event: { type: 'added', index: 0, part: { kind: 'html', html: '<b>x</b>' } } },
      { type: 'part', turnId: 't1', event: { type: 'added', index: 0, part: { kind: 'tool' } } },
      { type: 'part', turnId: 't1', event: { type: 'annotation', index: 0, annotation: { url: 'https://no-type.example' } } },
      { type: 'part', event: events[1] },
    ];
    const accepted = bad.map((raw) => parseHostMessage(raw)).filter((r) => r.ok);
    // The one with a text part but no annotations is accepted (annotations default to []); it proves defaults, not leniency.
    assert.equal(accepted.length, 1);
    const first = accepted[0];
    assert.ok(first.ok && first.message.type === 'part' && first.message.event.type === 'added');
    assert.deepEqual(first.ok && first.message.type === 'part' && first.message.event.type === 'added' && first.message.event.part, { kind: 'text', text: 'no annotations array is fine, no text is not', annotations: [] });
  });

  it('carries parts on whole turns, dropping only a part of a kind this version does not know', () => {
    const turn = makeTurn(1, { parts: [{ kind: 'commentary', text: 'Got it', annotations: [] }, { kind: 'text', text: 'x', annotations: [] }] });
    const raw = JSON.parse(JSON.stringify({ type: 'turnUpdated', turn, totals: turn.usage }));
    raw.turn.parts.splice(1, 0, { kind: 'image_ref', url: 'https://i.example/1.png' });
    const parsed = parseHostMessage(raw);
    assert.ok(parsed.ok && parsed.message.type === 'turnUpdated');
    assert.deepEqual(parsed.ok && parsed.message.type === 'turnUpdated' && parsed.message.turn.parts, turn.parts);
  });
});
