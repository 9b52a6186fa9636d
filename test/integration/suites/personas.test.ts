import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ask, setUserSetting, useFakeServer } from '../support/threadline';

const API_KEY = 'sk-integration-personas-0123456789';

interface PersonaSetting {
  id: string;
  label: string;
  instructions: string;
  model?: string;
  temperature?: number;
}

function builtInPersonas(): PersonaSetting[] {
  return vscode.workspace.getConfiguration('threadline').inspect<PersonaSetting[]>('personas')?.defaultValue ?? [];
}

suite('Personas', () => {
  const fake = useFakeServer(API_KEY);

  suiteTeardown(async () => {
    await setUserSetting('activePersona', undefined);
    await setUserSetting('personas', undefined);
  });

  test('ships several built-in personas with instructions', () => {
    const personas = builtInPersonas();
    assert.ok(personas.length >= 3, `only ${personas.length} built-in personas`);
    for (const persona of personas) assert.ok(persona.instructions.length > 20, `${persona.id} has thin instructions`);
  });

  test('switching persona changes the instructions sent on the next turn, and every turn carries them', async () => {
    const [first, second] = builtInPersonas().filter((p) => p.id === 'assistant' || p.id === 'terse');
    assert.ok(first && second, 'the assistant and terse personas ship');

    assert.equal(await vscode.commands.executeCommand('threadline.switchPersona', first.id), true);
    const turnA = await ask('Who answers this?');
    assert.equal(await vscode.commands.executeCommand('threadline.switchPersona', second.id), true);
    const turnB = await ask('And who answers this one?');

    const [requestA, requestB] = fake().responseRequests;
    assert.equal(requestA.body.instructions, first.instructions);
    assert.equal(requestB.body.instructions, second.instructions, 'the new persona applies from the next turn');
    assert.equal(requestB.body.temperature, second.temperature);
    assert.equal(requestB.body.previous_response_id, turnA.responseId, 'the chain continues across the switch');
    assert.equal(turnA.personaId, first.id, 'each turn records who answered');
    assert.equal(turnB.personaId, second.id);
    assert.equal(turnB.personaLabel, second.label);
  });

  test('a persona model overrides threadline.model, live, without a reload', async () => {
    await setUserSetting('personas', [
      { id: 'custom', label: 'Custom', instructions: 'Answer in one word.', model: 'gpt-4o-mini', max_output_tokens: 64 },
    ]);
    await setUserSetting('activePersona', 'custom');
    const turn = await ask('Model check');
    const [request] = fake().responseRequests;
    assert.equal(request.body.model, 'gpt-4o-mini');
    assert.equal(request.body.max_output_tokens, 64);
    assert.equal(request.body.instructions, 'Answer in one word.');
    assert.equal(turn.model, 'gpt-4o-mini');
  });

  test('an invalid entry is skipped and the valid ones stay usable', async () => {
    await setUserSetting('personas', [
      { id: 'good', label: 'Good', instructions: 'Be good.' },
      { id: 'bad', label: 'Bad', instructions: 'Be bad.', temperature: 9 },
    ]);
    await setUserSetting('activePersona', 'bad');
    assert.equal(await vscode.commands.executeCommand('threadline.switchPersona', 'bad'), false, 'the invalid persona cannot be chosen');
    await ask('Who answers when the active persona is invalid?');
    const [request] = fake().responseRequests;
    assert.equal(request.body.instructions, 'Be good.', 'falls back to the first valid persona');
  });
});
