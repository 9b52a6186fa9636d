import * as assert from 'node:assert/strict';
import type { ResponseOutputMessage, ResponseOutputText } from 'openai/resources/responses/responses';
import { collapsedTypes, completedResponse, eventsOf, streamEvents, useFakeServer } from './support';

const MESSAGE_EVENTS = [
  'response.output_item.added', 'response.content_part.added', 'response.output_text.delta',
  'response.output_text.done', 'response.content_part.done', 'response.output_item.done',
];

/** gpt-5-class answers come in several parts; a product that glues them must fail here, not in front of a user. */
describe('FakeResponsesServer answers in several parts', () => {
  const fake = useFakeServer();
  const messages = (output: { type: string }[]) => output.filter((item): item is ResponseOutputMessage => item.type === 'message');

  it('sends gpt-5-class answers as a commentary message, then the final message, each complete in itself', async () => {
    const events = await streamEvents(fake.client, { model: 'gpt-5.5', input: 'Summarise this', reasoning: { effort: 'low' } });
    assert.deepEqual(collapsedTypes(events), [
      'response.created', 'response.in_progress', 'response.output_item.added', 'response.output_item.done',
      ...MESSAGE_EVENTS, ...MESSAGE_EVENTS, 'response.completed',
    ]);
    const added = eventsOf(events, 'response.output_item.added');
    assert.deepEqual(added.map((e) => e.output_index), [0, 1, 2]);
    assert.deepEqual(added.map((e) => (e.item as { phase?: string }).phase), [undefined, 'commentary', 'final_answer']);
    const [commentary, final] = messages(completedResponse(events).output);
    assert.equal(commentary.phase, 'commentary');
    assert.equal(final.phase, 'final_answer');
    assert.notEqual(commentary.id, final.id);
    const done = eventsOf(events, 'response.output_text.done');
    assert.deepEqual(done.map((e) => e.item_id), [commentary.id, final.id]);
    for (const event of done) {
      const deltas = eventsOf(events, 'response.output_text.delta').filter((d) => d.item_id === event.item_id);
      assert.equal(event.text, deltas.map((d) => d.delta).join(''), 'output_text.done carries the full text of its own message');
    }
    assert.equal((commentary.content[0] as ResponseOutputText).text, 'Got it — working on it.');
    assert.match((final.content[0] as ResponseOutputText).text, /^Answer to “Summarise this”/);
  });

  it('leaves the phase key out on gpt-5 names older than gpt-5.3, as recorded streams do: only the order tells', async () => {
    for (const model of ['gpt-5', 'gpt-5-mini', 'gpt-5.2']) {
      const events = await streamEvents(fake.client, { model, input: 'Summarise this' });
      const output = messages(completedResponse(events).output);
      assert.equal(output.length, 2, model);
      assert.ok(output.every((m) => !('phase' in m)), model);
      assert.ok(eventsOf(events, 'response.output_item.added').every((e) => !('phase' in e.item)), model);
    }
  });

  it('sends one message without a phase for models that do not answer in phases', async () => {
    for (const model of ['gpt-5-chat-latest', 'gpt-4.1', 'o3', 'm']) {
      const output = completedResponse(await streamEvents(fake.client, { model, input: 'Hi' })).output;
      const [only, ...rest] = messages(output);
      assert.equal(rest.length, 0, model);
      assert.equal(only.phase, undefined, model);
    }
  });

  it('leaves the commentary out of structured output and refusals, and lets a scripted reply word or drop it', async () => {
    const schema = { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'], additionalProperties: false };
    const json = completedResponse(await streamEvents(fake.client, { model: 'gpt-5', input: 'x', text: { format: { type: 'json_schema', name: 's', schema, strict: true } } }));
    assert.equal(messages(json.output).length, 1);
    const refusal = completedResponse(await streamEvents(fake.client, { model: 'gpt-5', input: 'bad [[refusal]]' }));
    assert.deepEqual(messages(refusal.output).map((m) => m.content[0].type), ['refusal']);
    fake.server.reply = () => ({ text: 'Final.', commentary: 'Looking at the file first.' });
    const worded = messages(completedResponse(await streamEvents(fake.client, { model: 'gpt-5', input: 'x' })).output);
    assert.equal((worded[0].content[0] as ResponseOutputText).text, 'Looking at the file first.');
    fake.server.reply = () => ({ text: 'Final.', commentary: null });
    assert.equal(messages(completedResponse(await streamEvents(fake.client, { model: 'gpt-5', input: 'x' })).output).length, 1);
  });

  it('puts a web_search_call with its own events between the commentary and the answer', async () => {
    const events = await streamEvents(fake.client, { model: 'gpt-5', input: 'Latest VS Code release [[tool:web_search:vs code release notes]]' });
    const [searchAdded] = eventsOf(events, 'response.output_item.added').filter((e) => e.item.type === 'web_search_call');
    assert.deepEqual(searchAdded.item, { id: searchAdded.item.id, type: 'web_search_call', status: 'in_progress' }, 'the action arrives with the finished item only');
    const types = collapsedTypes(events);
    const searchStart = types.indexOf('response.web_search_call.in_progress');
    assert.deepEqual(types.slice(searchStart - 1, searchStart + 4), [
      'response.output_item.added', 'response.web_search_call.in_progress', 'response.web_search_call.searching',
      'response.web_search_call.completed', 'response.output_item.done',
    ]);
    const output = completedResponse(events).output;
    assert.deepEqual(output.map((item) => item.type), ['reasoning', 'message', 'web_search_call', 'message']);
    const search = output[2];
    assert.ok(search.type === 'web_search_call');
    assert.equal(search.status, 'completed');
    assert.match(search.id, /^ws_/);
    assert.ok(search.action.type === 'search');
    assert.equal(search.action.query, 'vs code release notes');
    assert.deepEqual(search.action.queries, ['vs code release notes']);
    assert.equal(search.action.sources, undefined, 'sources only when the request includes them');
    assert.ok(eventsOf(events, 'response.web_search_call.searching').every((e) => e.item_id === search.id && e.output_index === 2));
    const defaulted = completedResponse(await streamEvents(fake.client, { model: 'gpt-4.1', input: 'Weather in Oslo [[tool:web_search]]' })).output;
    assert.deepEqual(defaulted.map((item) => item.type), ['web_search_call', 'message'], 'no commentary for gpt-4.1, the search still comes first');
    assert.ok(defaulted[0].type === 'web_search_call' && defaulted[0].action.type === 'search' && defaulted[0].action.query === 'Weather in Oslo');
  });

  it('announces url_citation annotations after the delta that completes the cited text, and keeps them on the final item', async () => {
    const events = await streamEvents(fake.client, { model: 'gpt-5', input: 'Sources please [[tool:web_search]] [[cite:2]]', include: ['web_search_call.action.sources'] });
    const annotationEvents = eventsOf(events, 'response.output_text.annotation.added');
    assert.deepEqual(annotationEvents.map((e) => e.annotation_index), [0, 1]);
    const final = messages(completedResponse(events).output)[1];
    const part = final.content[0] as ResponseOutputText;
    assert.deepEqual(annotationEvents.map((e) => e.annotation), part.annotations);
    assert.ok(annotationEvents.every((e) => e.item_id === final.id && e.content_index === 0 && e.output_index === 3));
    for (const annotation of part.annotations) {
      assert.ok(annotation.type === 'url_citation');
      assert.equal(part.text.slice(annotation.start_index, annotation.end_index), `([example.com](${annotation.url}))`);
      assert.match(annotation.title, /^Example source/);
    }
    // Each annotation arrives once the streamed text covers its end_index, and before output_text.done.
    for (const event of annotationEvents) {
      const position = events.indexOf(event);
      const streamed = eventsOf(events.slice(0, position), 'response.output_text.delta').filter((d) => d.item_id === final.id).map((d) => d.delta).join('');
      const annotation = event.annotation as { end_index: number };
      assert.ok(streamed.length >= annotation.end_index);
      assert.ok(streamed.length - (eventsOf(events.slice(0, position), 'response.output_text.delta').at(-1)?.delta.length ?? 0) < annotation.end_index);
    }
    assert.ok(events.indexOf(annotationEvents[1]) < events.findIndex((e) => e.type === 'response.output_text.done' && e.item_id === final.id));
    const search = completedResponse(events).output[2];
    assert.ok(search.type === 'web_search_call' && search.action.type === 'search');
    assert.deepEqual(search.action.sources?.map((s) => s.url), part.annotations.map((a) => (a as { url: string }).url));
  });

  it('counts stream faults in the answer’s deltas, after a complete commentary', async () => {
    const events = await streamEvents(fake.client, { model: 'gpt-5', input: 'Long one [[long:40]] [[fault:incomplete:2]]' });
    assert.equal(events.at(-1)?.type, 'response.incomplete');
    const [commentary, answer] = eventsOf(events, 'response.output_text.done');
    assert.equal(commentary.text, 'Got it — working on it.');
    assert.equal(eventsOf(events, 'response.output_text.delta').filter((d) => d.item_id === answer.item_id).length, 2);
  });
});
