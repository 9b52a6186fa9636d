/**
 * Text as search compares it: NFC, lower case (`toLocaleLowerCase('en')`, the same on every machine whatever its
 * locale), final sigma as sigma, and "İ" as "i" so that "istanbul" finds "İstanbul". Hangul and other scripts
 * without case pass through unchanged, so they match as substrings.
 *
 * Folding may change the length: "İ" lowercases to "i̇" (two code units), and NFC joins a decomposed "é" or a
 * Hangul syllable typed as jamo into one. A folded text that differs in length keeps a map back to the original,
 * so a match is reported, and highlighted, as the user wrote it. Most text (already NFC, no such letters)
 * folds to the same length and needs no map.
 */

export interface FoldedText {
  folded: string;
  /**
   * For each folded index, the original index where its chunk starts; one extra entry holds the original length.
   * Absent when folded and original offsets are the same.
   */
  toOriginal?: Int32Array;
}

const FINAL_SIGMA = /ς/g;
/** "İ" lowercases to "i" + combining dot above; the dot would stop "i" from matching it. */
const DOTTED_I = /i\u0307/g;
/**
 * A chunk NFC never joins with its neighbours: a base character with its combining marks, or a Hangul syllable
 * with the conjoining jamo that follow it. Folding chunk by chunk is what makes the map exact.
 */
const CHUNK = /(?:[\u1100-\u115f\ua960-\ua97c]+[\u1160-\u11a7\ud7b0-\ud7c6]*[\u11a8-\u11ff\ud7cb-\ud7fb]*|[\uac00-\ud7a3][\u1160-\u11ff\ud7b0-\ud7fb]*|[\s\S])\p{M}*/gu;

function foldChunk(chunk: string): string {
  return chunk.normalize('NFC').toLocaleLowerCase('en').replace(DOTTED_I, 'i');
}

export function foldText(text: string): FoldedText {
  const lower = text.toLocaleLowerCase('en');
  // Lower case keeps every code unit in place except "İ" (the only mapping that grows), so equal lengths
  // of NFC text mean equal offsets. Final sigma is context-sensitive, hence the replacement after.
  if (lower.length === text.length && !lower.includes('\u0307') && text.normalize('NFC') === text) {
    return { folded: lower.replace(FINAL_SIGMA, 'σ') };
  }
  const pieces: string[] = [];
  const starts: number[] = [];
  for (const match of text.matchAll(CHUNK)) {
    const folded = foldChunk(match[0]);
    pieces.push(folded);
    for (let i = 0; i < folded.length; i++) starts.push(match.index);
  }
  starts.push(text.length);
  return { folded: pieces.join('').replace(FINAL_SIGMA, 'σ'), toOriginal: Int32Array.from(starts) };
}

/** The original range of folded range [start, end): widened to whole chunks, so "i" in "İ" highlights "İ". */
export function originalRange(map: Int32Array | undefined, start: number, end: number): { start: number; end: number } {
  if (!map) return { start, end };
  const originalStart = map[start];
  if (end <= start) return { start: originalStart, end: originalStart };
  const lastChunk = map[end - 1];
  let next = end;
  while (map[next] === lastChunk) next++;
  return { start: originalStart, end: map[next] };
}
