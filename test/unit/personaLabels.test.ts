import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { displayLabel, withDisplayLabels } from '../../src/core/personaLabels';
import type { Persona } from '../../src/core/personas';
import { DEFAULT_PERSONAS } from '../../src/core/settingDefaults';

const korean = JSON.parse(readFileSync(join(process.cwd(), 'l10n', 'bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
const builtIn = (id: string): Persona => DEFAULT_PERSONAS.find((p) => p.id === id) as Persona;

describe('persona labels in the display language', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('shows the shipped English labels when no translation is loaded', () => {
    assert.deepEqual(DEFAULT_PERSONAS.map(displayLabel), DEFAULT_PERSONAS.map((p) => p.label));
    assert.deepEqual(withDisplayLabels(DEFAULT_PERSONAS), DEFAULT_PERSONAS);
  });

  it('names every built-in in Korean, and changes nothing but the label', () => {
    l10n.config({ contents: korean });
    const shown = withDisplayLabels(DEFAULT_PERSONAS);
    assert.deepEqual(shown.map((p) => p.label), ['코딩 도우미', '코드 리뷰어', '친절한 선생님', '간결한 전문가']);
    shown.forEach((persona, index) => {
      const original = DEFAULT_PERSONAS[index] as Persona;
      assert.deepEqual({ ...persona, label: original.label }, original, 'instructions and parameters are sent as configured');
    });
  });

  it('keeps the text of a renamed built-in and of the user’s own personas exactly', () => {
    l10n.config({ contents: korean });
    const renamed: Persona = { ...builtIn('reviewer'), label: 'Strict Reviewer' };
    const borrowedLabel: Persona = { id: 'my-helper', label: 'Coding Assistant', instructions: 'Help.' };
    const own: Persona = { id: 'poet', label: 'Poet', instructions: 'Answer in verse.' };
    const objectKey: Persona = { id: 'constructor', label: 'Coding Assistant', instructions: '' };
    const caseChanged: Persona = { ...builtIn('terse'), label: 'terse expert' };
    const personas = [renamed, borrowedLabel, own, objectKey, caseChanged];
    const shown = withDisplayLabels(personas);
    assert.deepEqual(shown.map((p) => p.label), ['Strict Reviewer', 'Coding Assistant', 'Poet', 'Coding Assistant', 'terse expert']);
    shown.forEach((persona, index) => assert.equal(persona, personas[index], 'an unchanged persona is the same object'));
  });

  it('translates a built-in wherever its entry sits and whatever else the user tuned', () => {
    l10n.config({ contents: korean });
    const tuned: Persona = { ...builtIn('teacher'), temperature: 0.3, model: 'gpt-5' };
    assert.equal(displayLabel(tuned), '친절한 선생님');
    assert.equal(withDisplayLabels([tuned])[0]?.temperature, 0.3);
  });
});
