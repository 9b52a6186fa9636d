import * as assert from 'node:assert/strict';
import { collapsedTypes, completedResponse, eventsOf, streamEvents, useFakeServer } from './support';

/** Reasoning summaries are opt-in on the real API; the fake must not hand out what a product never asked for. */
describe('FakeResponsesServer reasoning', () => {
  const fake = useFakeServer();

  it('sends a reasoning item without summary events when no summary was asked for, and counts reasoning tokens', async () => {
    const events = await streamEvents(fake.client, { model: 'gpt-5-mini', input: 'Why? [[reasoning]]', reasoning: { effort: 'low' } });
    assert.equal(eventsOf(events, 'response.reasoning_summary_text.delta').length, 0);
    assert.equal(eventsOf(events, 'response.reasoning_summary_part.added').length, 0);
    const [added] = eventsOf(events, 'response.output_item.added');
    assert.deepEqual(added.item, { id: added.item.id, type: 'reasoning', summary: [] });
    assert.match(added.item.id ?? '', /^rs_/);
    const response = completedResponse(events);
    const reasoning = response.output[0];
    assert.ok(reasoning.type === 'reasoning');
    assert.deepEqual(reasoning.summary, []);
    assert.match(reasoning.encrypted_content ?? '', /^gAAAAA/, 'the item carries opaque encrypted content instead');
    assert.deepEqual(response.reasoning, { effort: 'low', summary: null });
    assert.ok((response.usage?.output_tokens_details.reasoning_tokens ?? 0) > 0);
  });

  it('always reasons on reasoning models, marker or not', async () => {
    for (const model of ['o3', 'gpt-5', 'codex-mini-latest']) {
      const response = completedResponse(await streamEvents(fake.client, { model, input: 'Plain question' }));
      assert.equal(response.output[0].type, 'reasoning', model);
      assert.ok((response.usage?.output_tokens_details.reasoning_tokens ?? 0) > 0, model);
    }
  });

  it('streams the summary in the real event order when reasoning.summary is asked for', async () => {
    const events = await streamEvents(fake.client, { model: 'o4-mini', input: 'Why? [[reasoning]]', reasoning: { effort: 'medium', summary: 'auto' } });
    assert.deepEqual(collapsedTypes(events).slice(0, 9), [
      'response.created', 'response.in_progress',
      'response.output_item.added', 'response.reasoning_summary_part.added', 'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done', 'response.reasoning_summary_part.done', 'response.output_item.done',
      'response.output_item.added',
    ]);
    const deltas = eventsOf(events, 'response.reasoning_summary_text.delta');
    assert.ok(deltas.length > 1);
    const [done] = eventsOf(events, 'response.reasoning_summary_text.done');
    assert.equal(deltas.map((d) => d.delta).join(''), done.text);
    assert.equal(done.text, 'Considering the question step by step before answering.');
    const reasoning = completedResponse(events).output[0];
    assert.ok(reasoning.type === 'reasoning');
    assert.deepEqual(reasoning.summary, [{ type: 'summary_text', text: done.text }]);
  });

  it('streams several summary parts, each announced with its own summary_index', async () => {
    const events = await streamEvents(fake.client, { model: 'gpt-5', input: 'Why? [[reasoning:3]]', reasoning: { summary: 'detailed' } });
    assert.deepEqual(eventsOf(events, 'response.reasoning_summary_part.added').map((e) => e.summary_index), [0, 1, 2]);
    assert.deepEqual(eventsOf(events, 'response.reasoning_summary_part.done').map((e) => e.summary_index), [0, 1, 2]);
    const [first, second] = eventsOf(events, 'response.reasoning_summary_text.done');
    assert.notEqual(first.text, second.text);
    // Each part closes before the next opens.
    const order = events.filter((e) => e.type.startsWith('response.reasoning_summary_part')).map((e) => `${e.type.split('.').at(-1)}:${(e as { summary_index: number }).summary_index}`);
    assert.deepEqual(order, ['added:0', 'done:0', 'added:1', 'done:1', 'added:2', 'done:2']);
  });

  it('ignores the marker on models that do not reason', async () => {
    const response = completedResponse(await streamEvents(fake.client, { model: 'gpt-4.1-mini', input: 'Why? [[reasoning]]' }));
    assert.deepEqual(response.output.map((item) => item.type), ['message']);
    assert.equal(response.usage?.output_tokens_details.reasoning_tokens, 0);
    assert.deepEqual(response.reasoning, { effort: null, summary: null });
  });

  it('does not reason with effort none, the default from gpt-5.1 on', async () => {
    for (const params of [{ model: 'gpt-5.1' }, { model: 'gpt-5.2', reasoning: { effort: 'none' as const } }]) {
      const response = completedResponse(await streamEvents(fake.client, { ...params, input: 'Quick [[reasoning]]' }));
      assert.deepEqual(response.output.map((item) => item.type), ['message', 'message'], params.model);
      assert.equal(response.usage?.output_tokens_details.reasoning_tokens, 0);
    }
    const reasoned = completedResponse(await streamEvents(fake.client, { model: 'gpt-5.1', input: 'Think', reasoning: { effort: 'low' } }));
    assert.equal(reasoned.output[0].type, 'reasoning');
  });

  it('reasons on unknown names only when the marker or the scripted reply says so', async () => {
    const plain = completedResponse(await streamEvents(fake.client, { model: 'local-model', input: 'Hi' }));
    assert.deepEqual(plain.output.map((item) => item.type), ['message']);
    fake.server.reply = () => ({ text: 'Done.', reasoning: ['First I looked.', 'Then I answered.'] });
    const scripted = await streamEvents(fake.client, { model: 'local-model', input: 'Hi', reasoning: { summary: 'auto' } });
    assert.deepEqual(eventsOf(scripted, 'response.reasoning_summary_text.done').map((e) => e.text), ['First I looked.', 'Then I answered.']);
  });
});
