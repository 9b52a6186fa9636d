import * as assert from 'node:assert/strict';
import { acceptsSampling, capabilitiesFor, CAPABILITY_ROWS } from '../../../src/core/models/capabilities';
import { REASONING_EFFORTS, VERBOSITIES } from '../../../src/core/models/parameters';
import { tokenConfidenceSupport } from '../../../src/core/models/tokenConfidence';

/** One line per family: the facts a request depends on. */
function facts(model: string) {
  const c = capabilitiesFor(model);
  return { family: c.family, reasoning: c.reasoning, sampling: c.sampling, efforts: [...c.efforts], summary: [...c.reasoningSummary], verbosity: [...c.verbosity] };
}

describe('model capabilities', () => {
  it('gpt-5, -mini, -nano and dated snapshots: reasoning, minimal to high, no sampling, every verbosity', () => {
    for (const model of ['gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5-2025-08-07', 'openai/gpt-5', 'GPT-5-MINI']) {
      assert.deepEqual(facts(model), {
        family: 'gpt-5', reasoning: true, sampling: 'never', efforts: ['minimal', 'low', 'medium', 'high'],
        summary: ['auto', 'detailed'], verbosity: ['low', 'medium', 'high'],
      }, model);
    }
  });

  it('gpt-5-chat is not a reasoning model: sampling yes, no reasoning, no verbosity', () => {
    assert.deepEqual(facts('gpt-5-chat-latest'), { family: 'gpt-5-chat', reasoning: false, sampling: 'always', efforts: [], summary: [], verbosity: [] });
    assert.equal(capabilitiesFor('gpt-5-chat-latest').logprobs, true);
  });

  it('gpt-5.1 and later: none instead of minimal, sampling only with reasoning off', () => {
    assert.deepEqual(facts('gpt-5.1').efforts, ['none', 'low', 'medium', 'high']);
    assert.deepEqual(facts('gpt-5.1-2025-11-13').sampling, 'effortNone');
    assert.deepEqual(facts('gpt-5.2').efforts, ['none', 'low', 'medium', 'high', 'xhigh']);
    assert.equal(facts('gpt-5.4-mini').family, 'gpt-5.2+');
    const gpt51 = capabilitiesFor('gpt-5.1');
    assert.equal(acceptsSampling(gpt51, 'none'), true);
    assert.equal(acceptsSampling(gpt51, 'low'), false);
    assert.equal(acceptsSampling(gpt51, undefined), false, 'without an effort the safe reading is: no sampling');
  });

  it('chat, pro and codex variants of gpt-5.x', () => {
    assert.deepEqual(facts('gpt-5.1-chat-latest'), { family: 'gpt-5.x-chat', reasoning: true, sampling: 'never', efforts: ['medium'], summary: ['auto', 'concise', 'detailed'], verbosity: ['medium'] });
    assert.deepEqual(facts('gpt-5-pro').efforts, ['high']);
    assert.deepEqual(facts('gpt-5.2-pro').efforts, ['medium', 'high', 'xhigh']);
    assert.deepEqual(facts('gpt-5-codex').efforts, ['low', 'medium', 'high']);
    assert.deepEqual(facts('gpt-5.1-codex-mini').efforts, ['low', 'medium', 'high']);
    assert.deepEqual(facts('gpt-5.1-codex-max').efforts, ['low', 'medium', 'high', 'xhigh']);
    assert.deepEqual(facts('gpt-5.2-codex').efforts, ['low', 'medium', 'high', 'xhigh']);
    for (const model of ['gpt-5-codex', 'gpt-5.1-codex-max', 'gpt-5.2-codex']) assert.deepEqual(facts(model).verbosity, ['medium'], model);
    assert.deepEqual(facts('codex-mini-latest'), { family: 'codex-mini', reasoning: true, sampling: 'never', efforts: ['low', 'medium', 'high'], summary: ['auto', 'detailed'], verbosity: [] });
  });

  it('o-series: low to high, no sampling, no verbosity; o3-mini reads no images; the o1 previews take no effort', () => {
    for (const model of ['o1', 'o3', 'o3-pro', 'o4-mini', 'o4-mini-2025-04-16', 'o3-mini']) {
      const c = facts(model);
      assert.equal(c.reasoning, true, model);
      assert.equal(c.sampling, 'never', model);
      assert.deepEqual(c.efforts, ['low', 'medium', 'high'], model);
      assert.deepEqual(c.verbosity, [], model);
      assert.deepEqual(c.summary, ['auto', 'detailed'], model);
    }
    assert.equal(capabilitiesFor('o3').imageInput, true);
    assert.equal(capabilitiesFor('o4-mini').imageInput, true);
    assert.equal(capabilitiesFor('o3-mini').imageInput, false);
    assert.deepEqual(facts('o1-mini'), { family: 'o1-preview', reasoning: true, sampling: 'never', efforts: [], summary: [], verbosity: [] });
    assert.equal(capabilitiesFor('o3').logprobs, false);
  });

  it('gpt-4.1 and gpt-4o: not reasoning, sampling and logprobs yes, images yes, verbosity only medium', () => {
    for (const model of ['gpt-4.1', 'gpt-4.1-mini-2025-04-14', 'gpt-4o', 'gpt-4o-mini', 'chatgpt-4o-latest', 'ft:gpt-4o-mini:acme::abc']) {
      const c = capabilitiesFor(model);
      assert.deepEqual([c.known, c.reasoning, c.sampling, c.logprobs, c.imageInput, [...c.efforts], [...c.verbosity]],
        [true, false, 'always', true, true, [], ['medium']], model);
    }
    assert.equal(capabilitiesFor('gpt-4-0613').imageInput, false);
    assert.equal(capabilitiesFor('gpt-3.5-turbo').reasoning, false);
  });

  it('unknown names: not known, reasoning undetermined, everything the user configured may be sent', () => {
    for (const model of ['llama3.1:8b', 'qwen2.5-coder-7b-instruct', 'my-azure-deployment', 'omni', '']) {
      const c = capabilitiesFor(model);
      assert.equal(c.known, false, model);
      assert.equal(c.reasoning, undefined, model);
      assert.equal(c.sampling, 'always', model);
      assert.deepEqual([...c.efforts], [...REASONING_EFFORTS], model);
      assert.deepEqual([...c.verbosity], [...VERBOSITIES], model);
      assert.equal(c.contextWindow, 128_000, model);
    }
  });

  it('answers the context window from the token tables', () => {
    assert.equal(capabilitiesFor('gpt-5').contextWindow, 400_000);
    assert.equal(capabilitiesFor('gpt-5.1').contextWindow, 400_000);
    assert.equal(capabilitiesFor('gpt-5-chat-latest').contextWindow, 128_000);
    assert.equal(capabilitiesFor('gpt-5.1-chat-latest').contextWindow, 128_000);
    assert.equal(capabilitiesFor('gpt-4.1').contextWindow, 1_047_576);
    assert.equal(capabilitiesFor('o4-mini').contextWindow, 200_000);
  });

  it('every row has a reason, and no row is shadowed by an earlier one', () => {
    const probes = ['gpt-5-chat-latest', 'gpt-5.1-chat-latest', 'gpt-5-pro', 'gpt-5.2-pro', 'gpt-5.1-codex-max', 'gpt-5.2-codex', 'gpt-5-codex',
      'codex-mini-latest', 'gpt-5.2', 'gpt-5.1', 'gpt-5', 'o1-mini', 'o3-mini', 'o3', 'gpt-4o', 'gpt-4'];
    assert.deepEqual(probes.map((m) => capabilitiesFor(m).family), CAPABILITY_ROWS.map((r) => r.family));
    for (const row of CAPABILITY_ROWS) assert.ok(row.why.length > 20, row.family);
  });
});

describe('token confidence support', () => {
  it('reasoning models: no, with the reason; a learned refusal: no; others: yes', () => {
    assert.deepEqual(tokenConfidenceSupport('gpt-4.1-mini', new Set()), { available: true });
    const o3 = tokenConfidenceSupport('o3', new Set());
    assert.equal(o3.available, false);
    assert.match(o3.available ? '' : o3.reason, /o3 is a reasoning model/);
    const refused = tokenConfidenceSupport('my-deployment', new Set(['top_logprobs']));
    assert.match(refused.available ? '' : refused.reason, /refused token probabilities/);
  });
});
