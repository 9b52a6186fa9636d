import { promises as fs } from 'node:fs';
import { LOG_FORMAT, LOG_VERSION, type Stamp, isNewer, logHeaderSchema } from './logRecords';

/**
 * Reads another writer's log, and on later calls only what it appended since. A file is re-read from the start
 * only when it was replaced (its owner compacted it: a new inode) or shrank. Damage costs only what is damaged:
 * an unreadable line is skipped and counted, the rest is read. A last line without its line end is either an
 * append still under way (left for the next read) or, once the file has been quiet for a while, a crash in the
 * middle of an append: a torn tail, counted like any unreadable record.
 */

export interface LogCodec<E extends Stamp> {
  parse(raw: unknown, fileWriter: string): E | undefined;
  key(entry: E): string;
}

/** What a read found that is news: the caller backs the file up and tells the user. */
export interface FoundDamage {
  skipped: number;
  torn: boolean;
  reason: string;
  /** Nothing can be copied aside (a directory where the file should be, or no permission to read it). */
  leftInPlace?: true;
}

export interface ReadResult<E> {
  /** Entries that became this file's latest for their key, in file order. */
  added: E[];
  /** The file was replaced or went away: entries read before may be gone, so the caller merges afresh. */
  reset: boolean;
  damage?: FoundDamage;
}

/** An append takes milliseconds; a half line that has not been finished after this long never will be. */
export const TORN_AFTER_MS = 5_000;

export class LogFileReader<E extends Stamp> {
  /** The newest entry per key in this file. */
  readonly entries = new Map<string, E>();
  /** Set when the file was written by a newer Threadline: the conversation (or library) must not be written. */
  newerVersion: number | undefined;
  skipped = 0;
  torn = false;
  private offset = 0;
  private seen: { ino: number; birthtimeMs: number; size: number; mtimeMs: number } | undefined;
  private unusableReported = false;

  constructor(
    readonly path: string,
    readonly writerId: string,
    private readonly codec: LogCodec<E>,
  ) {}

  /** The file as last read, so a purge deletes only a file nobody has appended to since. */
  get lastSeen(): { size: number; mtimeMs: number } | undefined {
    return this.seen;
  }

  /** Never throws: a file that cannot be read is reported once, as damage that cannot be copied aside. */
  async read(now: number): Promise<ReadResult<E>> {
    try {
      return await this.readChanges(now);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      return this.unusable(`it cannot be read (${code}); it is left as it is`);
    }
  }

  private unusable(reason: string): ReadResult<E> {
    if (this.unusableReported) return { added: [], reset: false };
    this.unusableReported = true;
    return { added: [], reset: false, damage: { skipped: 0, torn: false, reason, leftInPlace: true } };
  }

  private async readChanges(now: number): Promise<ReadResult<E>> {
    let stat;
    try {
      stat = await fs.stat(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const hadAny = this.seen !== undefined;
      this.forget();
      return { added: [], reset: hadAny };
    }
    if (stat.isDirectory()) return this.unusable('a directory stands where this log should be; it is left as it is');
    const seen = this.seen;
    if (seen && seen.ino === stat.ino && seen.size === stat.size && seen.mtimeMs === stat.mtimeMs) return { added: [], reset: false };
    const replaced = seen !== undefined && (seen.ino !== stat.ino || seen.birthtimeMs !== stat.birthtimeMs || stat.size < this.offset);
    const reset = replaced || (this.offset > 0 && !(await this.continuesAt(this.offset)));
    if (reset) this.forget();
    const before = { skipped: this.skipped, torn: this.torn };
    const added = await this.readFrom(this.offset, stat.size, now - stat.mtimeMs > TORN_AFTER_MS);
    this.seen = { ino: stat.ino, birthtimeMs: stat.birthtimeMs, size: stat.size, mtimeMs: stat.mtimeMs };
    const news = this.skipped > before.skipped || (this.torn && !before.torn);
    return { added, reset, ...(news ? { damage: this.describeDamage() } : {}) };
  }

  private forget(): void {
    this.entries.clear();
    this.offset = 0;
    this.seen = undefined;
    this.skipped = 0;
    this.torn = false;
    this.newerVersion = undefined;
  }

  /** A file that grew by appends still has the line end where the last read stopped; a replaced one may not. */
  private async continuesAt(offset: number): Promise<boolean> {
    const handle = await fs.open(this.path, 'r');
    try {
      const byte = Buffer.alloc(1);
      const { bytesRead } = await handle.read(byte, 0, 1, offset - 1);
      return bytesRead === 1 && byte[0] === 0x0a;
    } finally {
      await handle.close();
    }
  }

  private async readFrom(start: number, end: number, quiet: boolean): Promise<E[]> {
    if (end <= start) return [];
    const buffer = Buffer.allocUnsafe(end - start);
    const handle = await fs.open(this.path, 'r');
    let length = 0;
    try {
      // The file may have grown since the stat: read only what the stat promised, the rest comes next time.
      while (length < buffer.length) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, start + length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
    } finally {
      await handle.close();
    }
    const lastNewline = buffer.lastIndexOf(0x0a, length - 1);
    const complete = lastNewline === -1 ? '' : buffer.toString('utf8', 0, lastNewline);
    const lines = complete.length > 0 || lastNewline === 0 ? complete.split('\n') : [];
    const added: E[] = [];
    lines.forEach((line, index) => this.takeLine(line, start === 0 && index === 0, added));
    this.offset = start + lastNewline + 1;
    if (lastNewline + 1 < length && quiet) {
      this.takeTail(buffer.toString('utf8', lastNewline + 1, length), start === 0 && lastNewline === -1, added);
      this.offset = start + length;
    }
    return added;
  }

  /** A whole record that only lost its line end is kept; anything else after the last line end is torn. */
  private takeTail(tail: string, isFirst: boolean, added: E[]): void {
    this.torn = true;
    const skippedBefore = this.skipped;
    this.takeLine(tail, isFirst, added);
    if (this.skipped === skippedBefore) this.torn = false;
  }

  private takeLine(line: string, isHeader: boolean, added: E[]): void {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      if (this.newerVersion === undefined) this.skipped++;
      return;
    }
    if (isHeader && this.takeHeader(raw)) return;
    const entry = this.codec.parse(raw, this.writerId);
    // Records of a newer version that this one cannot read are not damage: that version reads them.
    if (!entry) {
      if (this.newerVersion === undefined) this.skipped++;
      return;
    }
    const key = this.codec.key(entry);
    const current = this.entries.get(key);
    if (current && !isNewer(entry, current)) return;
    this.entries.set(key, entry);
    added.push(entry);
  }

  /** True when the line was a header (valid or not): a damaged header costs the header only, not the records. */
  private takeHeader(raw: unknown): boolean {
    const looksLikeHeader = typeof raw === 'object' && raw !== null && (raw as { op?: unknown }).op === 'header';
    if (!looksLikeHeader) return false;
    const version = (raw as { version?: unknown }).version;
    if ((raw as { format?: unknown }).format === LOG_FORMAT && typeof version === 'number' && version > LOG_VERSION) {
      this.newerVersion = version;
      return true;
    }
    if (!logHeaderSchema.safeParse(raw).success) this.skipped++;
    return true;
  }

  private describeDamage(): FoundDamage {
    const parts: string[] = [];
    if (this.skipped > 0) parts.push(`${this.skipped} unreadable record${this.skipped === 1 ? '' : 's'}`);
    if (this.torn) parts.push('the last record was cut short');
    return { skipped: this.skipped, torn: this.torn, reason: parts.join('; ') };
  }
}
