import * as assert from 'node:assert/strict';
import { describePersonaProblem, parsePersonas, resolveActivePersona } from '../../src/core/personas';
import { FALLBACK_PERSONA } from '../../src/core/settingDefaults';

const reviewer = { id: 'reviewer', label: 'Code Reviewer', instructions: 'Review the code.', model: 'gpt-4.1', temperature: 0.2 };
const teacher = { id: 'teacher', label: 'Patient Teacher', instructions: 'Explain step by step.', top_p: 0.9, max_output_tokens: 2000 };

describe('parsePersonas', () => {
  it('keeps every valid persona with its parameters', () => {
    const { personas, problems } = parsePersonas([reviewer, teacher]);
    assert.deepEqual(personas, [reviewer, teacher]);
    assert.deepEqual(problems, []);
  });

  it('names the entry and the field of an invalid persona and keeps the valid ones', () => {
    const { personas, problems } = parsePersonas([reviewer, { ...teacher, id: 'bad-temp', temperature: 3 }, teacher]);
    assert.deepEqual(personas.map((p) => p.id), ['reviewer', 'teacher']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].index, 1);
    assert.equal(problems[0].id, 'bad-temp');
    assert.equal(problems[0].field, 'temperature');
    const line = describePersonaProblem(problems[0]);
    assert.ok(line.startsWith('threadline.personas[1] ("bad-temp").temperature:'), line);
  });

  it('reports each bad field of an entry, including missing ones and wrong types', () => {
    const { personas, problems } = parsePersonas([{ id: 'x y', instructions: 42, max_output_tokens: 1.5 }]);
    assert.deepEqual(personas, [FALLBACK_PERSONA]);
    assert.deepEqual(problems.map((p) => p.field).sort(), ['id', 'instructions', 'label', 'max_output_tokens']);
    assert.ok(problems.every((p) => p.index === 0 && p.id === 'x y' && p.message.length > 0));
  });

  it('reports an entry that is not an object without a field', () => {
    const { personas, problems } = parsePersonas(['reviewer', null, reviewer]);
    assert.deepEqual(personas, [reviewer]);
    assert.deepEqual(problems.map((p) => [p.index, p.field, p.id]), [[0, '', undefined], [1, '', undefined]]);
    assert.equal(describePersonaProblem(problems[0]).startsWith('threadline.personas[0]: '), true);
  });

  it('keeps the first of duplicate ids and reports the later one', () => {
    const { personas, problems } = parsePersonas([reviewer, { ...teacher, id: 'reviewer' }]);
    assert.deepEqual(personas, [reviewer]);
    assert.deepEqual(problems.map((p) => [p.index, p.field]), [[1, 'id']]);
    assert.match(problems[0].message, /duplicate id "reviewer"/);
  });

  it('reports a setting that is not an array and falls back to the built-in persona', () => {
    const { personas, problems } = parsePersonas({ reviewer });
    assert.deepEqual(personas, [FALLBACK_PERSONA]);
    assert.equal(problems.length, 1);
    assert.equal(describePersonaProblem(problems[0]), 'threadline.personas: must be an array');
    assert.deepEqual(parsePersonas(undefined), { personas: [FALLBACK_PERSONA], problems: [] });
    assert.deepEqual(parsePersonas([]).personas, [FALLBACK_PERSONA]);
  });

  it('drops unknown keys rather than rejecting the entry', () => {
    const { personas, problems } = parsePersonas([{ ...reviewer, colour: 'blue' }]);
    assert.deepEqual(personas, [reviewer]);
    assert.deepEqual(problems, []);
  });
});

describe('resolveActivePersona', () => {
  it('finds the active id and falls back to the first persona', () => {
    const personas = [reviewer, teacher];
    assert.equal(resolveActivePersona(personas, 'teacher').id, 'teacher');
    assert.equal(resolveActivePersona(personas, 'missing').id, 'reviewer');
    assert.equal(resolveActivePersona([], undefined), FALLBACK_PERSONA);
  });
});

describe('persona reasoning effort and verbosity', () => {
  it('keeps every valid effort and verbosity', () => {
    const entries = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'].map((effort, i) => ({
      id: `p${i}`, label: `P${i}`, instructions: '.', reasoningEffort: effort, verbosity: ['low', 'medium', 'high'][i % 3],
    }));
    const { personas, problems } = parsePersonas(entries);
    assert.deepEqual(problems, []);
    assert.deepEqual(personas, entries);
  });

  it('reports a bad effort or verbosity by entry and field, and keeps the other personas', () => {
    const { personas, problems } = parsePersonas([
      reviewer,
      { id: 'eager', label: 'Eager', instructions: '.', reasoningEffort: 'maximum' },
      { id: 'chatty', label: 'Chatty', instructions: '.', verbosity: 'verbose' },
    ]);
    assert.deepEqual(personas, [reviewer]);
    assert.deepEqual(problems.map((p) => [p.index, p.id, p.field]), [[1, 'eager', 'reasoningEffort'], [2, 'chatty', 'verbosity']]);
    assert.ok(describePersonaProblem(problems[0]).startsWith('threadline.personas[1] ("eager").reasoningEffort:'));
  });
});
