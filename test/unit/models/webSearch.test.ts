import * as assert from 'node:assert/strict';
import { capabilitiesFor } from '../../../src/core/models/capabilities';
import { parsePersonas } from '../../../src/core/personas';

describe('web search: which models take the tool, and the persona field', () => {
  it('the gpt-5 family, o3, o4-mini, gpt-4.1 and gpt-4o take it; the rest the guide names do not', () => {
    for (const model of ['gpt-5', 'gpt-5-nano-2025-08-07', 'gpt-5.2', 'o3', 'o4-mini', 'gpt-4.1-mini', 'gpt-4o', 'my-local-model']) {
      assert.equal(capabilitiesFor(model).webSearch, true, model);
    }
    for (const model of ['gpt-4.1-nano', 'gpt-5-chat-latest', 'o1', 'o3-mini', 'codex-mini-latest', 'gpt-4-turbo', 'gpt-3.5-turbo']) {
      assert.equal(capabilitiesFor(model).webSearch, false, model);
    }
  });

  it('a persona may turn it on; anything but a boolean is reported by entry and field', () => {
    const { personas, problems } = parsePersonas([
      { id: 'web', label: 'Researcher', instructions: 'Cite.', webSearch: true },
      { id: 'bad', label: 'Bad', instructions: '', webSearch: 'yes' },
    ]);
    assert.deepEqual(personas.map((p) => [p.id, p.webSearch]), [['web', true]]);
    assert.deepEqual(problems.map((p) => [p.id, p.field]), [['bad', 'webSearch']]);
  });
});
