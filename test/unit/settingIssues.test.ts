import * as assert from 'node:assert/strict';
import { parseEndpoints } from '../../src/core/endpoints/profiles';
import { describePersonaProblem, parsePersonas } from '../../src/core/personas';

/** What a settings warning says about a bad field: Threadline's own sentence, not zod's, naming the limit broken. */
const said = (raw: unknown): string[] => parsePersonas([raw]).problems.map(describePersonaProblem);

describe('setting issues in the warning', () => {
  it('says which field is missing, of the wrong type, or out of range', () => {
    assert.deepEqual(said({ id: 'a', instructions: 'x', temperature: 3, top_p: -1, max_output_tokens: 8 }), [
      'threadline.personas[0] ("a").label: is required',
      'threadline.personas[0] ("a").temperature: must be at most 2',
      'threadline.personas[0] ("a").top_p: must be at least 0',
      'threadline.personas[0] ("a").max_output_tokens: must be at least 16',
    ]);
    assert.deepEqual(said({ id: 'b', label: 5, instructions: 'x', max_output_tokens: 20.5, webSearch: 'yes' }), [
      'threadline.personas[0] ("b").label: must be text (a string)',
      'threadline.personas[0] ("b").max_output_tokens: must be a whole number',
      'threadline.personas[0] ("b").webSearch: must be true or false',
    ]);
  });

  it('lists the allowed values of an enum, and gives the schema’s own hint for a pattern', () => {
    assert.deepEqual(said({ id: 'c d', label: '', instructions: 'x', verbosity: 'loud' }), [
      'threadline.personas[0] ("c d").id: use letters, digits, ".", "_" or "-"',
      'threadline.personas[0] ("c d").label: must not be empty',
      'threadline.personas[0] ("c d").verbosity: must be one of "low", "medium", "high"',
    ]);
  });

  it('says the same of endpoint profiles, including their own rule on headers', () => {
    const { problems } = parseEndpoints([{ id: 'x', label: 'X', preset: 'nope', baseUrl: 'http://h/v1', dialect: 'chat', headers: { Authorization: 'k' } }]);
    assert.deepEqual(problems.map((p) => `${p.field}: ${p.message}`), [
      'preset: must be one of "openai", "azure", "ollama", "lmstudio", "vllm", "gemini", "openrouter", "custom"',
      'headers: Authorization and api-key carry the key and are set by Threadline; store the key with “Threadline: Set API Key”',
    ]);
  });
});
