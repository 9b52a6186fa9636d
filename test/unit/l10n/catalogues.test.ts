import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import { formatMessage, setWebviewLocale, webviewCatalogues, webviewLocaleFor, wt } from '../../../src/core/l10n/webviewMessages';

/**
 * Every user-facing string exists in English and Korean, in each of the three catalogues: the host bundle
 * (l10n/), the manifest (package.nls*.json) and the webview catalogue. A key missing in either language, a
 * placeholder lost in translation, or a `l10n.t` string not yet exported fails here.
 */
const ROOT = process.cwd();
const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;
const placeholders = (text: string): string => (text.match(/\{\d+\}/g) ?? []).sort().join(' ');

function assertSameKeys(name: string, english: Record<string, unknown>, korean: Record<string, unknown>): void {
  const missing = Object.keys(english).filter((key) => !(key in korean));
  const extra = Object.keys(korean).filter((key) => !(key in english));
  assert.deepEqual(missing, [], `${name}: keys missing in Korean`);
  assert.deepEqual(extra, [], `${name}: Korean keys that English no longer has`);
  for (const [key, value] of Object.entries(korean)) {
    assert.equal(typeof value, 'string', `${name}: ${key} is not a string`);
    assert.ok((value as string).trim().length > 0, `${name}: ${key} is empty in Korean`);
    assert.equal(placeholders(value as string), placeholders(String(english[key])), `${name}: placeholders of ${key} differ`);
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('l10n: host bundle', () => {
  const english = readJson('l10n/bundle.l10n.json');

  it('has a Korean translation of every message, with the same placeholders', () => {
    assertSameKeys('bundle.l10n.ko.json', english, readJson('l10n/bundle.l10n.ko.json'));
  });

  it('is what `npm run l10n:export` extracts from src today (no message left out, none stale)', async function () {
    this.timeout(120_000);
    const files = sourceFiles(join(ROOT, 'src')).map((path) => ({ extension: '.ts', contents: readFileSync(path, 'utf8'), path: relative(ROOT, path) }));
    const extracted = await getL10nJson(files);
    assert.deepEqual(Object.keys(english).sort(), Object.keys(extracted).sort(), 'run `npm run l10n:export`, then translate the new keys in l10n/bundle.l10n.ko.json');
  });

  it('is declared in the manifest', () => {
    assert.equal(readJson('package.json').l10n, './l10n');
  });
});

describe('l10n: manifest', () => {
  const nls = readJson('package.nls.json');

  it('has a Korean translation of every manifest string', () => {
    assertSameKeys('package.nls.ko.json', nls, readJson('package.nls.ko.json'));
  });

  it('names an nls key for every title, name, category and description in contributes, and every key exists', () => {
    const manifest = readJson('package.json');
    const literal: string[] = [];
    const referenced: string[] = [];
    const visit = (value: unknown, path: string, field: string): void => {
      if (typeof value === 'string') {
        const key = /^%(.+)%$/.exec(value)?.[1];
        if (key) referenced.push(key);
        else if (/^(title|name|category|label|description|markdownDescription|enumDescriptions|markdownEnumDescriptions|deprecationMessage|markdownDeprecationMessage|altText)$/.test(field) && !/\.(default|examples)\b/.test(path)) literal.push(`${path}: ${value}`);
        return;
      }
      if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${path}[${index}]`, field));
      else if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) visit(child, `${path}.${key}`, key);
    };
    visit(manifest.contributes, 'contributes', '');
    visit(manifest.description, 'description', 'description');
    assert.deepEqual(literal, [], 'manifest strings outside package.nls.json');
    assert.deepEqual(referenced.filter((key) => !(key in nls)), [], '%keys% without an entry in package.nls.json');
  });
});

describe('l10n: webview catalogue', () => {
  afterEach(() => setWebviewLocale('en'));

  it('has every key in Korean, with the same placeholders', () => {
    assertSameKeys('webviewMessages.ko.ts', webviewCatalogues.en, webviewCatalogues.ko);
  });

  it('is chosen by the display language, English by default', () => {
    assert.equal(webviewLocaleFor('ko'), 'ko');
    assert.equal(webviewLocaleFor('ko-KR'), 'ko');
    assert.equal(webviewLocaleFor('en-us'), 'en');
    assert.equal(webviewLocaleFor('kok'), 'en');
    assert.equal(webviewLocaleFor(undefined), 'en');
    assert.equal(setWebviewLocale('fr'), 'en');
    assert.equal(setWebviewLocale(42), 'en');
    assert.equal(wt('turn.retry'), 'Retry');
    assert.equal(setWebviewLocale('ko'), 'ko');
    assert.equal(wt('turn.retry'), '다시 시도');
    assert.equal(wt('history.trashCount', 3), '휴지통 (3)');
  });

  it('fills placeholders by index and leaves unknown ones', () => {
    assert.equal(formatMessage('{1} before {0}, {2}', ['a', 'b']), 'b before a, {2}');
  });
});
