import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What `vsce package` puts in the .vsix, as `vsce ls` lists it through .vscodeignore. The manifest's `%key%`
 * strings, titles and walkthrough page paths alike, stay raw without package.nls*.json, and the host speaks only
 * English without l10n/, so the catalogues of both languages ship with the pages they point at.
 */
describe('packaged files', () => {
  it('include the manifest and host catalogues in both languages, and every walkthrough page they name', function () {
    this.timeout(60_000);
    const root = process.cwd();
    const listed = new Set(execFileSync(join(root, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
      .split('\n').map((line) => line.trim()).filter(Boolean));
    const catalogues = ['package.nls.json', 'package.nls.ko.json', 'l10n/bundle.l10n.json', 'l10n/bundle.l10n.ko.json'];
    const pages = catalogues.slice(0, 2).flatMap((file) =>
      Object.entries(JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, string>)
        .filter(([key]) => /^walkthrough\..+\.media$/.test(key)).map(([, path]) => path));
    assert.ok(pages.length >= 10, 'a page per step and language');
    assert.deepEqual([...catalogues, ...pages].filter((file) => !listed.has(file)), []);
    assert.deepEqual([...listed].filter((file) => /^(src|test|node_modules)\//.test(file) || file.endsWith('.map')), []);
  });
});
