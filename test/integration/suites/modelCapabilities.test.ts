import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ask, setUserSetting, useFakeServer } from '../support/threadline';

const API_KEY = 'sk-integration-models-0123456789';
/** A reasoning model of each kind and a model that takes sampling: the fake rejects what the real API rejects. */
const MODELS = ['gpt-5', 'o4-mini', 'gpt-4.1'];

suite('Every built-in persona on reasoning and non-reasoning models (strict fake server)', () => {
  const fake = useFakeServer(API_KEY);

  suiteTeardown(async () => {
    await setUserSetting('personas', undefined);
    await setUserSetting('activePersona', undefined);
  });

  const personas = (vscode.extensions.getExtension('threadline.threadline')?.packageJSON as {
    contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
  }).contributes.configuration.properties['threadline.personas'].default as Array<{ id: string; temperature?: number }>;

  for (const model of MODELS) {
    test(`${model}: each persona completes a turn, and only what the model takes is sent`, async () => {
      // The built-in personas as shipped, each pointed at the model under test.
      await setUserSetting('personas', personas.map((persona) => ({ ...persona, model })));
      for (const persona of personas) {
        await setUserSetting('activePersona', persona.id);
        const turn = await ask(`Hello from ${persona.id} on ${model}`);
        const request = fake().responseRequests.at(-1);
        assert.equal(turn.status, 'complete', `${persona.id} on ${model}: ${turn.error?.title ?? ''} ${turn.error?.detail ?? ''}`);
        assert.equal(request?.body.model, model);
        assert.equal(request?.status, 200, 'the server accepted the request as sent: nothing was re-sent after a refusal');
        const reasons = model !== 'gpt-4.1';
        if (reasons) {
          assert.equal(request?.body.temperature, undefined, `${persona.id}: no temperature to ${model}`);
          assert.deepEqual(request?.body.reasoning, { summary: 'auto' }, 'a reasoning model is asked for its summary');
          if (persona.temperature !== undefined) assert.deepEqual(turn.notApplied, [`temperature not used by ${model}`]);
        } else {
          assert.equal(request?.body.temperature, persona.temperature);
          assert.equal(request?.body.reasoning, undefined, 'no reasoning settings for a model that does not reason');
          assert.equal(turn.notApplied, undefined);
        }
      }
      const refused = fake().requests.filter((r) => r.status === 400);
      assert.deepEqual(refused.map((r) => r.error?.message), [], 'the strict server refused nothing');
    });
  }
});
