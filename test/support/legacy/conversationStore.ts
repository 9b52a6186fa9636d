import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../../../src/core/errorMessage';
import type { Logger } from '../../../src/core/provider/types';
import { DURABLE_FILE_OPS, type StoreFileOps, fileStamp, readTextIfExists, removeIfExists } from '../../../src/core/store/storeFiles';
import { type RecoveredFromCorruption, moveAside, readLeftoverCheckpoint } from './storeRecovery';
import { StoreWriteQueue } from './storeWriteQueue';
import type { Turn } from '../../../src/core/conversation/turn';
import { type Checkpoint, STORE_VERSION, type StoreHeader } from '../../../src/core/store/legacyRecords';
import { CorruptStoreError, type ParsedLog, headerLine, newHeader, parseLog, recordLine, snapshotText } from './storeRecords';

/**
 * Threadline 0.1.0's store, kept only as the writer of 0.1.0 data for the import's tests (the product reads that
 * data with src/core/store/legacyMigration.ts and never writes it). As 0.1.0 did it, per per-window slot:
 *   conversation.jsonl  header + one record per finished turn (append-only; compacted atomically when it fills
 *                       with superseded records);
 *   inflight.json       the turn being streamed, checkpointed at most every ~500 ms, so a crash mid-answer loses
 *                       at most that much and the turn comes back as 'stopped' with its partial text;
 *   archive/            earlier conversations, one file each, never deleted by Threadline.
 * An unreadable file is moved aside to a timestamped backup and a fresh conversation starts; `open` reports it.
 *
 * Memory is the source of truth while running: every method updates it synchronously and queues the disk
 * work, which runs strictly in order. When a write of the log fails (disk full, no permission), the log no
 * longer matches memory: it is marked dirty, the failure is reported once, and the next write (or flush)
 * rewrites the whole file from memory, atomically, so no finished turn is lost once writing works again.
 */

export const LOG_FILE = 'conversation.jsonl';
export const CHECKPOINT_FILE = 'inflight.json';
export const ARCHIVE_DIR = 'archive';

export type { RecoveredFromCorruption } from './storeRecovery';

export interface StoreOptions {
  checkpointIntervalMs?: number;
  now?: () => number;
  /** A write failed and the transcript on disk is behind memory (or an archive failed); called once per run of failures. */
  onWriteError?: (message: string) => void;
  fileOps?: StoreFileOps;
}

/** Compaction waits until superseded records outnumber both this floor and the live turns: rewrites stay rare. */
const COMPACT_FLOOR = 200;

export class ConversationStore {
  private readonly list: Turn[];
  private recordCount: number;
  private inFlight: Turn | undefined;
  private checkpointTimer: ReturnType<typeof setTimeout> | undefined;
  private checkpointOnDisk = false;
  private openBatch: { lines: string[]; done: Promise<void> } | undefined;
  private readonly interval: number;
  private readonly now: () => number;
  private readonly files: StoreFileOps;
  private readonly writes: StoreWriteQueue;
  /** The log on disk is missing something memory has: the next log write rewrites it whole. */
  private logDirty = false;

  private constructor(
    private readonly dir: string,
    private readonly logger: Logger,
    private header: StoreHeader,
    parsed: { turns: Turn[]; recordCount: number },
    options: StoreOptions,
  ) {
    this.list = parsed.turns;
    this.recordCount = parsed.recordCount;
    this.interval = options.checkpointIntervalMs ?? 500;
    this.now = options.now ?? Date.now;
    this.files = options.fileOps ?? DURABLE_FILE_OPS;
    this.writes = new StoreWriteQueue(logger, options.onWriteError);
  }

