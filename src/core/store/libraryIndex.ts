import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { DamageLog, DamageMemory } from './damageLog';
import type { FoundDamage } from './logFileReader';
import { LogFileReader } from './logFileReader';
import { type IndexEntry, type StoredSummary, headerLine, indexKey, isNewer, parseIndexRecord } from './logRecords';
import { OwnLog } from './ownLog';
import type { SaveTarget } from './saveQueue';
import type { LibraryFileOps } from './storeFiles';
import { logFileName, logWriter } from './storePaths';
import { removeStaleTempFiles } from './tempFiles';
import type { WriterClock } from './writerClock';

/**
 * The index: per conversation, its newest summary (or the tombstone of its purge), so the history lists 200
 * conversations by reading a few small files, not 200 logs. Every writer appends to its own index file; reading
 * merges them like the conversation logs, newest record per key. Also kept here: which 0.1.0 files were
 * imported, and which damage the user was already told about.
 */

const INDEX_CODEC = { parse: parseIndexRecord, key: indexKey };

type IndexBody = IndexEntry extends infer R ? (R extends unknown ? Omit<R, 'at' | 'seq' | 'w'> : never) : never;

export interface IndexContext {
  writerId: string;
  ops: LibraryFileOps;
  now(): number;
  clock: WriterClock;
  save(target: SaveTarget): Promise<void>;
}

export class LibraryIndex implements SaveTarget, DamageMemory {
  readonly order = 2;
  private readonly readers = new Map<string, LogFileReader<IndexEntry>>();
  private readonly own: OwnLog<IndexEntry>;
  private readonly winners = new Map<string, IndexEntry>();
  private cleaned = false;
  private refreshing: Promise<string[]> = Promise.resolve([]);

  constructor(
    private readonly dir: string,
    private readonly ctx: IndexContext,
  ) {
    this.own = new OwnLog(join(dir, logFileName(ctx.writerId)), ctx.writerId, () => headerLine('index', ctx.writerId, ctx.now()), indexKey);
  }

  get newerVersion(): number | undefined {
    for (const reader of this.readers.values()) if (reader.newerVersion !== undefined) return reader.newerVersion;
    return undefined;
  }

  /** Reads what other writers appended; returns the conversations whose entry changed. One refresh at a time. */
  refresh(damage: DamageLog): Promise<string[]> {
    const next = this.refreshing.catch(() => []).then(() => this.readChanges(damage));
    this.refreshing = next;
    return next;
  }

  private async readChanges(damage: DamageLog): Promise<string[]> {
    const names = await this.list(damage);
    // File times are the file system's: compared with the real clock, never with the library's injected one.
    const now = Date.now();
    if (!this.cleaned) {
      this.cleaned = true;
      await removeStaleTempFiles(this.dir, names, now);
    }
    for (const name of names) {
      const writer = logWriter(name);
      if (writer && writer !== this.ctx.writerId && !this.readers.has(writer)) this.readers.set(writer, new LogFileReader(join(this.dir, name), writer, INDEX_CODEC));
    }
    const reads = await Promise.all([...this.readers.values()].map(async (reader) => ({ reader, read: await reader.read(now) })));
    const changed = new Set<string>();
    let reset = false;
    for (const { reader, read } of reads) {
      if (read.damage) await damage.report(reader.path, read.damage, !read.damage.leftInPlace);
      reset ||= read.reset;
      for (const entry of read.added) {
        this.ctx.clock.observe(entry.at);
        if (this.apply(entry)) changed.add(indexKey(entry));
      }
    }
    if (reset) for (const key of this.rebuild()) changed.add(key);
    return [...changed].filter((key) => key.startsWith('c:')).map((key) => key.slice(2));
  }

  entry(key: string): IndexEntry | undefined {
    return this.winners.get(key);
  }

  summary(conversationId: string): StoredSummary | undefined {
    const entry = this.winners.get(`c:${conversationId}`);
    return entry?.op === 'summary' ? entry.summary : undefined;
  }

  /** Every conversation's winning entry: a summary, or the tombstone of a purge. */
  *conversations(): Iterable<IndexEntry & { op: 'summary' | 'tombstone' }> {
    for (const entry of this.winners.values()) if (entry.op === 'summary' || entry.op === 'tombstone') yield entry;
  }

  /** Records and saves; `stamp` is given when it must be older than now (a summary's, taken before its refresh). */
  put(body: IndexBody, stamp = this.ctx.clock.next()): Promise<void> {
    const entry = { ...body, ...stamp, w: this.ctx.writerId } as IndexEntry;
    this.own.add(entry);
    this.apply(entry);
    return this.ctx.save(this);
  }

  seen(relativePath: string): { skipped: number; torn: boolean } | undefined {
    const entry = this.winners.get(`d:${relativePath}`);
    return entry?.op === 'damageSeen' ? { skipped: entry.skipped, torn: entry.torn } : undefined;
  }

  remember(relativePath: string, found: FoundDamage): void {
    void this.put({ op: 'damageSeen', path: relativePath, skipped: found.skipped, torn: found.torn });
  }

  get pendingCount(): number {
    return this.own.pendingCount;
  }

  get needsWrite(): boolean {
    return this.own.needsWrite;
  }

  async write(): Promise<void> {
    await this.ctx.ops.mkdir(this.dir);
    await this.own.write(this.ctx.ops);
  }

  private apply(entry: IndexEntry): boolean {
    const key = indexKey(entry);
    const current = this.winners.get(key);
    if (current && !isNewer(entry, current)) return false;
    this.winners.set(key, entry);
    return true;
  }

  /** A writer replaced its file: merge every file afresh and say which keys came out different. */
  private rebuild(): string[] {
    const before = new Map(this.winners);
    this.winners.clear();
    for (const reader of this.readers.values()) for (const entry of reader.entries.values()) this.apply(entry);
    for (const entry of this.own.entries()) this.apply(entry);
    const keys = new Set([...before.keys(), ...this.winners.keys()]);
    return [...keys].filter((key) => before.get(key) !== this.winners.get(key));
  }

  private async list(damage: DamageLog): Promise<string[]> {
    try {
      return await fs.readdir(this.dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') await damage.report(this.dir, { skipped: 0, torn: false, reason: `the index cannot be read (${code ?? String(error)})`, leftInPlace: true }, false);
      return [];
    }
  }
}
