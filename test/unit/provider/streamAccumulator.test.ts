import * as assert from 'node:assert/strict';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { StreamAccumulator } from '../../../src/core/provider/streamAccumulator';
import type { StreamChannel } from '../../../src/core/provider/types';
import { applyPartEventToTurn } from '../../../src/core/turn/partList';
import { toolLabel } from '../../../src/core/turn/toolLabels';
import type { PartEvent, TurnPart } from '../../../src/core/turn/turnParts';

/**
 * The accumulator fed event by event, as the SDK yields them. Every test also replays the part events the
 * listener heard onto an empty turn and checks it ends up exactly where the accumulator is: what the
 * conversation stores and the webview shows is built from those events alone.
 */

type Event = Record<string, unknown> & { type: string };

class Recorder {
  readonly events: PartEvent[] = [];
  readonly deltas: { channel: StreamChannel; text: string }[] = [];
  readonly turn = { parts: [] as TurnPart[], assistantText: '', reasoningSummary: '' };
  onDelta = (channel: StreamChannel, text: string) => { this.deltas.push({ channel, text }); };
  onPart = (event: PartEvent) => {
    this.events.push(event);
    assert.ok(applyPartEventToTurn(this.turn, event), `event applies: ${JSON.stringify(event)}`);
  };
  types(): string[] {
    return this.events.map((e) => `${e.type}@${e.index}`);
  }
}

function run(events: Event[], clock: () => number = () => 0, before?: (event: Event) => void): { acc: StreamAccumulator; rec: Recorder } {
  const rec = new Recorder();
  const acc = new StreamAccumulator(rec, clock);
  for (const event of events) {
    before?.(event);
    acc.handle(event as unknown as ResponseStreamEvent);
  }
  acc.finishParts();
  assert.deepEqual(rec.turn.parts, acc.parts, 'the listener rebuilt the same parts');
  assert.equal(rec.turn.assistantText, acc.text, 'the listener kept the same answer text');
  assert.equal(rec.turn.reasoningSummary, acc.reasoning, 'the listener kept the same reasoning text');
  return { acc, rec };
}

const message = (index: number, id: string, phase?: string): Event[] => [
  { type: 'response.output_item.added', output_index: index, item: { id, type: 'message', role: 'assistant', status: 'in_progress', content: [], ...(phase ? { phase } : {}) } },
  { type: 'response.content_part.added', output_index: index, item_id: id, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } },
];
const deltas = (index: number, id: string, ...texts: string[]): Event[] =>
  texts.map((delta) => ({ type: 'response.output_text.delta', output_index: index, item_id: id, content_index: 0, delta }));
const messageDone = (index: number, id: string, text: string, extra: Record<string, unknown> = {}): Event =>
  ({ type: 'response.output_item.done', output_index: index, item: { id, type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }], ...extra } });
const completed = (output: unknown[] = [], usage: unknown = { input_tokens: 5, output_tokens: 7, total_tokens: 12 }): Event =>
  ({ type: 'response.completed', response: { id: 'resp_1', status: 'completed', output, usage } });

