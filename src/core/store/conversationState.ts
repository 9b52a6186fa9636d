import * as l10n from '@vscode/l10n';
import { join } from 'node:path';
import type { Turn } from '../conversation/turn';
import { type CheckpointReader, interruptedTurn, writerMayBeStreaming } from './checkpoints';
import { ConversationFiles } from './conversationFiles';
import { sameSummary, summarize } from './conversationSummary';
import type { DamageLog } from './damageLog';
import { type ConversationEntry, type MetaField, type MetaValues, type StoredSummary, conversationKey, headerLine } from './logRecords';
import { MergedConversation } from './mergedConversation';
import { OwnCheckpoint } from './ownCheckpoint';
import { OwnLog } from './ownLog';
import type { SaveTarget } from './saveQueue';
import { type LibraryFileOps, unchangedSince } from './storeFiles';
import { checkpointFileName, logFileName } from './storePaths';
import type { WriterClock } from './writerClock';

/**
 * One conversation held by this library: the other writers' records merged with this writer's own, and the
 * writes this writer makes (its log, its checkpoint, its index summary), queued on the library's save queue.
 */

export interface StateContext {
  writerId: string;
  ops: LibraryFileOps;
  now(): number;
  clock: WriterClock;
  staleCheckpointMs: number;
  damage: DamageLog;
  /** False while the library is read-only. */
  canWrite(): boolean;
  /** False while the library's directory cannot be used: nothing there to read, and nothing to report. */
  canRead(): boolean;
  save(target: SaveTarget): Promise<void>;
  indexSummary(conversationId: string): StoredSummary | undefined;
  putSummary(summary: StoredSummary, stamp: { at: number; seq: number }): void;
  changed(conversationId: string): void;
}

type EntryBody = { op: 'put'; turn: Turn } | { op: 'remove'; id: string } | { op: 'meta'; field: MetaField; value: unknown };

export class ConversationState implements SaveTarget {
  readonly order = 1;
  readonly merged = new MergedConversation();
  files: ConversationFiles;
  private readonly own: OwnLog<ConversationEntry>;
  private readonly checkpoint: OwnCheckpoint;
  private summaryDirty = false;
  /** Checkpoints of writers that are gone, whose turn is now on record: removed once our log is on disk. */
  private settled: CheckpointReader[] = [];
  private recoveredCache = new Map<string, { savedAt: number; turn: Turn }>();
  private refreshing: Promise<boolean> = Promise.resolve(false);
  private loaded = false;
  /** A new conversation's own records (its creation time, a title) wait for its first turn: no file before that. */
  private held = false;
  /** The creation time of a conversation no record dates (never the case for one this version wrote). */
  private readonly firstSeen: number;

  constructor(
    readonly id: string,
    readonly dir: string,
    private readonly ctx: StateContext,
  ) {
    this.firstSeen = ctx.now();
    this.files = new ConversationFiles(dir, ctx.writerId, ctx.damage);
    this.checkpoint = new OwnCheckpoint(join(dir, checkpointFileName(ctx.writerId)), ctx.writerId, id);
    this.own = new OwnLog(join(dir, logFileName(ctx.writerId)), ctx.writerId, () => headerLine('conversation', ctx.writerId, ctx.now(), id), conversationKey);
  }

  get readOnlyReason(): string | undefined {
    const version = this.files.newerVersion;
    return version === undefined ? undefined : l10n.t('this conversation was written by a newer version of Threadline (format {0})', version);
  }

  /** Something worth listing: a turn, or a record on disk (a new conversation's title alone waits for its first turn). */
  get hasContent(): boolean {
    return this.merged.turns.length > 0 || this.files.logs.size > 0 || this.own.onDisk;
  }

  get turns(): readonly Turn[] {
    return this.merged.turns;
  }

  summary(): StoredSummary {
    return summarize(this.id, this.merged.turns, this.merged.meta(), this.firstSeen);
  }

  /** Re-reads what the other writers changed; one refresh at a time, a second waits for the first. */
  refresh(mendSummary = true): Promise<boolean> {
    // A failed refresh must not fail every later one: each starts once the previous settled, however it ended.
    const next = this.refreshing.catch(() => false).then(() => this.readChanges(mendSummary));
    this.refreshing = next;
    return next;
  }

  /** A record of this writer's, in memory now (the transcript shows it at once) and on disk when the queue gets to it. */
  record(body: EntryBody): void {
    const stamp = this.ctx.clock.next();
    const entry = { ...body, ...stamp, w: this.ctx.writerId } as ConversationEntry;
    this.own.add(entry);
    this.merged.apply(entry);
    this.summaryDirty = true;
  }

  /** Records the turn only; the caller saves. Meta records made before the first turn are written with it. */
  setMeta<K extends MetaField>(field: K, value: MetaValues[K] | null): void {
    this.record({ op: 'meta', field, value });
  }

  save(): Promise<void> {
    return this.ctx.save(this);
  }

  begin(turn: Turn): void {
    this.held = false;
    this.checkpoint.begin(turn);
    this.merged.beginStreaming(turn);
    void this.save();
  }

  /** The streaming turn changed (throttled by the handle), or its heartbeat is due. */
  checkpointNow(turnId: string): void {
    if (this.checkpoint.touch(turnId)) void this.save();
  }

  commit(turn: Turn): Promise<void> {
    this.held = false;
    this.record({ op: 'put', turn });
    this.endStreaming(turn.id);
    return this.save();
  }

  remove(turnId: string): Promise<void> {
    if (!this.merged.turns.some((t) => t.id === turnId) && !this.merged.hasRecord(turnId)) return Promise.resolve();
    this.record({ op: 'remove', id: turnId });
    this.endStreaming(turnId);
    return this.save();
  }

