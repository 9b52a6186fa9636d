import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The getting-started walkthrough in both languages. VS Code replaces `%key%` in every string of the manifest
 * (titles and media paths alike) from package.nls.<language>.json, so each step names its page by an nls key and
 * the Korean catalogue points at media/walkthrough/ko/. A Korean page must offer what the English one does: the
 * same command links and the same key chords, and the chords must be ones the manifest binds.
 */
interface StepMedia { markdown?: string; image?: string | Record<string, string>; svg?: string }
interface Step { id: string; media: StepMedia }
interface Manifest {
  contributes: { walkthroughs: { steps: Step[] }[]; keybindings: { key: string; mac?: string }[] };
}

const ROOT = process.cwd();
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as T;
const manifest = readJson<Manifest>('package.json');
const catalogues = { en: readJson<Record<string, string>>('package.nls.json'), ko: readJson<Record<string, string>>('package.nls.ko.json') };
const steps = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps);

/** A manifest value as VS Code shows it in a language: `%key%` looked up, anything else as written. */
function resolved(value: string, language: keyof typeof catalogues): string {
  const key = /^%(.+)%$/.exec(value)?.[1];
  if (!key) return value;
  const text = catalogues[language][key];
  assert.ok(text, `${key} is missing in the ${language} manifest catalogue`);
  return text;
}

/** Every file a step shows: its page (or image or svg, in any theme) and the images the page embeds. */
function filesOf(media: StepMedia, language: keyof typeof catalogues): string[] {
  const images = typeof media.image === 'string' ? [media.image] : Object.values(media.image ?? {});
  const direct = [media.markdown, media.svg, ...images].filter((path): path is string => !!path).map((path) => resolved(path, language));
  const embedded = direct.filter((path) => path.endsWith('.md')).flatMap((page) =>
    [...readText(page).matchAll(/!\[[^\]]*\]\(<?([^)\s>]+)>?/g)].map((match) => join(dirname(page), match[1] ?? '')));
  return [...direct, ...embedded];
}

const readText = (path: string): string => (existsSync(join(ROOT, path)) ? readFileSync(join(ROOT, path), 'utf8') : '');
const commandLinks = (text: string): string[] => [...text.matchAll(/\(command:([^)\s]+)/g)].map((match) => match[1] ?? '').sort();
/** Chords as the pages spell them (`Ctrl+Shift+Alt+E`, `Shift+Enter`), lower-cased as the manifest writes them. */
const chords = (text: string): string[] =>
  [...text.matchAll(/\b(?:(?:Ctrl|Cmd|Shift|Alt|Option)\+)+[A-Za-z0-9]+\b/g)].map((match) => match[0].toLowerCase()).sort();

describe('walkthrough pages in English and Korean', () => {
  it('has steps, each naming its page by an nls key with a page per language', () => {
    assert.ok(steps.length > 0);
    for (const step of steps) {
      assert.match(step.media.markdown ?? '', /^%walkthrough\.[\w.]+\.media%$/, `${step.id}: media.markdown is an nls key`);
      const english = resolved(step.media.markdown ?? '', 'en');
      const korean = resolved(step.media.markdown ?? '', 'ko');
      assert.match(english, /^media\/walkthrough\/[\w-]+\.md$/, step.id);
      assert.equal(korean, english.replace('media/walkthrough/', 'media/walkthrough/ko/'), step.id);
    }
  });

  it('finds every page and image of every step in both languages', () => {
    for (const step of steps) {
      for (const language of ['en', 'ko'] as const) {
        for (const file of filesOf(step.media, language)) assert.ok(existsSync(join(ROOT, file)), `${step.id} (${language}): ${file} is missing`);
      }
    }
  });

  it('gives each Korean page the English page’s command links and key chords, in Korean text', () => {
    for (const step of steps) {
      const english = readText(resolved(step.media.markdown ?? '', 'en'));
      const korean = readText(resolved(step.media.markdown ?? '', 'ko'));
      assert.deepEqual(commandLinks(korean), commandLinks(english), `${step.id}: command links`);
      assert.deepEqual(chords(korean), chords(english), `${step.id}: key chords`);
      assert.match(korean, /[가-힣]/, `${step.id}: the Korean page is in Korean`);
    }
  });

  it('mentions only chords the manifest binds (besides the chat box’s own Shift+Enter)', () => {
    const bound = new Set(manifest.contributes.keybindings.flatMap((binding) => [binding.key, binding.mac].filter((key): key is string => !!key)));
    for (const step of steps) {
      const page = resolved(step.media.markdown ?? '', 'en');
      for (const chord of chords(readText(page)).filter((c) => /ctrl|cmd/.test(c))) assert.ok(bound.has(chord), `${page}: ${chord} is not a keybinding`);
    }
  });
});
