import type { Turn } from '../conversation/turn';
import type { ConversationState } from './conversationState';
import type { ConversationHandle, StoreHealth } from './libraryTypes';

/**
 * What the conversation service holds: one conversation's turns and the writes it makes. Streaming is cheap:
 * `progress` only arms a timer, and the checkpoint is written at most once per interval. A heartbeat rewrites
 * the checkpoint while a turn lasts even when nothing streams (a reasoning model thinking), so other hosts
 * never take this one for gone.
 */
export class LibraryConversationHandle implements ConversationHandle {
  private throttle: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private streamingId: string | undefined;

  constructor(
    private readonly state: ConversationState,
    private readonly intervalMs: number,
    private readonly heartbeatMs: number,
    private readonly libraryHealth: () => StoreHealth,
  ) {}

  get id(): string {
    return this.state.id;
  }

  get turns(): readonly Turn[] {
    return this.state.turns;
  }

  /** The library's health, or read-only for a conversation a newer version wrote to. */
  get health(): StoreHealth {
    const reason = this.state.readOnlyReason;
    return reason ? { kind: 'readOnly', reason } : this.libraryHealth();
  }

  begin(turn: Turn): void {
    this.stopTimers();
    this.streamingId = turn.id;
    this.state.begin(turn);
    this.heartbeat = setInterval(() => this.state.checkpointNow(turn.id), this.heartbeatMs);
    this.heartbeat.unref?.();
  }

  progress(turn: Turn): void {
    if (this.streamingId !== turn.id || this.throttle !== undefined) return;
    this.throttle = setTimeout(() => {
      this.throttle = undefined;
      this.state.checkpointNow(turn.id);
    }, this.intervalMs);
    this.throttle.unref?.();
  }

  commit(turn: Turn): Promise<void> {
    if (this.streamingId === turn.id) this.stopTimers();
    return this.state.commit(turn);
  }

  remove(turnId: string): Promise<void> {
    if (this.streamingId === turnId) this.stopTimers();
    return this.state.remove(turnId);
  }

  /** A change found is also announced to the library's listeners, as any refresh's is. */
  refresh(): Promise<boolean> {
    return this.state.refresh();
  }

  /** A checkpoint waiting for its interval is written now, with everything else pending. */
  flush(): Promise<void> {
    if (this.throttle !== undefined && this.streamingId !== undefined) {
      clearTimeout(this.throttle);
      this.throttle = undefined;
      this.state.checkpointNow(this.streamingId);
    }
    return this.state.save();
  }

  /** The library closes: timers stop, the checkpoint on disk stays (the turn was interrupted). */
  dispose(): void {
    this.stopTimers();
  }

  private stopTimers(): void {
    if (this.throttle !== undefined) clearTimeout(this.throttle);
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat);
    this.throttle = undefined;
    this.heartbeat = undefined;
    this.streamingId = undefined;
  }
}
