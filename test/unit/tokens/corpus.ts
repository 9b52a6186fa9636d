import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RankFile } from '../../../src/core/tokens/rankTable';

// Shared by the token tests and bench/tokens.bench.ts: rank files, the js-tiktoken reference and the corpus.

const requireFromRoot = createRequire(join(process.cwd(), 'package.json'));

export type EncodingUnderTest = 'o200k_base' | 'cl100k_base';
export const ENCODINGS: EncodingUnderTest[] = ['o200k_base', 'cl100k_base'];

export function rankFile(encoding: EncodingUnderTest): RankFile {
  return requireFromRoot(`js-tiktoken/ranks/${encoding}`) as RankFile;
}

interface ReferenceTiktoken {
  encode(text: string, allowedSpecial?: string[] | 'all', disallowedSpecial?: string[] | 'all'): number[];
}

/** js-tiktoken itself. `encode(text, [], [])` treats special-token strings as plain text, as the API does. */
export function referenceEncoder(encoding: EncodingUnderTest): { encode(text: string): number[] } {
  let reference = references.get(encoding);
  if (!reference) {
    const { Tiktoken } = requireFromRoot('js-tiktoken/lite') as { Tiktoken: new (ranks: RankFile) => ReferenceTiktoken };
    const tiktoken = new Tiktoken(rankFile(encoding));
    reference = { encode: (text) => tiktoken.encode(text, [], []) };
    references.set(encoding, reference);
  }
  return reference;
}
/** Building js-tiktoken's tables takes most of a second; build each once per process. */
const references = new Map<EncodingUnderTest, { encode(text: string): number[] }>();

export function typescriptLibDirectory(): string {
  return dirname(requireFromRoot.resolve('typescript/lib/lib.d.ts'));
}

/** TypeScript's lib .d.ts files, smallest first, optionally only those under `maxBytes`. */
export function typescriptLibFiles(maxBytes = Number.POSITIVE_INFINITY): Array<{ name: string; text: string }> {
  const dir = typescriptLibDirectory();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.d.ts'))
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }))
    .filter((f) => f.text.length <= maxBytes)
    .sort((a, b) => a.text.length - b.text.length);
}

export const KOREAN_PROSE = [
  '토큰 계산기는 편집기를 멈추지 않고 정확한 수를 보여 주어야 합니다. 사용자는 긴 문서를 열어 두고 한 글자씩 고칩니다.',
  '서울의 가을 하늘은 높고 맑았다. 그는 창가에 앉아 오래된 편지를 다시 읽었다 — "잘 지내고 있니?"라는 첫 줄에서 한참을 머물렀다.',
  '함수는 입력을 받아 결과를 돌려줍니다.\n\n  예: `countTokens("안녕하세요")`는 숫자를 반환합니다.\n\t들여쓰기와 줄바꿈도 토큰입니다.',
  '했다고 했잖아요?! 그렇죠... 네, 맞아요 ㅋㅋㅋ ㅎㅎ 1,234원 + 5.6% = ₩98,765 (약 70달러).',
].join('\n');

export const EMOJI_TEXT = [
  '👍🏽 thumbs, 👨‍👩‍👧‍👦 family, 🇰🇷🇺🇸 flags, 🏳️‍🌈 rainbow, ❤️‍🔥 heart on fire',
  'emoji🙂inside🙃words and 😀😀😀😀😀😀😀😀😀😀😀😀 runs',
  '🧑🏿‍💻 writes `const 🍕 = "🍕".repeat(3);` — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math 𝟙𝟚𝟛 and 🀄 tiles',
].join('\n');

/** Special-token strings must count as text: inline, adjacent, broken, repeated, in code. */
export const SPECIAL_TOKEN_TEXT = [
  '<|endoftext|>',
  'before<|endoftext|>after <|endofprompt|> <|fim_prefix|><|fim_middle|><|fim_suffix|>',
  '<|endoftext|><|endoftext|><|endoftext|>',
  '<|endoftext|', '|endoftext|>', '<|endo ftext|>', '<||>', '<|im_start|>user\nhi<|im_end|>',
  'const s = "<|endoftext|>"; // stop token',
].join('\n');

/** A deterministic generator, so a failing random case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/** Characters chosen to hit every branch of both pre-tokenizer patterns, ASCII and beyond. */
const TRICKY = [
  ' ', ' ', '  ', '\n', '\r\n', '\r', '\t', '\v', '\f', "'", "'s", "'S", "'re", "'LL", "'ve", "'d", "'m", "'t", "'x",
  'a', 'z', 'A', 'Z', 'Ab', 'aB', 'the', 'The', 'THE', '0', '7', '123', '4567', '_', '/', '//', '/*', '*/', ';', '{', '}',
  '(', ')', '.', ',', '-', '=>', '$', '#', '@', '!', '?', '"', '`', '\\', '\u0000', '\u001f', '\u007f',
  'é', 'É', 'ß', 'ǅ', 'ʰ', '中', 'ー', '\u0301', '\u0903', '²', '٣', '½', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u0085',
  '→', '€', '😀', '👍🏽', '한', '글', '\ud800', '\udfff', '<|endoftext|>',
];

export function randomTrickyText(random: () => number, pieces: number): string {
  let out = '';
  for (let i = 0; i < pieces; i++) out += TRICKY[Math.floor(random() * TRICKY.length)];
  return out;
}

/** Random code points from every plane, lone surrogates included. */
export function randomUnicodeText(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const r = random();
    if (r < 0.3) out += String.fromCharCode(0x20 + Math.floor(random() * 0x5f));
    else if (r < 0.4) out += ' \n\t'[Math.floor(random() * 3)];
    else if (r < 0.8) out += String.fromCharCode(Math.floor(random() * 0x10000));
    else out += String.fromCodePoint(0x10000 + Math.floor(random() * 0x100000));
  }
  return out;
}
