import type { Compaction } from './turn';

/**
 * The transcript marker's line, e.g. "Conversation compacted: 96,400 → 8,100 tokens". Pure text, shared by the
 * panel and the host; the size after is known once the next response has been read.
 */
export function describeCompaction(compaction: Compaction): string {
  const format = (n: number) => n.toLocaleString('en-US');
  const after = compaction.tokensAfter !== undefined ? ` → ${format(compaction.tokensAfter)}` : '';
  const how = compaction.how === 'transcript' ? ' (this server cannot compact: the next message starts a new chain with the recent transcript)' : '';
  return `Conversation compacted: ${format(compaction.tokensBefore)}${after} tokens${how}`;
}
