import type { Turn } from '../core/conversation/turn';
import type { Usage } from '../core/turn/usage';
import type { HostToWebview, PanelState } from '../core/protocol';
import { firstPage, pageOf } from '../core/transcriptPaging';

type InitMessage = Extract<HostToWebview, { type: 'init' }>;
type PageMessage = Extract<HostToWebview, { type: 'turnsPage' }>;

/**
 * The transcript as the webview receives it: the newest turns in `init`, older ones in pages it asks for (see
 * core/transcriptPaging). Each `init` gets a new transcript id, so a page asked for under an earlier one (the
 * conversation was switched, or another window's turns were merged in) is not answered from the new transcript.
 */
export class TranscriptFeed {
  private generation = 0;
  private current = '';

  constructor(private readonly turns: () => readonly Turn[]) {}

  init(state: PanelState, totals: Usage): InitMessage {
    this.generation += 1;
    this.current = `t${this.generation}`;
    const page = firstPage(this.turns());
    return {
      type: 'init',
      transcriptId: this.current,
      olderTurnIds: page.olderTurnIds,
      turns: page.turns,
      state,
      totals,
      ...(page.olderContext ? { olderContext: page.olderContext } : {}),
    };
  }

  /** The answer to `loadTurns`; undefined for a transcript that was replaced since (its new `init` is on its way). */
  page(transcriptId: string, turnIds: readonly string[]): PageMessage | undefined {
    if (transcriptId !== this.current) return undefined;
    return { type: 'turnsPage', transcriptId, requested: [...turnIds], turns: pageOf(this.turns(), turnIds) };
  }
}
