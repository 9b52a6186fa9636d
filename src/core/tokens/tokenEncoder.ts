import { countBytePairTokens, encodeBytePairs } from './bytePairMerge';
import { Pretokenizer } from './pretokenizer';
import { buildRankTable, type RankFile, type RankTable } from './rankTable';
import { utf8ByteString } from './utf8';

/** Past this many distinct pieces the cache starts over, so a long-lived counter stays bounded in memory. */
const PIECE_CACHE_LIMIT = 1 << 18;

/**
 * Counts tokens exactly as js-tiktoken's `encode(text, [], [])` would (special-token strings such as
 * `<|endoftext|>` are ordinary text, as the API treats user text), without its costs: pieces are found by
 * the pre-tokenizer, looked up in a per-piece cache, and only unseen pieces go through byte-pair merging.
 * A token count is the sum over pieces, which is what makes counting a range or an edit exact.
 */
export class TokenEncoder {
  private readonly ranks: RankTable;
  private readonly pretokenizer: Pretokenizer;
  private readonly pieceCounts = new Map<string, number>();

  constructor(
    readonly encoding: string,
    rankFile: RankFile,
  ) {
    this.ranks = buildRankTable(rankFile);
    this.pretokenizer = new Pretokenizer(rankFile.pat_str);
  }

  countText(text: string): number {
    return this.countRange(text, 0, text.length);
  }

  /**
   * Tokens of the pieces that start in [from, to). `from` must be a piece boundary of `text` and `to` either
   * the end or a boundary no piece crosses; pieces may still look at characters past `to` to decide their end.
   */
  countRange(text: string, from: number, to: number): number {
    let total = 0;
    for (let at = from; at < to; ) {
      const end = this.pretokenizer.pieceEnd(text, at);
      if (end < 0) break;
      total += this.countPiece(text.slice(this.pretokenizer.pieceStart, end));
      at = end;
    }
    return total;
  }

  /** End of the piece starting at `at` (the incremental counter needs piece ends to find chunk boundaries). */
  pieceEnd(text: string, at: number): number {
    return this.pretokenizer.pieceEnd(text, at);
  }

  get lastPieceStart(): number {
    return this.pretokenizer.pieceStart;
  }

  countPiece(piece: string): number {
    const cached = this.pieceCounts.get(piece);
    if (cached !== undefined) return cached;
    const count = countBytePairTokens(utf8ByteString(piece), this.ranks);
    if (this.pieceCounts.size >= PIECE_CACHE_LIMIT) this.pieceCounts.clear();
    this.pieceCounts.set(piece, count);
    return count;
  }

  /** Token ids, for verifying against js-tiktoken token by token. */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const piece of this.pretokenizer.pieces(text)) ids.push(...encodeBytePairs(utf8ByteString(piece), this.ranks));
    return ids;
  }

  /** Forgets cached piece counts (benchmarks measure cold counts with it). */
  clearCache(): void {
    this.pieceCounts.clear();
  }
}
