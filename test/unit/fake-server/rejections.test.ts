import * as assert from 'node:assert/strict';
import type { ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';
import { rulesFor } from '../../fake-server/fakeResponsesServer';
import { rejectionOf, streamEvents, useFakeServer } from './support';

/** A parameter the model refuses must fail as the real API fails, body for body, or a product test proves nothing. */
describe('FakeResponsesServer rejections', () => {
  const fake = useFakeServer();
  const create = (params: Record<string, unknown>) => fake.client.responses.create({ input: 'Hi', ...params } as unknown as ResponseCreateParamsNonStreaming);

  async function assertRejected(params: Record<string, unknown>, error: { message: string; param: string; code: string | null }) {
    const rejection = await rejectionOf(create(params));
    assert.equal(rejection.status, 400);
    assert.deepEqual(rejection.error, { ...error, type: 'invalid_request_error' });
    const recorded = fake.server.responseRequests.at(-1);
    assert.equal(recorded?.status, 400, 'the request log says how it was answered');
    assert.deepEqual(recorded?.error, { ...error, type: 'invalid_request_error' });
  }

  it('sorts model names into families, narrow rows first', () => {
    const family = (model: string) => rulesFor(model).family;
    assert.deepEqual(
      [
        'gpt-5', 'gpt-5-mini-2025-08-07', 'gpt-5-chat-latest', 'gpt-5.1', 'gpt-5.1-codex', 'gpt-5.3-codex', 'gpt-5.2', 'gpt-5.4-mini', 'gpt-5.5',
        'gpt-5.6-luna', 'gpt-5.2-chat-latest', 'gpt-5-pro', 'o1', 'o3-mini', 'o4-mini', 'codex-mini-latest', 'gpt-4.1-mini', 'gpt-4o', 'llama3',
      ].map(family),
      [
        'gpt-5', 'gpt-5', 'gpt-5-chat', 'gpt-5.1', 'gpt-5.x-codex', 'gpt-5.3+-codex', 'gpt-5.2', 'gpt-5.3-5.4', 'gpt-5.5+',
        'gpt-5.5+', 'gpt-5.x-chat', 'gpt-5-pro', 'o-series', 'o-series', 'o-series', 'codex-mini', 'gpt-4.1', 'gpt-4o', 'unknown',
      ],
    );
  });

  for (const model of ['gpt-5', 'gpt-5-mini', 'o1', 'o3', 'o4-mini', 'codex-mini-latest', 'gpt-5.1-codex', 'gpt-5.5', 'gpt-5.2-chat-latest']) {
    it(`refuses temperature and top_p for the reasoning model ${model}`, async () => {
      await assertRejected({ model, temperature: 0.2 }, { message: "Unsupported parameter: 'temperature' is not supported with this model.", param: 'temperature', code: null });
      await assertRejected({ model, top_p: 0.9 }, { message: "Unsupported parameter: 'top_p' is not supported with this model.", param: 'top_p', code: null });
    });
  }

  it('refuses temperature even at its default, and treats null as absent', async () => {
    await assertRejected({ model: 'gpt-5', temperature: 1 }, { message: "Unsupported parameter: 'temperature' is not supported with this model.", param: 'temperature', code: null });
    assert.equal((await create({ model: 'gpt-5', temperature: null, top_p: null })).status, 'completed');
  });

  it('takes sampling on gpt-5.1 and later only while the effective effort is none', async () => {
    const refused = { message: "Unsupported parameter: 'temperature' is not supported with this model.", param: 'temperature', code: null };
    assert.equal((await create({ model: 'gpt-5.1', temperature: 0.2 })).temperature, 0.2, 'gpt-5.1 defaults to none');
    await assertRejected({ model: 'gpt-5.2', temperature: 0.2, reasoning: { effort: 'low' } }, refused);
    await assertRejected({ model: 'gpt-5.5', temperature: 0.2 }, refused);
    assert.equal((await create({ model: 'gpt-5.5', temperature: 0.2, reasoning: { effort: 'none' } })).temperature, 0.2);
  });

  for (const model of ['gpt-5-chat-latest', 'gpt-4.1-mini', 'gpt-4o']) {
    it(`accepts sampling for ${model}, which is not a reasoning model`, async () => {
      const response = await create({ model, temperature: 0.2, top_p: 0.9 });
      assert.equal(response.temperature, 0.2);
      assert.equal(response.top_p, 0.9);
    });
  }

  for (const model of ['gpt-4.1', 'gpt-4o-mini', 'gpt-5-chat-latest']) {
    it(`refuses reasoning.effort and reasoning.summary for ${model}`, async () => {
      await assertRejected({ model, reasoning: { effort: 'low' } }, { message: "Unsupported parameter: 'reasoning.effort' is not supported with this model.", param: 'reasoning.effort', code: 'unsupported_parameter' });
      await assertRejected({ model, reasoning: { summary: 'auto' } }, { message: "Unsupported parameter: 'reasoning.summary' is not supported with this model.", param: 'reasoning.summary', code: 'unsupported_parameter' });
      await create({ model, reasoning: { effort: null, summary: null } });
    });
  }

  it('refuses reasoning.effort values the model does not take, listing the ones it does', async () => {
    const unsupported = (value: string, model: string, list: string) => ({
      message: `Unsupported value: '${value}' is not supported with the '${model}' model. Supported values are: ${list}.`, param: 'reasoning.effort', code: 'unsupported_value',
    });
    await assertRejected({ model: 'gpt-5.1', reasoning: { effort: 'minimal' } }, unsupported('minimal', 'gpt-5.1', "'none', 'low', 'medium', and 'high'"));
    await assertRejected({ model: 'gpt-5', reasoning: { effort: 'none' } }, unsupported('none', 'gpt-5', "'minimal', 'low', 'medium', and 'high'"));
    await assertRejected({ model: 'o4-mini', reasoning: { effort: 'xhigh' } }, unsupported('xhigh', 'o4-mini', "'low', 'medium', and 'high'"));
    await assertRejected({ model: 'gpt-5-pro', reasoning: { effort: 'low' } }, unsupported('low', 'gpt-5-pro', "'high'"));
    for (const [model, effort] of [['gpt-5', 'minimal'], ['gpt-5.1', 'none'], ['gpt-5.2', 'xhigh'], ['o3', 'high']]) {
      assert.equal((await create({ model, reasoning: { effort } })).status, 'completed', `${model} takes ${effort}`);
    }
  });

  it('refuses text.verbosity other than medium for models without it', async () => {
    for (const model of ['gpt-4.1', 'o3', 'gpt-5-chat-latest', 'gpt-5.1-codex-max']) {
      const message = `Unsupported value: 'low' is not supported with the '${model}' model. Supported values are: 'medium'.`;
      await assertRejected({ model, text: { verbosity: 'low' } }, { message, param: 'text.verbosity', code: 'unsupported_value' });
      await create({ model, text: { verbosity: 'medium' } });
    }
    assert.equal((await create({ model: 'gpt-5-mini', text: { verbosity: 'low' } })).text?.verbosity, 'low');
  });

  it('refuses reasoning summaries to an organisation that is not verified, and a summary value that does not exist', async () => {
    await assertRejected({ model: 'gpt-5', reasoning: { summary: 'brief' } }, { message: "Invalid value: 'brief'. Supported values are: 'concise', 'detailed', and 'auto'.", param: 'reasoning.summary', code: 'invalid_value' });
    fake.server.organizationVerified = false;
    const verification = {
      message: 'Your organization must be verified to generate reasoning summaries. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization. If you just verified, it can take up to 15 minutes for access to propagate.',
      param: 'reasoning.summary', code: 'unsupported_value',
    };
    await assertRejected({ model: 'gpt-5', reasoning: { effort: 'low', summary: 'auto' } }, verification);
    await assertRejected({ model: 'o3', reasoning: { summary: 'detailed' } }, verification);
    assert.equal((await create({ model: 'gpt-5', reasoning: { effort: 'low' } })).status, 'completed', 'without a summary the request goes through');
  });

  it('rejects before any stream starts, so a streaming request fails with the same 400', async () => {
    const rejection = await rejectionOf(streamEvents(fake.client, { model: 'o3', input: 'Hi', temperature: 0 }));
    assert.equal(rejection.status, 400);
    assert.equal(rejection.param, 'temperature');
  });

  it('accepts everything for model names it does not know, as a local server would', async () => {
    const response = await create({ model: 'qwen2.5-coder', temperature: 0.3, top_p: 0.5, reasoning: { effort: 'minimal' }, text: { verbosity: 'high' } });
    assert.equal(response.status, 'completed');
  });

  it('refuses context_management entries other than compaction', async () => {
    await assertRejected({ model: 'gpt-5', context_management: [{ type: 'compaction', compact_threshold: 1000 }, { type: 'truncation' }] }, {
      message: "Invalid value: 'truncation'. Supported values are: 'compaction'.", param: 'context_management[1].type', code: 'invalid_value',
    });
  });

  for (const model of ['gpt-4.1-nano', 'o1', 'o3-mini', 'gpt-5-chat-latest', 'codex-mini-latest', 'gpt-4-turbo']) {
    it(`refuses the web_search tool for ${model}, which lacks it`, async () => {
      const message = `Hosted tool 'web_search' is not supported with ${model}.`;
      await assertRejected({ model, tools: [{ type: 'web_search' }] }, { message, param: 'tools', code: null });
    });
  }

  it('accepts the web_search tool for models that have it, and for names it does not know', async () => {
    for (const model of ['gpt-5', 'gpt-5-nano', 'gpt-4.1', 'gpt-4o-mini', 'o3', 'o4-mini', 'llama3']) {
      const response = await create({ model, tools: [{ type: 'web_search' }] });
      assert.equal(response.status, 'completed', model);
    }
  });
});
