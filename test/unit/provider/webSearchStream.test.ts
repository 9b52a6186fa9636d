import * as assert from 'node:assert/strict';
import { ResponsesProvider } from '../../../src/core/provider/responsesProvider';
import { markCitations } from '../../../src/core/turn/citationMarks';
import { numberedSources, searchedSources } from '../../../src/core/turn/citations';
import { toolLabel } from '../../../src/core/turn/toolLabels';
import type { PartEvent, ToolPart } from '../../../src/core/turn/turnParts';
import { RecordedStreamServer, recordedEvents } from './recordedStreams';
import { RecordingLogger, requestFor, settingsFor } from './support';

/**
 * A real web search recorded with `include: ["web_search_call.action.sources"]` (vercel/ai, see SOURCES.md),
 * replayed through ResponsesProvider and the SDK: the request carries the tool, every search becomes a tool part
 * holding its query and sources, and the answer's citations number the cited pages and the Sources list.
 */
describe('web search: a recorded stream with sources through ResponsesProvider', () => {
  const name = 'gpt-5-nano-web-search-action-sources';
  const server = new RecordedStreamServer();
  before(() => server.start());
  after(() => server.stop());

  async function replay(model = 'gpt-5-nano') {
    const provider = new ResponsesProvider(settingsFor(server.baseURLFor(name)), new RecordingLogger());
    const heard: PartEvent[] = [];
    const result = await provider.stream(requestFor('Berlin news today?', { model, webSearch: { contextSize: 'low' } }), { onDelta() {}, onPart: (e) => heard.push(e) });
    return { result, heard, body: server.requests.at(-1)?.body as Record<string, unknown> };
  }

  it('asks for the tool with its context size and for the sources of each search', async () => {
    const { body } = await replay();
    assert.deepEqual(body.tools, [{ type: 'web_search', search_context_size: 'low' }]);
    assert.deepEqual(body.include, ['web_search_call.action.sources']);
  });

  it('keeps each search as a tool part with its query and every source it returned', async () => {
    const { result } = await replay();
    const searches = (result.parts ?? []).filter((p): p is ToolPart => p.kind === 'tool');
    const recorded = recordedEvents(name)
      .filter((e) => e.type === 'response.output_item.done' && (e.item as { type: string }).type === 'web_search_call')
      .map((e) => ((e.item as { action: { sources: { url: string }[] } }).action.sources).map((s) => s.url));
    assert.equal(searches.length, 4);
    assert.equal(toolLabel(searches[0]), 'Searched the web: Berlin news today');
    assert.deepEqual(searches.map((s) => (s.sources ?? []).map((x) => x.url)), recorded);
  });

  it('shows the query while searching: the live label names it as soon as the server does', async () => {
    const { heard } = await replay();
    const labels = heard.filter((e) => e.type !== 'delta' && 'part' in e && e.part.kind === 'tool').map((e) => toolLabel((e as { part: ToolPart }).part));
    assert.ok(labels.includes('Searching the web'), 'a spinner line while the search runs');
    assert.ok(labels.includes('Searched the web: Berlin news today'));
  });

  it('numbers the cited pages once each, and lists the other pages the search found', async () => {
    const { result } = await replay();
    const parts = result.parts ?? [];
    const cited = numberedSources(parts);
    assert.deepEqual(cited.map((s) => [s.number, s.domain]), [[1, 'wallpaper.com'], [2, 'visitberlin.de'], [3, 'reuters.com']]);
    assert.equal(cited[0].title, 'What to see at Berlin Art Week 2025 | Wallpaper*');
    const searched = searchedSources(parts, cited);
    assert.equal(searched.length, 12 - 3 + 0, 'the first search returned 12 pages, 3 of them cited; the others repeat');
    assert.ok(searched.every((s) => !cited.some((c) => c.url === s.url)));
  });

  it('replaces each inline citation link with its number, leaving the prose as it was', async () => {
    const { result } = await replay();
    const text = result.parts?.find((p) => p.kind === 'text');
    assert.ok(text?.kind === 'text');
    const numbers = new Map(numberedSources(result.parts ?? []).map((s) => [s.url, s.number]));
    const marked = markCitations(text.text, text.annotations, numbers, (n) => `[${n}]`);
    assert.ok(marked.includes('Carrie Mae Weems, and more. [1]'), marked.slice(0, 420));
    assert.equal((marked.match(/\[2\]/g) ?? []).length, 4);
    assert.ok(!marked.includes('](https://'), 'no inline citation link is left');
  });

  it('a model without the tool is not sent it, and the footer says so', async () => {
    const { result, body } = await replay('gpt-4.1-nano');
    assert.equal(body.tools, undefined);
    assert.equal(body.include, undefined);
    assert.deepEqual(result.notApplied, ['web search not used by gpt-4.1-nano']);
  });
});
