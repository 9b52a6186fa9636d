import * as assert from 'node:assert/strict';
import { numberedSources } from '../../../src/core/turn/citations';
import { TEACHER, assertPersisted, openService, storedTurns, useFakeServerSuite } from './support';

/**
 * Web search through the whole conversation against the fake server: the turn records that it searched, the
 * request carries the tool, a recorded search's parts and sources are stored and read back, and a model without
 * the tool fails with a named error whose action sends the turn again without it.
 */
describe('ConversationService: turns that search the web', () => {
  const suite = useFakeServerSuite();
  const open = async () => {
    const h = await openService(suite.baseURL());
    suite.dirs.push(h.dir);
    return h;
  };

  it('stores a recorded web search with its sources and citations, and reads them back after a reopen', async () => {
    const h = await open();
    const turn = await h.service.send({
      origin: 'chat', userText: 'Berlin today? [[replay:gpt-5-nano-web-search-action-sources]]', persona: TEACHER, model: 'gpt-5-nano',
      webSearch: { contextSize: 'high' },
    });
    assert.equal(turn.status, 'complete');
    assert.deepEqual(turn.sentWith?.webSearch, { contextSize: 'high' }, 'regenerate and retry search again');
    const body = suite.server.responseRequests.at(-1)?.body;
    assert.deepEqual(body?.tools, [{ type: 'web_search', search_context_size: 'high' }]);
    assert.deepEqual(body?.include, ['web_search_call.action.sources']);
    await assertPersisted(h);
    const [stored] = await storedTurns(h.dir, h.service.conversationId);
    assert.equal(numberedSources(stored.parts ?? []).length, 3);
    assert.equal(stored.parts?.filter((p) => p.kind === 'tool' && (p.sources?.length ?? 0) > 0).length, 4);
  });

  it('a model known to lack the tool is not sent it, and the footer says so', async () => {
    const h = await open();
    const turn = await h.service.send({ origin: 'chat', userText: 'News?', persona: TEACHER, model: 'gpt-4.1-nano', webSearch: {} });
    assert.equal(turn.status, 'complete');
    assert.equal(suite.server.responseRequests.at(-1)?.body.tools, undefined);
    assert.deepEqual(turn.notApplied, ['web search not used by gpt-4.1-nano']);
  });

  it('a server that refuses the tool gets a named error with Turn off web search', async () => {
    const h = await open();
    // An Azure deployment named like a model that has the tool, serving one that does not: only the server knows.
    const message = "Hosted tool 'web_search' is not supported with gpt-4.1-nano-2025-04-14.";
    suite.server.queueFault({ kind: 'unsupported_parameter', param: 'tools', message });
    const failed = await h.service.send({ origin: 'chat', userText: 'News?', persona: TEACHER, model: 'my-deployment', webSearch: {} });
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error?.kind, 'web_search_unsupported');
    assert.deepEqual(failed.error?.actions, ['turnOffWebSearch']);
    assert.ok(failed.error?.detail.includes(message));
    assert.equal(suite.server.responseRequests.length, 1, 'a refused tool is not a parameter to learn and resend silently');

    const retried = await h.service.retry(failed.id, { webSearch: false });
    assert.equal(retried.status, 'complete');
    assert.equal(suite.server.responseRequests.at(-1)?.body.tools, undefined);
    assert.equal(retried.sentWith?.webSearch, undefined);
  });
});
