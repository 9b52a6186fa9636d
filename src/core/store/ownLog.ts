import type { StoreFileOps } from './storeFiles';
import { type Stamp, entryLine } from './logRecords';

/**
 * The one log file this writer owns in a directory (a conversation's, or the index's). Records are appended in
 * batches; the file is only ever rewritten whole, atomically, from what this writer holds in memory: when it is
 * first created, when superseded records pile up (compaction), and after a failed append, which may have left
 * half a line behind. Holding the newest record per key of its own is enough for that rewrite, since the file
 * never contains anyone else's records. Memory is the truth: a record added is never dropped, only not yet
 * written.
 */

/** Compaction waits until superseded records outnumber both this floor and the live ones: rewrites stay rare. */
const COMPACT_FLOOR = 200;

interface Held<E> {
  entry: E;
  line: string;
}

export class OwnLog<E extends Stamp> {
  private readonly latest = new Map<string, Held<E>>();
  /** Added, not yet on disk, in order. */
  private pending: Held<E>[] = [];
  private recordsInFile = 0;
  private created = false;
  /** The file may not hold what `recordsInFile` says (a failed append): rewrite it whole. */
  private mustRewrite = false;

  constructor(
    readonly path: string,
    private readonly writerId: string,
    private readonly header: () => string,
    private readonly key: (entry: E) => string,
  ) {}

  /**
   * Serialised now, so a caller that keeps mutating the object (a turn object lives on in the service) writes
   * what it committed, not what it became.
   */
  add(entry: E): void {
    const held = { entry, line: entryLine(entry, this.writerId) };
    this.latest.set(this.key(entry), held);
    this.pending.push(held);
  }

  /** This writer's newest record per key, for merging with the other writers' files. */
  *entries(): Iterable<E> {
    for (const held of this.latest.values()) yield held.entry;
  }

  *keyedEntries(): Iterable<[string, E]> {
    for (const [key, held] of this.latest) yield [key, held.entry];
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  get needsWrite(): boolean {
    return this.pending.length > 0 || this.mustRewrite;
  }

  /** Whether the file exists: something was written to it at least once. */
  get onDisk(): boolean {
    return this.created;
  }

  /** Throws when the disk refuses; what was pending stays pending, to be tried again. */
  async write(ops: StoreFileOps): Promise<void> {
    if (!this.needsWrite) return;
    const batch = this.pending;
    this.pending = [];
    const rewrite = !this.created || this.mustRewrite || this.recordsInFile + batch.length - this.latest.size > Math.max(COMPACT_FLOOR, this.latest.size);
    try {
      if (rewrite) {
        const held = [...this.latest.values()];
        await ops.writeFileAtomic(this.path, this.header() + held.map((h) => h.line).join(''));
        this.created = true;
        this.mustRewrite = false;
        this.recordsInFile = held.length;
      } else {
        await ops.appendLines(this.path, batch.map((h) => h.line).join(''));
        this.recordsInFile += batch.length;
      }
    } catch (error) {
      if (!rewrite) this.mustRewrite = true;
      this.pending = batch.concat(this.pending);
      throw error;
    }
  }

  /** After a purge the file and its records are gone: a later record starts a new file with nothing else in it. */
  discard(): void {
    this.latest.clear();
    this.pending = [];
    this.created = false;
    this.mustRewrite = false;
    this.recordsInFile = 0;
  }
}
