import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Command ids are named once, by the `CommandId` enum, and it names exactly the commands package.json
 * contributes. A string id elsewhere in src would drift the day a command is renamed, so the scan below fails on it.
 */
const ROOT = process.cwd();
const ENUM_FILE = 'src/commands/commandIds.ts';

const manifestIds = (): string[] => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
  return manifest.contributes.commands.map((c) => c.command).sort();
};

const enumIds = (): string[] =>
  [...readFileSync(join(ROOT, ENUM_FILE), 'utf8').matchAll(/^\s*\w+\s*=\s*'([^']+)',?\s*$/gm)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Comments may name a command; only code counts. A `//` after a colon (a URL in a string) is not a comment. */
const withoutComments = (source: string): string => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');

/** String literals (quoted or template) in code that are a command id, or a `command:` link to one. */
export function commandIdLiterals(source: string, ids: readonly string[]): string[] {
  const known = new Set(ids);
  const found: string[] = [];
  for (const match of withoutComments(source).matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g)) {
    const text = match[2];
    if (known.has(text)) found.push(text);
    for (const link of text.matchAll(/command:(threadline\.[\w.]+)/g)) if (known.has(link[1])) found.push(link[1]);
  }
  return found;
}

describe('command ids', () => {
  it('the CommandId enum and package.json contributes.commands are the same set', () => {
    assert.deepEqual(enumIds(), manifestIds());
    assert.ok(enumIds().length > 10, `the enum was not read from ${ENUM_FILE}`);
  });

  it('no file in src but commandIds.ts spells a command id as a string', () => {
    const ids = manifestIds();
    const offenders = sourceFiles(join(ROOT, 'src'))
      .filter((path) => relative(ROOT, path).split('\\').join('/') !== ENUM_FILE)
      .flatMap((path) => commandIdLiterals(readFileSync(path, 'utf8'), ids).map((id) => `${relative(ROOT, path)}: '${id}'`));
    assert.deepEqual(offenders, [], 'use CommandId instead of these string ids');
  });

  it('the scan sees ids in quotes, templates and command links, and not settings that share a prefix', () => {
    const ids = ['threadline.extractJson', 'threadline.setApiKey'];
    assert.deepEqual(commandIdLiterals("executeCommand('threadline.setApiKey')", ids), ['threadline.setApiKey']);
    assert.deepEqual(commandIdLiterals('x = `threadline.extractJson`; y = "[Set](command:threadline.setApiKey)"', ids), ['threadline.extractJson', 'threadline.setApiKey']);
    assert.deepEqual(commandIdLiterals("affectsConfiguration('threadline.extractJson.schemas')", ids), []);
    assert.deepEqual(commandIdLiterals("/** `threadline.extractJson` arguments */\n// runs 'threadline.setApiKey'\nconst u = 'https://x';", ids), []);
  });
});
