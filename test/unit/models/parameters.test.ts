import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REASONING_EFFORTS, REASONING_SUMMARIES, VERBOSITIES } from '../../../src/core/models/parameters';

/** The settings editor validates with package.json's schema, the extension with zod: both must allow the same values. */
describe('parameter values in the manifest', () => {
  const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { enum?: string[]; default?: unknown; items?: { properties: Record<string, { enum?: string[] }> } }> } };
  };
  const properties = manifest.contributes.configuration.properties;

  it('persona reasoningEffort and verbosity list the same values as the code', () => {
    const persona = properties['threadline.personas']?.items?.properties ?? {};
    assert.deepEqual(persona.reasoningEffort?.enum, [...REASONING_EFFORTS]);
    assert.deepEqual(persona.verbosity?.enum, [...VERBOSITIES]);
  });

  it('threadline.reasoningSummary lists the same values and defaults to auto', () => {
    assert.deepEqual(properties['threadline.reasoningSummary']?.enum, [...REASONING_SUMMARIES]);
    assert.equal(properties['threadline.reasoningSummary']?.default, 'auto');
  });
});
