import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { CheckpointReader } from './checkpoints';
import type { DamageReporter } from './damageLog';
import { LogFileReader } from './logFileReader';
import { type ConversationEntry, conversationKey, parseConversationRecord } from './logRecords';
import { removeStaleTempFiles } from './tempFiles';
import { checkpointWriter, logWriter } from './storePaths';

/**
 * The other writers' files in one conversation's directory: their logs and their checkpoints, each read again
 * only when it changed. This writer's own files are never read here: memory holds what it wrote. Read-only
 * (another workspace's conversation): no writer id is its own, and stale temporary files are left alone.
 */

export interface ScanResult {
  /** New records, in the order read; to be merged. */
  added: ConversationEntry[];
  /** A log was replaced or went away: merge everything afresh. */
  reset: boolean;
  checkpointsChanged: boolean;
}

const CONVERSATION_CODEC = { parse: parseConversationRecord, key: conversationKey };

export class ConversationFiles {
  readonly logs = new Map<string, LogFileReader<ConversationEntry>>();
  readonly checkpoints = new Map<string, CheckpointReader>();
  private cleaned = false;
  private dirReported = false;

  constructor(
    readonly dir: string,
    private readonly writerId: string,
    private readonly damage: DamageReporter,
    options: { readOnly?: boolean } = {},
  ) {
    this.cleaned = options.readOnly === true;
  }

  /** Set when a writer's header says a newer Threadline wrote it. */
  get newerVersion(): number | undefined {
    for (const log of this.logs.values()) if (log.newerVersion !== undefined) return log.newerVersion;
    return undefined;
  }

  /** File times are the file system's: compared with the real clock, never with the library's injected one. */
  async scan(): Promise<ScanResult> {
    const now = Date.now();
    const names = await this.list();
    if (!this.cleaned) {
      this.cleaned = true;
      await removeStaleTempFiles(this.dir, names, now);
    }
    for (const name of names) {
      const writer = logWriter(name);
      if (writer && writer !== this.writerId && !this.logs.has(writer)) {
        this.logs.set(writer, new LogFileReader(join(this.dir, name), writer, CONVERSATION_CODEC));
      }
      const checkpointOf = checkpointWriter(name);
      if (checkpointOf && checkpointOf !== this.writerId && !this.checkpoints.has(checkpointOf)) {
        this.checkpoints.set(checkpointOf, new CheckpointReader(join(this.dir, name), checkpointOf));
      }
    }
    const result: ScanResult = { added: [], reset: false, checkpointsChanged: false };
    const reads = await Promise.all([...this.logs.values()].map(async (log) => ({ log, read: await log.read(now) })));
    for (const { log, read } of reads) {
      // A log that went away (a purge) is forgotten, so the conversation does not count it as content.
      if (read.reset && log.lastSeen === undefined) this.logs.delete(log.writerId);
      result.added.push(...read.added);
      result.reset ||= read.reset;
      if (read.damage) await this.damage.report(log.path, read.damage, !read.damage.leftInPlace);
    }
    for (const checkpoint of this.checkpoints.values()) {
      const read = await checkpoint.read();
      result.checkpointsChanged ||= read.changed;
      if (read.damaged) await this.damage.report(checkpoint.path, { skipped: 1, torn: false, reason: read.damaged });
    }
    return result;
  }

  /** Every writer's records with their keys, for a merge from scratch. */
  *sources(): Iterable<Iterable<[string, ConversationEntry]>> {
    for (const log of this.logs.values()) yield log.entries.entries();
  }

  private async list(): Promise<string[]> {
    try {
      return await fs.readdir(this.dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return [];
      if (!this.dirReported) {
        this.dirReported = true;
        await this.damage.report(this.dir, { skipped: 0, torn: false, reason: `the conversation's directory cannot be read (${code ?? String(error)}); it is left as it is` }, false);
      }
      return [];
    }
  }
}
