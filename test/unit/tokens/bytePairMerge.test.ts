import * as assert from 'node:assert/strict';
import { bytePairBoundaries, mergeByScan, mergeWithHeap } from '../../../src/core/tokens/bytePairMerge';
import { buildRankTable, type RankTable } from '../../../src/core/tokens/rankTable';
import { TokenEncoder } from '../../../src/core/tokens/tokenEncoder';
import { utf8ByteString } from '../../../src/core/tokens/utf8';
import { rankFile, referenceEncoder, seededRandom } from './corpus';

/** tiktoken's merge written plainly: rescan all pairs after every merge, lowest rank first, leftmost on ties. */
function plainMerge(bytes: string, ranks: RankTable): number[] {
  const starts = Array.from({ length: bytes.length + 1 }, (_, i) => i);
  for (;;) {
    let best = -1;
    let bestRank = Number.POSITIVE_INFINITY;
    for (let k = 0; k + 2 < starts.length; k++) {
      const rank = ranks.get(bytes.slice(starts[k], starts[k + 2]));
      if (rank !== undefined && rank < bestRank) {
        bestRank = rank;
        best = k;
      }
    }
    if (best < 0) return starts;
    starts.splice(best + 1, 1);
  }
}

describe('byte-pair merge', () => {
  const ranks = buildRankTable(rankFile('o200k_base'));

  it('agrees with the plain quadratic merge on long pieces (heap path) and short ones', () => {
    const random = seededRandom(23);
    const alphabets = ['_', '_-', 'ab', '=', 'aaab', 'xyz123', '0123456789abcdef', '+/=AZaz09'];
    for (const alphabet of alphabets) {
      for (const length of [2, 5, 63, 64, 65, 200, 2500]) {
        let text = '';
        for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
        assert.deepEqual(bytePairBoundaries(text, ranks), plainMerge(text, ranks), `${alphabet} × ${length}`);
      }
    }
    const multiByte = utf8ByteString('한국어😀é'.repeat(40));
    assert.deepEqual(bytePairBoundaries(multiByte, ranks), plainMerge(multiByte, ranks));
  });

  it('counts long runs exactly: 8,000-byte pieces against the scan merge, 2,000-byte ones against js-tiktoken', () => {
    const encoder = new TokenEncoder('o200k_base', rankFile('o200k_base'));
    // The heap merge against the scan merge: two implementations of the same order, the scan one simple enough
    // to check thousands of bytes in a test (bench/tokens.bench.ts checks 20,000).
    for (const text of ['_'.repeat(8_000), '_-'.repeat(2_500) + '='.repeat(3_001)]) {
      const boundaries = mergeWithHeap(text, ranks);
      assert.deepEqual(boundaries, mergeByScan(text, ranks));
      assert.equal(encoder.countText(text), boundaries.length - 1);
    }
    const reference = referenceEncoder('o200k_base');
    for (const text of ['_'.repeat(2000), '-'.repeat(1500), 'A'.repeat(1500)]) {
      assert.equal(encoder.countText(text), reference.encode(text).length);
    }
  });
});
