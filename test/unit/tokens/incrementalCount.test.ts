import * as assert from 'node:assert/strict';
import { IncrementalTokenCount, type TextChange } from '../../../src/core/tokens/incrementalCount';
import { isStableBoundary } from '../../../src/core/tokens/stableBoundary';
import { TokenEncoder } from '../../../src/core/tokens/tokenEncoder';
import { ENCODINGS, KOREAN_PROSE, EMOJI_TEXT, SPECIAL_TOKEN_TEXT, randomTrickyText, rankFile, referenceEncoder, seededRandom, typescriptLibFiles } from './corpus';

/** Edits that tend to break chunk boundaries: newlines, leading whitespace, slashes, multi-line pastes. */
function randomChange(random: () => number, length: number): TextChange {
  const offset = Math.floor(random() * (length + 1));
  const inserts = ['\n', ' ', '/', '\t', 'x', '\r\n', '}\n', '\n//', '\n  ', '한', '😀', "'s", '<|endoftext|>', 'function f() {\n  return 1;\n}\n', ''];
  const text = random() < 0.1 ? randomTrickyText(random, 1 + Math.floor(random() * 20)) : inserts[Math.floor(random() * inserts.length)];
  const deleteLength = random() < 0.4 ? Math.min(Math.floor(random() * (random() < 0.1 ? 3000 : 4)), length - offset) : 0;
  return { offset, deleteLength, text };
}

function apply(text: string, change: TextChange): string {
  return text.slice(0, change.offset) + change.text + text.slice(change.offset + change.deleteLength);
}

for (const encoding of ENCODINGS) {
  describe(`IncrementalTokenCount (${encoding})`, () => {
    const encoder = new TokenEncoder(encoding, rankFile(encoding));

    it('equals the full count after every edit of randomized edit sequences', () => {
      const files = typescriptLibFiles(80_000);
      const documents = [files[files.length - 1].text, files[20].text, `${KOREAN_PROSE}\n${EMOJI_TEXT}\n${SPECIAL_TOKEN_TEXT}\n`.repeat(30), ''];
      const random = seededRandom(encoding === 'o200k_base' ? 31 : 37);
      for (const [d, original] of documents.entries()) {
        let text = original;
        const counter = new IncrementalTokenCount(encoder, text);
        assert.equal(counter.total, encoder.countText(text));
        for (let step = 0; step < 250; step++) {
          const change = randomChange(random, text.length);
          text = apply(text, change);
          const total = counter.applyChange(change);
          assert.equal(total, encoder.countText(text), `document ${d}, step ${step}: ${JSON.stringify(change).slice(0, 200)}`);
        }
        assert.equal(counter.text, text);
        assert.equal(counter.length, text.length);
      }
    });

    it('agrees with js-tiktoken after a sequence of edits', () => {
      const reference = referenceEncoder(encoding);
      let text = typescriptLibFiles(30_000)[30].text;
      const counter = new IncrementalTokenCount(encoder, text);
      const random = seededRandom(41);
      for (let step = 0; step < 60; step++) {
        const change = randomChange(random, text.length);
        text = apply(text, change);
        counter.applyChange(change);
      }
      assert.equal(counter.total, reference.encode(text).length);
    });

    it('clamps out-of-range changes instead of throwing', () => {
      const counter = new IncrementalTokenCount(encoder, 'hello\nworld\n');
      counter.applyChange({ offset: 100, deleteLength: 5, text: '!' });
      counter.applyChange({ offset: -3, deleteLength: 2, text: '' });
      assert.equal(counter.text, 'hello\nworld\n!', 'a range wholly before the start deletes nothing');
      assert.equal(counter.total, encoder.countText(counter.text));
    });
  });
}

describe('stable boundaries', () => {
  it('split text into segments whose pieces are the pieces of the whole', () => {
    const encoder = new TokenEncoder('o200k_base', rankFile('o200k_base'));
    const cl100k = new TokenEncoder('cl100k_base', rankFile('cl100k_base'));
    const random = seededRandom(59);
    for (let i = 0; i < 400; i++) {
      const text = randomTrickyText(random, 40).replace(/x/g, '\n');
      let sum = 0;
      let sumCl = 0;
      let start = 0;
      for (let p = 1; p <= text.length; p++) {
        if (p === text.length || isStableBoundary(text, p)) {
          sum += encoder.countText(text.slice(start, p));
          sumCl += cl100k.countText(text.slice(start, p));
          start = p;
        }
      }
      assert.equal(sum, encoder.countText(text), JSON.stringify(text));
      assert.equal(sumCl, cl100k.countText(text), JSON.stringify(text));
    }
  });

  it('are the positions after a line feed followed by neither whitespace nor a slash', () => {
    assert.equal(isStableBoundary('a\nb', 2), true);
    assert.equal(isStableBoundary('a\n b', 2), false);
    assert.equal(isStableBoundary('a\n/b', 2), false);
    assert.equal(isStableBoundary('a\n\u00a0b', 2), false);
    assert.equal(isStableBoundary('a\n한', 2), true);
    assert.equal(isStableBoundary('ab', 1), false);
  });
});
