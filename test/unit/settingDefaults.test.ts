import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePersonas } from '../../src/core/personas';
import { DEFAULT_PERSONAS, FALLBACK_PERSONA, SETTING_DEFAULTS } from '../../src/core/settingDefaults';

/** package.json's setting defaults and the code's are one set of values: core/settingDefaults.ts. */
const properties = (JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
}).contributes.configuration.properties;

describe('setting defaults', () => {
  it('every setting package.json contributes has its default in core, equal to the manifest', () => {
    for (const [key, property] of Object.entries(properties)) {
      const name = key.replace(/^threadline\./, '');
      assert.ok(name in SETTING_DEFAULTS, `${key} has no default in src/core/settingDefaults.ts`);
      assert.deepEqual(SETTING_DEFAULTS[name as keyof typeof SETTING_DEFAULTS], property.default, `${key}: the manifest and core disagree`);
    }
  });

  it('core names no setting the manifest does not contribute', () => {
    const contributed = new Set(Object.keys(properties).map((key) => key.replace(/^threadline\./, '')));
    assert.deepEqual(Object.keys(SETTING_DEFAULTS).filter((name) => !contributed.has(name)), []);
  });

  it('the default personas are valid, and the fallback persona is the active default', () => {
    assert.deepEqual(parsePersonas(DEFAULT_PERSONAS), { personas: DEFAULT_PERSONAS, problems: [] });
    assert.equal(FALLBACK_PERSONA.id, SETTING_DEFAULTS.activePersona);
  });
});
