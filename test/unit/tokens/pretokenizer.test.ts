import * as assert from 'node:assert/strict';
import { Pretokenizer } from '../../../src/core/tokens/pretokenizer';
import { ENCODINGS, KOREAN_PROSE, EMOJI_TEXT, randomTrickyText, randomUnicodeText, rankFile, seededRandom, typescriptLibFiles } from './corpus';

/** What js-tiktoken does: matchAll with the pattern as given. */
function regexPieces(pattern: string, text: string): string[] {
  return Array.from(text.matchAll(new RegExp(pattern, 'ug')), (m) => m[0]);
}

for (const encoding of ENCODINGS) {
  describe(`Pretokenizer (${encoding})`, () => {
    const pattern = rankFile(encoding).pat_str;
    const pretokenizer = new Pretokenizer(pattern);

    it('splits adversarial ASCII exactly like the regex', () => {
      const random = seededRandom(encoding === 'o200k_base' ? 101 : 202);
      const alphabet = " \n\r\t\v\f'sStTrReEvVlLmMdDaAzZ09_/;{}()=.,-*\"\\\u0000\u007f";
      for (let i = 0; i < 3000; i++) {
        let text = '';
        const length = 1 + Math.floor(random() * 24);
        for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
        assert.deepEqual(pretokenizer.pieces(text), regexPieces(pattern, text), JSON.stringify(text));
      }
    });

    it('splits mixed ASCII and Unicode exactly like the regex', () => {
      const random = seededRandom(encoding === 'o200k_base' ? 303 : 404);
      for (let i = 0; i < 1000; i++) {
        const text = i % 2 ? randomTrickyText(random, 1 + Math.floor(random() * 30)) : randomUnicodeText(random, 1 + Math.floor(random() * 30));
        assert.deepEqual(pretokenizer.pieces(text), regexPieces(pattern, text), JSON.stringify(text));
      }
      for (const text of [KOREAN_PROSE, EMOJI_TEXT]) assert.deepEqual(pretokenizer.pieces(text), regexPieces(pattern, text));
    });

    it('splits real code exactly like the regex', () => {
      for (const file of typescriptLibFiles(60_000).slice(-8)) {
        assert.deepEqual(pretokenizer.pieces(file.text), regexPieces(pattern, file.text), file.name);
      }
    });
  });
}

describe('Pretokenizer with an unfamiliar pattern', () => {
  it('falls back to the regex alone and mirrors matchAll skipping unmatched text', () => {
    const pretokenizer = new Pretokenizer('\\p{L}+|\\d');
    assert.deepEqual(pretokenizer.pieces('ab, 12 cd!'), ['ab', '1', '2', 'cd']);
  });
});