  /** New Conversation: nothing is written until a turn begins or the user changes the conversation itself. */
  holdUntilFirstTurn(): void {
    this.held = true;
  }

  release(): void {
    this.held = false;
  }

  private get writable(): boolean {
    return this.ctx.canWrite() && this.readOnlyReason === undefined && !this.held;
  }

  get pendingCount(): number {
    if (!this.writable) return 0;
    return this.own.pendingCount + this.checkpoint.pendingCount;
  }

  get needsWrite(): boolean {
    if (!this.writable) return false;
    return this.own.needsWrite || this.checkpoint.needsWrite || this.summaryDirty || this.settled.length > 0;
  }

  /**
   * The log first; the checkpoint goes only once the turn it held is in the log; the summary last, computed
   * from a refresh that starts after the log was written (see the library's header on why that keeps the
   * newest summary complete).
   */
  async write(): Promise<void> {
    if (!this.needsWrite) return;
    await this.ctx.ops.mkdir(this.dir);
    let failure: unknown;
    try {
      await this.own.write(this.ctx.ops);
    } catch (error) {
      failure = error;
    }
    try {
      await this.checkpoint.write(this.ctx.ops, this.ctx.now(), failure === undefined && !this.own.needsWrite);
    } catch (error) {
      failure ??= error;
    }
    if (failure !== undefined) throw failure;
    await this.removeSettledCheckpoints();
    await this.writeSummary();
  }

  /** After a purge (here or by another host): every record is gone, this writer's too; a later one starts afresh. */
  discard(): void {
    this.own.discard();
    this.files = new ConversationFiles(this.dir, this.ctx.writerId, this.ctx.damage);
    this.merged.rebuild([]);
    this.checkpoint.discard();
    this.summaryDirty = false;
    this.settled = [];
  }

  /** The newest record this writer made here, to tell whether a purge elsewhere came after it. */
  get newestOwnAt(): number {
    let newest = 0;
    for (const entry of this.own.entries()) newest = Math.max(newest, entry.at);
    return newest;
  }

  get ownLogPath(): string {
    return this.own.path;
  }

  get ownCheckpointPath(): string {
    return this.checkpoint.path;
  }

  private endStreaming(turnId: string): void {
    this.merged.endStreaming(turnId);
    this.checkpoint.end(turnId);
  }

  private async readChanges(mendSummary: boolean): Promise<boolean> {
    const scan = this.ctx.canRead() ? await this.files.scan() : { added: [], reset: false, checkpointsChanged: false };
    let changed = false;
    const firstLoad = !this.loaded;
    if (!this.loaded || scan.reset) {
      this.merged.rebuild([...this.files.sources(), this.own.keyedEntries()]);
      changed = this.loaded || scan.added.length > 0;
      this.loaded = true;
    } else {
      for (const entry of scan.added) changed = this.merged.apply(entry) || changed;
    }
    for (const entry of scan.added) this.ctx.clock.observe(entry.at);
    changed = this.settleCheckpoints() || changed;
    // A summary in the index that does not match the records (its writer stopped between the two) is mended.
    if (mendSummary && (changed || firstLoad) && this.writable && this.hasContent && !this.summaryDirty) {
      const indexed = this.ctx.indexSummary(this.id);
      if (!indexed || !sameSummary(indexed, this.summary())) {
        this.summaryDirty = true;
        void this.save();
      }
    }
    if (changed) this.ctx.changed(this.id);
    return changed;
  }

  /**
   * Other writers' checkpoints: a turn that is on record needs its checkpoint no more; one whose writer is gone
   * is recorded here as stopped (or, when this writer may not write, only shown); a live writer's is left alone.
   */
  private settleCheckpoints(): boolean {
    const now = this.ctx.now();
    const shown = new Map<string, Turn>();
    for (const reader of this.files.checkpoints.values()) {
      const checkpoint = reader.checkpoint;
      if (!checkpoint || checkpoint.conversationId !== this.id) continue;
      if (writerMayBeStreaming(checkpoint, now, this.ctx.staleCheckpointMs)) continue;
      const turnId = checkpoint.turn.id;
      if (this.merged.hasRecord(turnId)) {
        if (this.writable && !this.settled.includes(reader)) {
          this.settled.push(reader);
          void this.save();
        }
        continue;
      }
      const cached = this.recoveredCache.get(reader.writerId);
      const turn = cached && cached.savedAt === checkpoint.savedAt ? cached.turn : interruptedTurn(checkpoint);
      this.recoveredCache.set(reader.writerId, { savedAt: checkpoint.savedAt, turn });
      if (this.writable) {
        this.record({ op: 'put', turn });
        this.settled.push(reader);
        void this.save();
      } else {
        shown.set(turnId, turn);
      }
    }
    return this.merged.setRecovered(shown);
  }

  private async removeSettledCheckpoints(): Promise<void> {
    const settled = this.settled;
    this.settled = [];
    for (const reader of settled) {
      // Removed only as it was read: a writer that came back and checkpointed again keeps its new file.
      if (await unchangedSince(reader.path, reader.lastSeen)) await this.ctx.ops.remove(reader.path);
    }
  }

  private async writeSummary(): Promise<void> {
    if (!this.summaryDirty) return;
    this.summaryDirty = false;
    const stamp = this.ctx.clock.next();
    try {
      await this.refresh(false);
    } catch (error) {
      this.summaryDirty = true;
      throw error;
    }
    const summary = this.summary();
    const indexed = this.ctx.indexSummary(this.id);
    if (!indexed || !sameSummary(indexed, summary)) this.ctx.putSummary(summary, stamp);
  }
}
