import type { Logger } from '../provider/types';
import { errorMessage } from '../errorMessage';

/**
 * All the library's disk writes, one attempt at a time. A write that fails (disk full, no permission, a path
 * that cannot be used) stays pending and is tried again on a timer, 0.5 s doubling to 30 s, until it succeeds:
 * a turn finished while the disk was full reaches the disk once there is room, without waiting for the user's
 * next action. Memory stays the truth meanwhile, and `saveStateChanged` says how many records wait.
 */

export interface SaveTarget {
  /** The workspace directory (0), then conversations (1), then the index (2): a summary never reaches the disk before its records. */
  readonly order: number;
  readonly pendingCount: number;
  readonly needsWrite: boolean;
  /** Throws when the disk refuses; whatever was not written stays pending. */
  write(): Promise<void>;
}

export interface SaveState {
  pending: number;
  lastError?: string;
}

export interface SaveQueueOptions {
  initialRetryMs?: number;
  maxRetryMs?: number;
  logger: Logger;
  onState(state: SaveState): void;
  /** Asked before each attempt; false (read-only) leaves everything unwritten and uncounted. */
  writable(): boolean;
}

export class SaveQueue {
  private readonly targets = new Set<SaveTarget>();
  private tail: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly initialDelay: number;
  private readonly maxDelay: number;
  private delay: number;
  private lastError: string | undefined;
  private told: SaveState = { pending: 0 };
  private disposed = false;

  constructor(private readonly options: SaveQueueOptions) {
    this.initialDelay = options.initialRetryMs ?? 500;
    this.maxDelay = options.maxRetryMs ?? 30_000;
    this.delay = this.initialDelay;
  }

  /** Queues the target's writes; resolves after the attempt that includes them, written or not (never rejects). */
  save(target: SaveTarget): Promise<void> {
    this.targets.add(target);
    return this.kick();
  }

  /** An attempt now, not at the next tick of the retry timer: flush on deactivate, or the path became usable. */
  kick(): Promise<void> {
    if (this.queued) return this.queued;
    const attempt = this.tail.then(() => {
      this.queued = undefined;
      return this.attempt();
    });
    this.queued = attempt;
    this.tail = attempt;
    return attempt;
  }

  get pending(): number {
    let count = 0;
    for (const target of this.targets) count += target.pendingCount;
    return count;
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private async attempt(): Promise<void> {
    this.clearTimer();
    if (!this.options.writable()) {
      this.targets.clear();
      this.tell();
      return;
    }
    let failure: string | undefined;
    // Writing a conversation may queue its summary on the index, so each order is collected when it comes up.
    for (const order of [0, 1, 2]) {
      for (const target of [...this.targets].filter((t) => t.order === order)) {
        try {
          await target.write();
        } catch (error) {
          failure ??= errorMessage(error);
          this.options.logger.warn(`Conversation library: a write failed, retrying in ${this.delay} ms: ${errorMessage(error)}`);
        }
        // Records added while it wrote keep it here; whoever added them has already queued the next attempt.
        if (!target.needsWrite) this.targets.delete(target);
      }
    }
    if (failure !== undefined) {
      this.lastError = failure;
      this.scheduleRetry();
    } else if (this.targets.size === 0) {
      this.lastError = undefined;
      this.delay = this.initialDelay;
    }
    this.tell();
  }

  private scheduleRetry(): void {
    if (this.disposed) return;
    const delay = this.delay;
    this.delay = Math.min(this.delay * 2, this.maxDelay);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.kick();
    }, delay);
    // The retry must not keep a closing editor (or a test run) alive; deactivate flushes once more instead.
    this.retryTimer.unref?.();
  }

  private clearTimer(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private tell(): void {
    const state: SaveState = { pending: this.pending, ...(this.lastError !== undefined ? { lastError: this.lastError } : {}) };
    if (state.pending === this.told.pending && state.lastError === this.told.lastError) return;
    this.told = state;
    this.options.onState(state);
  }
}
