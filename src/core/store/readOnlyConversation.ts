import type { Turn } from '../conversation/turn';
import { interruptedTurn, writerMayBeStreaming } from './checkpoints';
import { ConversationFiles } from './conversationFiles';
import { summarize } from './conversationSummary';
import type { DamageReporter } from './damageLog';
import type { StoredSummary } from './logRecords';
import { MergedConversation } from './mergedConversation';

/**
 * One conversation of another workspace, read and never written: every writer's log merged as the owning
 * library merges them (newest record per turn and field), plus the turn of a writer that went away mid-answer,
 * shown as stopped. A later read takes only what the files gained. Nothing here removes temporary files,
 * settles checkpoints or mends the index: that is the owning workspace's business.
 */
export class ReadOnlyConversation {
  private readonly files: ConversationFiles;
  private readonly merged = new MergedConversation();
  private loaded = false;
  private reading: Promise<void> = Promise.resolve();

  constructor(
    readonly id: string,
    dir: string,
    damage: DamageReporter,
    private readonly staleCheckpointMs: number,
  ) {
    // No writer id is this host's own: every log in the directory is another writer's.
    this.files = new ConversationFiles(dir, '', damage, { readOnly: true });
  }

  get turns(): readonly Turn[] {
    return this.merged.turns;
  }

  /** Something on disk: a log with a record or a recoverable turn (an empty directory lists nothing). */
  get hasContent(): boolean {
    return this.merged.turns.length > 0 || this.merged.newestAt() > 0;
  }

  /** The summary the history lists when the index has none for this conversation. */
  summary(): StoredSummary {
    return summarize(this.id, this.merged.turns, this.merged.meta(), this.merged.newestAt());
  }

  /** Reads what changed since the last read; one read at a time. */
  read(): Promise<void> {
    const next = this.reading.catch(() => undefined).then(() => this.readChanges());
    this.reading = next;
    return next;
  }

  private async readChanges(): Promise<void> {
    const scan = await this.files.scan();
    if (!this.loaded || scan.reset) {
      this.merged.rebuild(this.files.sources());
      this.loaded = true;
    } else {
      for (const entry of scan.added) this.merged.apply(entry);
    }
    const now = Date.now();
    const recovered = new Map<string, Turn>();
    for (const reader of this.files.checkpoints.values()) {
      const checkpoint = reader.checkpoint;
      if (!checkpoint || checkpoint.conversationId !== this.id || this.merged.hasRecord(checkpoint.turn.id)) continue;
      if (!writerMayBeStreaming(checkpoint, now, this.staleCheckpointMs)) recovered.set(checkpoint.turn.id, interruptedTurn(checkpoint));
    }
    this.merged.setRecovered(recovered);
  }
}