  static async open(dir: string, logger: Logger, options: StoreOptions = {}): Promise<{ store: ConversationStore; recoveredFromCorruption?: RecoveredFromCorruption }> {
    const now = options.now ?? Date.now;
    await fs.mkdir(dir, { recursive: true });
    const logPath = join(dir, LOG_FILE);
    let recovered: RecoveredFromCorruption | undefined;
    let parsed: ParsedLog | undefined;
    const text = await readTextIfExists(logPath);
    if (text !== undefined && text.length > 0) {
      try {
        parsed = parseLog(text);
      } catch (error) {
        if (!(error instanceof CorruptStoreError)) throw error;
        recovered = { backupPath: await moveAside(logPath, 'conversation.corrupt', 'jsonl', now()), reason: error.message };
        logger.error(`Conversation store: ${LOG_FILE} is unreadable (${error.message}); kept as ${recovered.backupPath}, starting fresh.`);
      }
    }
    const header = parsed?.header ?? newHeader(now());
    const store = new ConversationStore(dir, logger, header, parsed ?? { turns: [], recordCount: 0 }, options);
    if (!parsed) await store.files.writeFileAtomic(logPath, headerLine(header));
    else if (parsed.tornTail) {
      logger.warn(`Conversation store: the last record of ${LOG_FILE} was cut short by a crash; rewriting the file.`);
      await store.compactNow();
    }
    const checkpointProblem = await store.recoverCheckpoint();
    recovered ??= checkpointProblem;
    if (store.needsCompaction()) await store.compactNow();
    return { store, ...(recovered ? { recoveredFromCorruption: recovered } : {}) };
  }

  get turns(): readonly Turn[] {
    return this.list;
  }

  get conversationId(): string {
    return this.header.conversationId;
  }

  /** A new turn starts streaming: it joins the transcript now and is checkpointed at once (the user's text is safe). */
  begin(turn: Turn): void {
    this.list.push(turn);
    this.inFlight = turn;
    this.clearCheckpointTimer();
    this.enqueue('checkpoint', () => this.writeCheckpoint());
  }

