import type { Turn } from '../conversation/turn';
import { checkpointText } from './checkpoints';
import type { LibraryFileOps } from './storeFiles';

/**
 * This writer's checkpoint in one conversation: the turn it streams, rewritten whole (atomically) when the
 * handle asks, and removed once the finished turn is in the log, never before: until then the checkpoint is
 * the only copy of the partial answer on disk.
 */
export class OwnCheckpoint {
  private turn: Turn | undefined;
  private dirty = false;
  private onDisk = false;

  constructor(
    readonly path: string,
    private readonly writerId: string,
    private readonly conversationId: string,
  ) {}

  get streamingId(): string | undefined {
    return this.turn?.id;
  }

  get needsWrite(): boolean {
    return this.dirty;
  }

  /** A checkpoint to write counts as a record waiting for the disk; a removal does not. */
  get pendingCount(): number {
    return this.dirty && this.turn ? 1 : 0;
  }

  begin(turn: Turn): void {
    this.turn = turn;
    this.dirty = true;
  }

  /** The streaming turn changed, or its heartbeat is due; false when it is not this writer's streaming turn. */
  touch(turnId: string): boolean {
    if (this.turn?.id !== turnId) return false;
    this.dirty = true;
    return true;
  }

  /** The turn was committed or removed: the file goes, once the log holds the outcome. */
  end(turnId: string): void {
    if (this.turn?.id !== turnId) return;
    this.turn = undefined;
    this.dirty = true;
  }

  async write(ops: LibraryFileOps, now: number, logWritten: boolean): Promise<void> {
    if (!this.dirty) return;
    const turn = this.turn;
    if (!turn && (!this.onDisk || !logWritten)) {
      if (!this.onDisk) this.dirty = false;
      return;
    }
    // Cleared first: a change made while this write runs marks it again, for the next attempt.
    this.dirty = false;
    try {
      if (turn) {
        await ops.writeFileAtomic(this.path, checkpointText(this.writerId, this.conversationId, now, turn));
        this.onDisk = true;
      } else {
        await ops.remove(this.path);
        this.onDisk = false;
      }
    } catch (error) {
      this.dirty = true;
      throw error;
    }
  }

  discard(): void {
    this.turn = undefined;
    this.dirty = false;
    this.onDisk = false;
  }
}