describe('StreamAccumulator: answers in several parts', () => {
  it('commentary, then a web search, then the final message: three parts, never glued', () => {
    const search = { id: 'ws_1', type: 'web_search_call', status: 'completed', action: { type: 'search', query: 'berlin events today' } };
    const { acc, rec } = run([
      ...message(0, 'msg_a'), ...deltas(0, 'msg_a', 'Got ', 'it'), messageDone(0, 'msg_a', 'Got it'),
      { type: 'response.output_item.added', output_index: 1, item: { id: 'ws_1', type: 'web_search_call', status: 'in_progress' } },
      { type: 'response.web_search_call.in_progress', output_index: 1, item_id: 'ws_1' },
      { type: 'response.web_search_call.searching', output_index: 1, item_id: 'ws_1' },
      { type: 'response.web_search_call.completed', output_index: 1, item_id: 'ws_1' },
      { type: 'response.output_item.done', output_index: 1, item: search },
      ...message(2, 'msg_b'), ...deltas(2, 'msg_b', 'Here are ', 'a few.'), messageDone(2, 'msg_b', 'Here are a few.'),
      completed(),
    ]);
    assert.deepEqual(acc.parts, [
      { kind: 'commentary', itemId: 'msg_a', text: 'Got it', annotations: [] },
      { kind: 'tool', itemType: 'web_search_call', itemId: 'ws_1', status: 'completed', action: 'search', subject: 'berlin events today' },
      { kind: 'text', itemId: 'msg_b', text: 'Here are a few.', annotations: [] },
    ]);
    assert.equal(acc.text, 'Here are a few.', 'the answer is the final message alone');
    assert.equal(toolLabel(acc.parts[1] as Extract<TurnPart, { kind: 'tool' }>), 'Searched the web: berlin events today');
    // The first message was the answer until the second began; then it was replaced as commentary.
    assert.deepEqual(rec.events.filter((e) => e.type === 'replaced' && e.index === 0).map((e) => e.type === 'replaced' && e.part.kind), ['commentary']);
    assert.deepEqual(rec.deltas.filter((d) => d.channel === 'text').map((d) => d.text).join(''), 'Got itHere are a few.', 'onDelta still hears every character, for progress');
  });

  it('a tool line reads "Searching the web: …" while it runs', () => {
    const rec = new Recorder();
    const acc = new StreamAccumulator(rec);
    acc.handle({ type: 'response.output_item.added', output_index: 0, item: { id: 'ws_1', type: 'web_search_call', status: 'in_progress', action: { type: 'search', query: 'berlin events today' } } } as unknown as ResponseStreamEvent);
    acc.handle({ type: 'response.web_search_call.searching', output_index: 0, item_id: 'ws_1' } as unknown as ResponseStreamEvent);
    const part = acc.parts[0];
    assert.equal(part.kind === 'tool' && toolLabel(part), 'Searching the web: berlin events today');
  });

  it('phase: a message marked commentary stays commentary even when it is the only one; final_answer is the answer', () => {
    const { acc } = run([
      ...message(0, 'msg_c', 'commentary'), ...deltas(0, 'msg_c', 'Let me check.'),
      ...message(1, 'msg_f', 'final_answer'), ...deltas(1, 'msg_f', 'Done.'),
      completed(),
    ]);
    assert.deepEqual(acc.parts.map((p) => p.kind), ['commentary', 'text']);
    assert.equal(acc.text, 'Done.');

    const alone = run([...message(0, 'msg_c', 'commentary'), ...deltas(0, 'msg_c', 'Thinking out loud'), completed()]).acc;
    assert.deepEqual(alone.parts.map((p) => p.kind), ['commentary']);
    assert.equal(alone.text, '', 'commentary is never the answer');
  });

  it('phase given only when the item is done still decides, and an earlier final_answer is not demoted', () => {
    const { acc } = run([
      ...message(0, 'msg_1'), ...deltas(0, 'msg_1', 'Checking.'), messageDone(0, 'msg_1', 'Checking.', { phase: 'commentary' }),
      completed(),
    ]);
    assert.deepEqual(acc.parts.map((p) => p.kind), ['commentary']);

    const both = run([
      ...message(0, 'msg_1', 'final_answer'), ...deltas(0, 'msg_1', 'One.'),
      ...message(1, 'msg_2', 'final_answer'), ...deltas(1, 'msg_2', 'Two.'),
      completed(),
    ]).acc;
    assert.deepEqual(both.parts.map((p) => p.kind), ['text', 'text']);
    assert.equal(both.text, 'One.\n\nTwo.', 'two answers are separated, not glued');
  });

  it('no phase: the last message is the answer and every earlier one is commentary', () => {
    const { acc } = run([
      ...message(0, 'a'), ...deltas(0, 'a', 'First.'),
      ...message(1, 'b'), ...deltas(1, 'b', 'Second.'),
      ...message(2, 'c'), ...deltas(2, 'c', 'Third.'),
      completed(),
    ]);
    assert.deepEqual(acc.parts.map((p) => p.kind), ['commentary', 'commentary', 'text']);
    assert.equal(acc.text, 'Third.');
    assert.equal(run([...message(0, 'a'), ...deltas(0, 'a', 'Only.'), completed()]).acc.parts[0].kind, 'text');
  });

  it('the final text wins: output_text.done, content_part.done and the final response replace what the deltas said', () => {
    const viaDone = run([
      ...message(0, 'm'), ...deltas(0, 'm', 'Hel', 'lo'),
      { type: 'response.output_text.done', output_index: 0, item_id: 'm', content_index: 0, text: 'Hello!' },
      completed(),
    ]);
    assert.equal(viaDone.acc.text, 'Hello!');
    assert.ok(viaDone.rec.events.some((e) => e.type === 'replaced' && e.part.kind === 'text' && e.part.text === 'Hello!'), 'the UI is told to replace');

    const viaFinal = run([...message(0, 'm'), ...deltas(0, 'm', 'Draft'), completed([{ id: 'm', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Final', annotations: [] }] }])]);
    assert.equal(viaFinal.acc.text, 'Final');

    const emptyFinal = run([
      ...message(0, 'm'), ...deltas(0, 'm', 'Streamed'),
      { type: 'response.output_text.done', output_index: 0, item_id: 'm', content_index: 0, text: '' },
      completed([{ id: 'm', type: 'message', role: 'assistant', content: [] }]),
    ]);
    assert.equal(emptyFinal.acc.text, 'Streamed', 'an empty final text never erases what streamed');
  });

  it('a server that sends the answer only in the final response still shows it', () => {
    const { acc, rec } = run([completed([
      { type: 'reasoning', id: 'rs', summary: [{ type: 'summary_text', text: 'Thought about it.' }] },
      { id: 'm', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Only at the end.', annotations: [] }] },
    ])]);
    assert.deepEqual(acc.parts.map((p) => p.kind), ['reasoning', 'text']);
    assert.equal(acc.text, 'Only at the end.');
    assert.equal(acc.reasoning, 'Thought about it.');
    assert.deepEqual(rec.deltas.map((d) => d.channel), ['reasoning', 'text']);
  });

  it('a server that names no item or index: deltas still make one answer', () => {
    const { acc } = run([
      { type: 'response.output_text.delta', delta: 'no ' },
      { type: 'response.output_text.delta', delta: 'ids' },
      completed(),
    ]);
    assert.deepEqual(acc.parts, [{ kind: 'text', text: 'no ids', annotations: [] }]);
  });

  it('a server that numbers every item 0 still gets one part per item', () => {
    const { acc } = run([
      { type: 'response.output_item.added', output_index: 0, item: { type: 'reasoning', summary: [] } },
      { type: 'response.reasoning_summary_text.delta', output_index: 0, summary_index: 0, delta: 'Hmm.' },
      ...message(0, 'msg_a'), ...deltas(0, 'msg_a', 'Looking.'),
      ...message(0, 'msg_b'), ...deltas(0, 'msg_b', 'Found it.'),
      completed(),
    ]);
    assert.deepEqual(acc.parts.map((p) => p.kind), ['reasoning', 'commentary', 'text']);
    assert.equal(acc.reasoning, 'Hmm.');
    assert.equal(acc.text, 'Found it.');
  });

  it('annotations are kept intact, with every field, and never duplicated by the done events', () => {
    const url = { type: 'url_citation', start_index: 4, end_index: 20, url: 'https://example.com/a', title: 'Example A', extra_field: { nested: true } };
    const file = { type: 'file_citation', file_id: 'file-1', filename: 'notes.pdf', index: 7 };
    const newer = { type: 'some_future_citation', where: 3 };
    const events: Event[] = [...message(0, 'm'), ...deltas(0, 'm', 'See [example](https://example.com/a) and notes.')];
    [url, file, newer].forEach((annotation, i) => events.push({ type: 'response.output_text.annotation.added', output_index: 0, item_id: 'm', content_index: 0, annotation_index: i, annotation }));
    const text = 'See [example](https://example.com/a) and notes.';
    events.push({ type: 'response.content_part.done', output_index: 0, item_id: 'm', content_index: 0, part: { type: 'output_text', text, annotations: [url, file, newer] } });
    events.push(messageDone(0, 'm', text), completed());
    const { acc, rec } = run(events);
    const part = acc.parts[0];
    assert.ok(part.kind === 'text');
    assert.deepEqual(part.annotations, [url, file, newer]);
    assert.equal(rec.events.filter((e) => e.type === 'annotation').length, 3);
    assert.equal(rec.events.filter((e) => e.type === 'replaced').length, 0, 'the same annotations again change nothing');
  });

  it('annotations only in the final message item are taken from there', () => {
    const url = { type: 'url_citation', start_index: 0, end_index: 4, url: 'https://example.org', title: 'Org' };
    const { acc } = run([...message(0, 'm'), ...deltas(0, 'm', 'Text'),
      { type: 'response.output_item.done', output_index: 0, item: { id: 'm', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Text', annotations: [url] }] } },
      completed()]);
    assert.deepEqual((acc.parts[0] as { annotations: unknown[] }).annotations, [url]);
  });

  it('reasoning: each summary part is its own paragraph, with the time it took', () => {
    let now = 1_000;
    const rs = (type: string, extra: Record<string, unknown> = {}): Event => ({ type, output_index: 0, item_id: 'rs_1', ...extra });
    const { acc, rec } = run([
      { type: 'response.output_item.added', output_index: 0, item: { id: 'rs_1', type: 'reasoning', summary: [] } },
      rs('response.reasoning_summary_part.added', { summary_index: 0, part: { type: 'summary_text', text: '' } }),
      rs('response.reasoning_summary_text.delta', { summary_index: 0, delta: '**Reading** the ' }),
      rs('response.reasoning_summary_text.delta', { summary_index: 0, delta: 'question.' }),
      rs('response.reasoning_summary_text.done', { summary_index: 0, text: '**Reading** the question.' }),
      rs('response.reasoning_summary_part.added', { summary_index: 1, part: { type: 'summary_text', text: '' } }),
      rs('response.reasoning_summary_text.delta', { summary_index: 1, delta: 'Then answering.' }),
      { type: 'response.output_item.done', output_index: 0, item: { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: '**Reading** the question.' }, { type: 'summary_text', text: 'Then answering.' }] } },
      ...message(1, 'm'), ...deltas(1, 'm', '4'),
      completed(),
    ], () => now, (event) => {
      if (event.type === 'response.output_item.done') now = 13_400;
    });
    const reasoning = acc.parts[0];
    assert.deepEqual(reasoning, { kind: 'reasoning', itemId: 'rs_1', paragraphs: ['**Reading** the question.', 'Then answering.'], startedAt: 1_000, durationMs: 12_400 });
    assert.equal(acc.reasoning, '**Reading** the question.\n\nThen answering.');
    assert.equal(acc.text, '4');
    assert.equal(rec.events.filter((e) => e.type === 'delta' && e.index === 0).length, 3, 'summary text streams as deltas');
  });

  it('reasoning that never finished gets the time it ran when the stream ends', () => {
    let now = 0;
    const rec = new Recorder();
    const acc = new StreamAccumulator(rec, () => now);
    acc.handle({ type: 'response.output_item.added', output_index: 0, item: { id: 'rs', type: 'reasoning', summary: [] } } as unknown as ResponseStreamEvent);
    now = 2_500;
    const parts = acc.finishParts();
    assert.equal(parts[0].kind === 'reasoning' && parts[0].durationMs, 2_500);
  });

  it('unknown item types become a tool line named by type, with status, and follow status events', () => {
    const { acc } = run([
      { type: 'response.output_item.added', output_index: 0, item: { id: 'fx_1', type: 'frobnicate_call', status: 'in_progress', payload: 'x'.repeat(10_000) } },
      { type: 'response.frobnicate_call.completed', output_index: 0, item_id: 'fx_1' },
      { type: 'response.output_item.added', output_index: 1, item: { id: 'ci_1', type: 'code_interpreter_call', status: 'in_progress', code: 'print(1)' } },
      { type: 'response.code_interpreter_call_code.delta', output_index: 1, item_id: 'ci_1', delta: 'print' },
      { type: 'response.code_interpreter_call.interpreting', output_index: 1, item_id: 'ci_1' },
      { type: 'response.output_item.added', output_index: 2, item: { id: 'fs_1', type: 'file_search_call', status: 'searching', queries: ['retry policy', 'backoff'] } },
      ...message(3, 'm'), ...deltas(3, 'm', 'ok'),
      completed(),
    ]);
    assert.deepEqual(acc.parts.slice(0, 3), [
      { kind: 'tool', itemType: 'frobnicate_call', itemId: 'fx_1', status: 'completed' },
      { kind: 'tool', itemType: 'code_interpreter_call', itemId: 'ci_1', status: 'interpreting' },
      { kind: 'tool', itemType: 'file_search_call', itemId: 'fs_1', status: 'searching', subject: 'retry policy, backoff' },
    ]);
    const labels = acc.parts.slice(0, 3).map((p) => (p.kind === 'tool' ? toolLabel(p) : ''));
    assert.deepEqual(labels, ['frobnicate call (completed)', 'Running code', 'Searching files: retry policy, backoff']);
    assert.ok(!JSON.stringify(acc.parts).includes('xxxx'), 'an item’s payload is not kept');
  });

  it('refusals stay on their own channel and out of the parts', () => {
    const { acc } = run([
      { type: 'response.output_item.added', output_index: 0, item: { id: 'm', type: 'message', role: 'assistant', content: [] } },
      { type: 'response.content_part.added', output_index: 0, item_id: 'm', content_index: 0, part: { type: 'refusal', refusal: '' } },
      { type: 'response.refusal.delta', output_index: 0, item_id: 'm', content_index: 0, delta: 'I can’t help.' },
      completed([{ id: 'm', type: 'message', role: 'assistant', content: [{ type: 'refusal', refusal: 'I can’t help.' }] }]),
    ]);
    assert.equal(acc.refusal, 'I can’t help.');
    assert.deepEqual(acc.parts, []);
    assert.equal(acc.receivedAny, true);
  });
});