  /** The in-flight turn changed (a delta arrived): checkpoint it, at most once per interval. */
  progress(turn: Turn): void {
    if (this.inFlight?.id !== turn.id || this.checkpointTimer !== undefined) return;
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = undefined;
      this.enqueue('checkpoint', () => this.writeCheckpoint());
    }, this.interval);
    this.checkpointTimer.unref?.();
  }

  /** A turn reached its final state: one appended line, then the checkpoint goes. */
  commit(turn: Turn): Promise<void> {
    const at = this.list.findIndex((t) => t.id === turn.id);
    if (at === -1) this.list.push(turn);
    else this.list[at] = turn;
    if (this.inFlight?.id === turn.id) {
      this.inFlight = undefined;
      this.clearCheckpointTimer();
    }
    return this.append(recordLine({ op: 'put', turn }));
  }

  remove(turnId: string): Promise<void> {
    const at = this.list.findIndex((t) => t.id === turnId);
    if (at === -1) return this.writes.idle;
    this.list.splice(at, 1);
    if (this.inFlight?.id === turnId) {
      this.inFlight = undefined;
      this.clearCheckpointTimer();
    }
    return this.append(recordLine({ op: 'remove', id: turnId }));
  }

  /**
   * Keeps the current transcript as a file under archive/ and starts an empty conversation with a new id.
   * Resolves to the archive's path, or undefined when there was nothing to keep. Rejects, leaving the current
   * conversation exactly as it was, when the archive cannot be written.
   */
  archive(): Promise<string | undefined> {
    const turns = [...this.list];
    const oldHeader = this.header;
    let archivePath: string | undefined;
    let failure: Error | undefined;
    return this.enqueue('archive', async () => {
      if (turns.length > 0) {
        try {
          await fs.mkdir(join(this.dir, ARCHIVE_DIR), { recursive: true });
          archivePath = join(this.dir, ARCHIVE_DIR, `conversation-${fileStamp(this.now())}-${oldHeader.conversationId.slice(0, 8)}.jsonl`);
          await this.files.writeFileAtomic(archivePath, snapshotText(oldHeader, turns));
        } catch (error) {
          failure = new Error(`the conversation could not be archived (${errorMessage(error)}); it is kept as it is`);
          this.logger.error(`Conversation store: ${failure.message}.`);
          this.writes.report(`Threadline could not start a new conversation: ${failure.message}.`);
          return;
        }
      }
      // Only once the archive is safe on disk does the current conversation give way to an empty one.
      const archived = new Set(turns);
      this.list.splice(0, this.list.length, ...this.list.filter((t) => !archived.has(t)));
      if (this.inFlight && archived.has(this.inFlight)) {
        this.inFlight = undefined;
        this.clearCheckpointTimer();
      }
      this.header = newHeader(this.now());
      this.logDirty = true;
      await this.rewriteLog();
    }).then(() => {
      if (failure) throw failure;
      return archivePath;
    });
  }

  /** Archived conversations, oldest first. */
  async archives(): Promise<string[]> {
    try {
      const names = await fs.readdir(join(this.dir, ARCHIVE_DIR));
      return names.filter((n) => n.endsWith('.jsonl')).sort().map((n) => join(this.dir, ARCHIVE_DIR, n));
    } catch {
      return [];
    }
  }

  /** Writes a pending checkpoint now, retries a log that failed to write, and waits for every queued write. */
  async flush(): Promise<void> {
    if (this.checkpointTimer !== undefined) {
      this.clearCheckpointTimer();
      this.enqueue('checkpoint', () => this.writeCheckpoint());
    }
    this.enqueue('rewrite', async () => {
      if (this.logDirty) await this.rewriteLog();
    });
    await this.writes.idle;
  }

  private get logPath(): string {
    return join(this.dir, LOG_FILE);
  }

  private get checkpointPath(): string {
    return join(this.dir, CHECKPOINT_FILE);
  }

  /**
   * Records appended while an earlier disk operation runs share one write and one flush, so a burst of commits
   * costs one fsync. A batch only collects until its turn in the queue comes, which keeps the file in call order.
   */
  private append(line: string): Promise<void> {
    if (this.openBatch) {
      this.openBatch.lines.push(line);
      return this.openBatch.done;
    }
    const batch: { lines: string[]; done: Promise<void> } = { lines: [line], done: Promise.resolve() };
    this.openBatch = batch;
    batch.done = this.enqueue('append', async () => {
      if (this.openBatch === batch) this.openBatch = undefined;
      if (this.logDirty) {
        // Memory already holds this batch, so the rewrite includes it.
        await this.rewriteLog();
      } else {
        try {
          await this.files.appendLines(this.logPath, batch.lines.join(''));
        } catch (error) {
          this.logDirty = true;
          throw error;
        }
        this.recordCount += batch.lines.length;
        this.writes.caughtUp();
      }
      await this.dropCheckpointFile();
      if (this.needsCompaction()) await this.compactNow();
    }, true);
    return batch.done;
  }

  private enqueue(what: string, work: () => Promise<void>, isAppend = false): Promise<void> {
    // Anything else queued closes the open batch: a later record must not be written before this operation.
    if (!isAppend) this.openBatch = undefined;
    return this.writes.run(what, work, () => this.logDirty);
  }

  private async writeCheckpoint(): Promise<void> {
    if (this.logDirty) await this.rewriteLog().catch((error: unknown) => this.logger.error(`Conversation store: rewrite failed: ${errorMessage(error)}`));
    const turn = this.inFlight;
    if (!turn) return;
    const checkpoint: Checkpoint = { version: STORE_VERSION, conversationId: this.header.conversationId, savedAt: this.now(), turn };
    await this.files.writeFileAtomic(this.checkpointPath, JSON.stringify(checkpoint));
    this.checkpointOnDisk = true;
  }

  private async dropCheckpointFile(): Promise<void> {
    if (!this.checkpointOnDisk || this.inFlight) return;
    await removeIfExists(this.checkpointPath);
    this.checkpointOnDisk = false;
  }

  private clearCheckpointTimer(): void {
    if (this.checkpointTimer !== undefined) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
  }

  private needsCompaction(): boolean {
    return this.recordCount - this.list.length > Math.max(COMPACT_FLOOR, this.list.length);
  }

  /** The streaming turn is left out: the checkpoint covers it, and the log holds finished turns only. */
  private async compactNow(): Promise<void> {
    const finished = this.list.filter((t) => t !== this.inFlight);
    await this.files.writeFileAtomic(this.logPath, snapshotText(this.header, finished));
    this.recordCount = finished.length;
  }

  /**
   * Brings a log that missed writes back in line with memory. A checkpoint left by a turn whose commit failed
   * must go too, or a reload would bring that turn back even if it was removed since.
   */
  private async rewriteLog(): Promise<void> {
    await this.compactNow();
    this.logDirty = false;
    this.writes.caughtUp();
    await this.dropCheckpointFile();
  }

  private async recoverCheckpoint(): Promise<RecoveredFromCorruption | undefined> {
    const isFinished = (id: string) => this.list.some((t) => t.id === id);
    const leftover = await readLeftoverCheckpoint(this.checkpointPath, this.header.conversationId, isFinished, this.now(), this.logger);
    if (leftover.interrupted) {
      this.checkpointOnDisk = true;
      await this.commit(leftover.interrupted);
    }
    return leftover.problem;
  }
}
