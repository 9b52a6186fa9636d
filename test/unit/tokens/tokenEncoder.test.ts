import * as assert from 'node:assert/strict';
import { TokenEncoder } from '../../../src/core/tokens/tokenEncoder';
import {
  EMOJI_TEXT, ENCODINGS, KOREAN_PROSE, SPECIAL_TOKEN_TEXT, randomTrickyText, randomUnicodeText, rankFile, referenceEncoder,
  seededRandom, typescriptLibFiles,
} from './corpus';

for (const encoding of ENCODINGS) {
  describe(`TokenEncoder (${encoding}) against js-tiktoken`, () => {
    const encoder = new TokenEncoder(encoding, rankFile(encoding));
    const reference = referenceEncoder(encoding);

    const assertSameTokens = (text: string, label: string): void => {
      const expected = reference.encode(text);
      assert.deepEqual(encoder.encode(text), expected, `${label}: token ids differ`);
      assert.equal(encoder.countText(text), expected.length, `${label}: count differs`);
    };

    it('matches on every TypeScript lib .d.ts file under 300 kB', () => {
      const files = typescriptLibFiles(300_000);
      assert.ok(files.length > 50, 'the corpus should hold the TypeScript lib files');
      for (const file of files) assert.equal(encoder.countText(file.text), reference.encode(file.text).length, file.name);
    });

    it('matches token by token on Korean prose, emoji and special-token strings', () => {
      assertSameTokens(KOREAN_PROSE, 'korean');
      assertSameTokens(EMOJI_TEXT, 'emoji');
      assertSameTokens(SPECIAL_TOKEN_TEXT, 'special tokens');
    });

    it('counts special-token strings as plain text and never throws on them', () => {
      const count = encoder.countText('<|endoftext|>');
      assert.ok(count > 1, 'a special token string is several ordinary tokens, not one special token');
      assert.equal(count, reference.encode('<|endoftext|>').length);
    });

    it('matches on random text built from the patterns\' tricky characters', () => {
      const random = seededRandom(encoding === 'o200k_base' ? 7 : 11);
      for (let i = 0; i < 300; i++) assertSameTokens(randomTrickyText(random, 1 + Math.floor(random() * 60)), `tricky case ${i}`);
    });

    it('matches on random Unicode, lone surrogates included', () => {
      const random = seededRandom(encoding === 'o200k_base' ? 3 : 5);
      for (let i = 0; i < 200; i++) assertSameTokens(randomUnicodeText(random, 1 + Math.floor(random() * 80)), `unicode case ${i}`);
    });

    it('matches on long runs without whitespace where js-tiktoken still finishes', () => {
      const random = seededRandom(17);
      const base64 = Buffer.from(Array.from({ length: 1200 }, () => Math.floor(random() * 256))).toString('base64');
      for (const text of ['_'.repeat(1500), '='.repeat(1000), base64, 'ab'.repeat(700), 'a'.repeat(1500), '한'.repeat(400)]) {
        assertSameTokens(text, `run of ${JSON.stringify(text.slice(0, 4))}…`);
      }
    });

    it('counts empty text as zero and gives the same count cold and cached', () => {
      assert.equal(encoder.countText(''), 0);
      const text = typescriptLibFiles(40_000)[10]?.text ?? KOREAN_PROSE;
      const warm = encoder.countText(text);
      encoder.clearCache();
      assert.equal(encoder.countText(text), warm);
    });
  });
}
