import * as assert from 'node:assert/strict';
import { endpointKey } from '../../../src/core/endpoints/endpointKey';
import {
  LEARNED_FOR_MS, LearnedParameters, type LearnedParametersData, type LearnedParametersPersistence, rejectionKey,
} from '../../../src/core/models/learnedParameters';

/** An in-memory stand-in for globalState: what was saved is what the next store loads. */
class MemoryPersistence implements LearnedParametersPersistence {
  saved: unknown;
  saves = 0;
  constructor(initial?: unknown) { this.saved = initial; }
  load(): unknown { return this.saved; }
  save(data: LearnedParametersData): void {
    this.saves++;
    this.saved = JSON.parse(JSON.stringify(data));
  }
}

const OPENAI = 'https://api.openai.com/v1';
const LOCAL = 'http://127.0.0.1:1234/v1';

describe('LearnedParameters', () => {
  it('remembers a refusal per endpoint and model, and says whether it was new', () => {
    const learned = new LearnedParameters();
    assert.equal(learned.remember(OPENAI, 'gpt-5', 'temperature'), true);
    assert.equal(learned.remember(OPENAI, 'gpt-5', 'temperature'), false, 'known already: the user is not told twice');
    assert.deepEqual([...learned.rejected(OPENAI, 'gpt-5')], ['temperature']);
    assert.deepEqual([...learned.rejected(OPENAI, 'GPT-5 ')], ['temperature'], 'model names are compared as the user means them');
    assert.deepEqual([...learned.rejected(OPENAI, 'gpt-5-mini')], [], 'another model is asked for itself');
    assert.deepEqual([...learned.rejected(LOCAL, 'gpt-5')], [], 'another endpoint is asked for itself');
  });

  it('round-trips through its persistence port, so facts survive a reload', () => {
    const persistence = new MemoryPersistence();
    const first = new LearnedParameters(persistence);
    first.remember(OPENAI, 'gpt-5', 'temperature');
    first.remember(OPENAI, 'gpt-5.1', rejectionKey('reasoning.effort', 'minimal'));
    first.remember(LOCAL, 'llama3', 'reasoning.summary');
    assert.equal(persistence.saves, 3);
    const reloaded = new LearnedParameters(persistence);
    assert.deepEqual([...reloaded.rejected(OPENAI, 'gpt-5')], ['temperature']);
    assert.deepEqual([...reloaded.rejected(OPENAI, 'gpt-5.1')], ['reasoning.effort=minimal']);
    assert.deepEqual([...reloaded.rejected(`${LOCAL}/`, 'llama3')], ['reasoning.summary'], 'a trailing slash is the same endpoint');
    assert.equal(reloaded.remember(OPENAI, 'gpt-5', 'temperature'), false, 'a reload does not tell the user again');
  });

  it('starts empty from unreadable saved data instead of failing', () => {
    for (const bad of [undefined, null, 'text', { version: 2, endpoints: {} }, { version: 1, endpoints: { x: { m: { temperature: 'yes' } } } }]) {
      const learned = new LearnedParameters(new MemoryPersistence(bad));
      assert.deepEqual([...learned.rejected('x', 'm')], [], JSON.stringify(bad));
      assert.equal(learned.remember('x', 'm', 'temperature'), true);
    }
  });

  it('forgets a fact after a month, so a verified organisation gets summaries again', () => {
    let now = 1_000_000;
    const learned = new LearnedParameters(new MemoryPersistence(), { now: () => now });
    learned.remember(OPENAI, 'gpt-5', 'reasoning.summary');
    now += LEARNED_FOR_MS - 1;
    assert.equal(learned.rejected(OPENAI, 'gpt-5').has('reasoning.summary'), true);
    now += 2;
    assert.equal(learned.rejected(OPENAI, 'gpt-5').has('reasoning.summary'), false);
    assert.equal(learned.remember(OPENAI, 'gpt-5', 'reasoning.summary'), true, 'refused again: learned (and told) again');
  });

  it('reports a failed save and keeps the fact in memory', async () => {
    const errors: string[] = [];
    const learned = new LearnedParameters({ load: () => undefined, save: () => Promise.reject(new Error('disk full')) }, { onSaveError: (m) => errors.push(m) });
    learned.remember(OPENAI, 'gpt-5', 'top_p');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(errors, ['could not save learned model parameters: disk full']);
    assert.equal(learned.rejected(OPENAI, 'gpt-5').has('top_p'), true);
  });

  it('keys endpoints by scheme, host and path only: no credentials or query strings are stored', () => {
    assert.equal(endpointKey('https://user:secret@api.example.com/v1/?key=abc'), 'https://api.example.com/v1');
    assert.equal(endpointKey('https://API.openai.com/v1/'), 'https://api.openai.com/v1');
    assert.notEqual(endpointKey('http://localhost:1234/v1'), endpointKey('http://localhost:11434/v1'));
  });
});
