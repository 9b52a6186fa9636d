// Token counter benchmarks. Prints `BENCH {json}` as its last line:
//   tokens.exact                 true only if counts equal js-tiktoken on the whole corpus and after random edits
//   tokens.encoder_load_ms       reading dist/ranks/o200k_base.json and building the encoder
//   tokens.full_1mb_ms           cold count (empty piece cache, encoder loaded) of 1 MiB of TypeScript, median of 5
//   tokens.edit_1mb_median_ms    one single-character edit in a 1 MiB document, incremental recount, median
//   tokens.pathological_20k_ms   '_'.repeat(20000), cold
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IncrementalTokenCount, type TextChange } from '../src/core/tokens/incrementalCount';
import { readRankFile, type RankFile } from '../src/core/tokens/rankTable';
import { TokenEncoder } from '../src/core/tokens/tokenEncoder';
import {
  EMOJI_TEXT, ENCODINGS, KOREAN_PROSE, SPECIAL_TOKEN_TEXT, randomTrickyText, randomUnicodeText, rankFile, referenceEncoder,
  seededRandom, typescriptLibFiles, type EncodingUnderTest,
} from '../test/unit/tokens/corpus';

const MIB = 1 << 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

async function loadRanks(encoding: EncodingUnderTest): Promise<RankFile> {
  const dir = join(process.cwd(), 'dist', 'ranks');
  return existsSync(join(dir, `${encoding}.json`)) ? readRankFile(dir, encoding) : rankFile(encoding);
}

/** Every TypeScript lib file, Korean prose, emoji, special-token strings, random text and long runs. */
function exactnessCorpus(): Array<{ name: string; text: string }> {
  const random = seededRandom(2026);
  const extra = [
    { name: 'korean', text: KOREAN_PROSE },
    { name: 'emoji', text: EMOJI_TEXT },
    { name: 'special tokens', text: SPECIAL_TOKEN_TEXT },
    { name: 'underscores', text: '_'.repeat(2500) },
    { name: 'base64', text: Buffer.from(Array.from({ length: 1500 }, () => Math.floor(random() * 256))).toString('base64') },
  ];
  for (let i = 0; i < 200; i++) extra.push({ name: `random ${i}`, text: i % 2 ? randomTrickyText(random, 80) : randomUnicodeText(random, 80) });
  return [...typescriptLibFiles(), ...extra];
}

function checkCorpus(encoder: TokenEncoder, encoding: EncodingUnderTest): boolean {
  const reference = referenceEncoder(encoding);
  let exact = true;
  for (const { name, text } of exactnessCorpus()) {
    const expected = reference.encode(text).length;
    const actual = encoder.countText(text);
    if (actual !== expected) {
      console.log(`[tokens] ${encoding} mismatch on ${name}: ${actual} vs js-tiktoken ${expected}`);
      exact = false;
    }
  }
  return exact;
}

function randomEdit(random: () => number, length: number, characters: string): TextChange {
  const offset = Math.floor(random() * length);
  return random() < 0.5
    ? { offset, deleteLength: 1, text: '' }
    : { offset, deleteLength: 0, text: characters[Math.floor(random() * characters.length)] };
}

/** Random edit sequences on a real file, checked against js-tiktoken along the way. */
function checkEdits(encoder: TokenEncoder, encoding: EncodingUnderTest): boolean {
  const reference = referenceEncoder(encoding);
  const random = seededRandom(encoding === 'o200k_base' ? 99 : 98);
  let text = typescriptLibFiles(200_000).at(-1)?.text ?? '';
  const counter = new IncrementalTokenCount(encoder, text);
  for (let step = 1; step <= 400; step++) {
    const change = random() < 0.9 ? randomEdit(random, text.length, ' \n\t/a_;{}한😀') : { offset: Math.floor(random() * text.length), deleteLength: 500, text: randomTrickyText(random, 30) };
    text = text.slice(0, change.offset) + change.text + text.slice(change.offset + change.deleteLength);
    counter.applyChange(change);
    if (step % 40 === 0 && counter.total !== reference.encode(text).length) {
      console.log(`[tokens] ${encoding} incremental count diverged at step ${step}`);
      return false;
    }
  }
  return true;
}

function oneMebibyteOfCode(): string {
  let text = '';
  for (const file of typescriptLibFiles().sort((a, b) => a.name.localeCompare(b.name))) {
    if (file.name === 'lib.dom.d.ts') continue;
    text += file.text;
    if (text.length >= MIB) break;
  }
  return text.slice(0, MIB);
}

async function main(): Promise<void> {
  const loadStarted = performance.now();
  const o200k = new TokenEncoder('o200k_base', await loadRanks('o200k_base'));
  const encoderLoadMs = performance.now() - loadStarted;

  // Speed first, before the exactness pass warms the piece cache with the same files.
  const code = oneMebibyteOfCode();
  o200k.countText(typescriptLibFiles().find((f) => f.name === 'lib.dom.d.ts')?.text.slice(0, MIB) ?? '');
  const fullRuns: number[] = [];
  for (let run = 0; run < 5; run++) {
    o200k.clearCache();
    const started = performance.now();
    o200k.countText(code);
    fullRuns.push(performance.now() - started);
  }

  o200k.clearCache();
  const pathologicalStarted = performance.now();
  o200k.countText('_'.repeat(20_000));
  const pathologicalMs = performance.now() - pathologicalStarted;

  const document = new IncrementalTokenCount(o200k, code);
  const random = seededRandom(7);
  const editTimes: number[] = [];
  let expected = code;
  for (let i = 0; i < 500; i++) {
    const change = randomEdit(random, expected.length, 'a;/ \n}');
    expected = expected.slice(0, change.offset) + change.text + expected.slice(change.offset + change.deleteLength);
    const started = performance.now();
    document.applyChange(change);
    editTimes.push(performance.now() - started);
  }
  let exact = document.total === o200k.countText(expected) && document.total === referenceEncoder('o200k_base').encode(expected).length;
  if (!exact) console.log('[tokens] incremental count of the 1 MiB document differs from the full count');

  for (const encoding of ENCODINGS) {
    const encoder = encoding === 'o200k_base' ? o200k : new TokenEncoder(encoding, await loadRanks(encoding));
    exact = checkCorpus(encoder, encoding) && checkEdits(encoder, encoding) && exact;
  }

  const result = {
    'tokens.exact': exact,
    'tokens.encoder_load_ms': round(encoderLoadMs),
    'tokens.full_1mb_ms': round(median(fullRuns)),
    'tokens.full_1mb_first_ms': round(fullRuns[0]),
    'tokens.edit_1mb_median_ms': round(median(editTimes)),
    'tokens.edit_1mb_p95_ms': round([...editTimes].sort((a, b) => a - b)[Math.floor(editTimes.length * 0.95)]),
    'tokens.pathological_20k_ms': round(pathologicalMs),
  };
  console.log(`BENCH ${JSON.stringify(result)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
