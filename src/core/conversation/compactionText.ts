import { wt } from '../l10n/webviewMessages';
import type { Compaction } from './turn';

/**
 * The transcript marker's line, e.g. "Conversation compacted: 96,400 → 8,100 tokens", shared by the panel and the
 * host's status bar, so it reads the webview catalogue, which both sides set to the display language. The size after
 * is known once the next response has been read.
 */
export function describeCompaction(compaction: Compaction): string {
  const before = formatTokens(compaction.tokensBefore);
  const line = compaction.tokensAfter !== undefined
    ? wt('compaction.doneFromTo', before, formatTokens(compaction.tokensAfter))
    : wt('compaction.done', before);
  return compaction.how === 'transcript' ? `${line} ${wt('compaction.byTranscript')}` : line;
}

function formatTokens(count: number): string {
  return count.toLocaleString('en-US');
}
