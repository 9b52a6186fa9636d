import * as assert from 'node:assert/strict';
import { describeEndpointProblem, isKeyless, parseEndpoints, uniqueProfileId } from '../../../src/core/endpoints/profiles';
import { parsePersonas } from '../../../src/core/personas';

const ollama = { id: 'ollama', label: 'Ollama', preset: 'ollama', baseUrl: 'http://localhost:11434/v1', dialect: 'auto' };

describe('endpoint profiles', () => {
  it('keeps valid entries and reports each bad one by index, id and field', () => {
    const { profiles, problems } = parseEndpoints([
      ollama,
      { id: 'bad dialect', label: 'X', preset: 'openai', baseUrl: 'https://api.openai.com/v1', dialect: 'grpc' },
      { ...ollama, label: 'Second Ollama' },
      { id: 'az', label: 'Azure', preset: 'azure', baseUrl: 'https://r.openai.azure.com/openai/v1/', dialect: 'responses', headers: { 'api-key': 'sk-x' } },
      'not an object',
    ]);
    assert.deepEqual(profiles.map((p) => p.id), ['ollama']);
    const lines = problems.map(describeEndpointProblem);
    assert.ok(lines.some((l) => l.startsWith('threadline.endpoints[1] ("bad dialect").dialect')), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('[1]') && l.includes('.id:')), 'the id with a space is named');
    assert.ok(lines.some((l) => l.startsWith('threadline.endpoints[2] ("ollama").id: duplicate id')), lines.join('\n'));
    assert.ok(lines.some((l) => l.startsWith('threadline.endpoints[3] ("az").headers') && /key/.test(l)), 'a key in headers is refused');
    assert.ok(lines.some((l) => l.startsWith('threadline.endpoints[4]')));
  });

  it('treats an absent setting as no profiles and a non-array as a problem', () => {
    assert.deepEqual(parseEndpoints(undefined), { profiles: [], problems: [] });
    const { problems } = parseEndpoints({ id: 'x' });
    assert.equal(describeEndpointProblem(problems[0]!), 'threadline.endpoints: must be an array');
  });

  it('is keyless by its own flag, else by its preset', () => {
    const [profile] = parseEndpoints([ollama]).profiles;
    assert.equal(isKeyless(profile!), true);
    assert.equal(isKeyless({ ...profile!, keyless: false }), false);
    assert.equal(isKeyless({ ...profile!, preset: 'gemini' }), false);
  });

  it('makes a free id from the preset', () => {
    assert.equal(uniqueProfileId('ollama', ['default']), 'ollama');
    assert.equal(uniqueProfileId('ollama', ['ollama', 'ollama-2']), 'ollama-3');
  });

  it('lets a persona name an endpoint id, and refuses one that is not an id', () => {
    const { personas, problems } = parsePersonas([
      { id: 'local', label: 'Local', instructions: 'x', endpoint: 'ollama' },
      { id: 'bad', label: 'Bad', instructions: 'x', endpoint: 'has space' },
    ]);
    assert.equal(personas[0]?.endpoint, 'ollama');
    assert.deepEqual(problems.map((p) => [p.id, p.field]), [['bad', 'endpoint']]);
  });
});
