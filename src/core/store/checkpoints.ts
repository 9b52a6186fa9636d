import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import * as z from 'zod';
import { turnSchema, type Turn } from '../conversation/turn';

/**
 * The turn a writer is streaming, saved beside its log (`<writerId>.inflight.json`, written atomically, at most
 * every ~500 ms, and at least every STALE/4 while the turn lasts, as a heartbeat). Another host shows it only
 * once its writer is surely gone, as a stopped turn with its partial text:
 *   - same machine, and the writer's process no longer exists (or it is this process and the library is closed);
 *   - otherwise, no checkpoint for longer than the staleness window (2 minutes by default). A heartbeat comes
 *     every 30 s while a turn streams, even while a reasoning model thinks in silence, so a live writer is never
 *     taken for gone. Containers that share a volume and a host name but not a process table could mistake a
 *     live writer for a dead one; its final record still wins, so the stopped turn is then replaced.
 */

export const CHECKPOINT_FORMAT = 'threadline-inflight';
export const CHECKPOINT_VERSION = 1;
export const DEFAULT_STALE_CHECKPOINT_MS = 120_000;
/** Said on a turn whose writer went away mid-answer, here and in what the 0.1.0 import finds. */
export const INTERRUPTED_NOTICE = 'VS Code closed while this answer was streaming; the text received until then is kept.';

const checkpointSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  version: z.number().int(),
  writerId: z.string(),
  conversationId: z.string(),
  savedAt: z.number(),
  pid: z.number().int(),
  hostname: z.string(),
  turn: turnSchema,
});
export type WriterCheckpoint = z.infer<typeof checkpointSchema>;

/** Writers of this process that are open: a checkpoint of ours whose writer is not here was left by a closed library. */
export const LIVE_WRITERS = new Set<string>();

export function checkpointText(writerId: string, conversationId: string, savedAt: number, turn: Turn): string {
  const checkpoint: WriterCheckpoint = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    writerId,
    conversationId,
    savedAt,
    pid: process.pid,
    hostname: hostname(),
    turn,
  };
  return JSON.stringify(checkpoint);
}

export function writerMayBeStreaming(checkpoint: WriterCheckpoint, now: number, staleMs: number): boolean {
  if (checkpoint.hostname === hostname()) {
    if (checkpoint.pid === process.pid) return LIVE_WRITERS.has(checkpoint.writerId);
    if (!processExists(checkpoint.pid)) return false;
  }
  return now - checkpoint.savedAt <= staleMs;
}

export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it just belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What the user sees of an answer whose host went away while it streamed. */
export function interruptedTurn(checkpoint: WriterCheckpoint): Turn {
  return { ...checkpoint.turn, status: 'stopped', finishedAt: checkpoint.savedAt, notice: checkpoint.turn.notice ?? INTERRUPTED_NOTICE };
}

export interface CheckpointRead {
  changed: boolean;
  /** The file could not be read as a checkpoint: the caller backs it up and reports it. */
  damaged?: string;
}

/** Another writer's checkpoint file, read again only when its size or time changed. */
export class CheckpointReader {
  checkpoint: WriterCheckpoint | undefined;
  private seen: { size: number; mtimeMs: number } | undefined;

  constructor(
    readonly path: string,
    readonly writerId: string,
  ) {}

  get lastSeen(): { size: number; mtimeMs: number } | undefined {
    return this.seen;
  }

  async read(): Promise<CheckpointRead> {
    let stat;
    try {
      stat = await fs.stat(this.path);
    } catch {
      const changed = this.checkpoint !== undefined;
      this.checkpoint = undefined;
      this.seen = undefined;
      return { changed };
    }
    if (this.seen && this.seen.size === stat.size && this.seen.mtimeMs === stat.mtimeMs) return { changed: false };
    this.seen = { size: stat.size, mtimeMs: stat.mtimeMs };
    const before = this.checkpoint;
    this.checkpoint = undefined;
    let raw: unknown;
    try {
      raw = JSON.parse(await fs.readFile(this.path, 'utf8'));
    } catch (error) {
      return { changed: before !== undefined, damaged: `the checkpoint of a streaming turn is unreadable (${(error as Error).message})` };
    }
    const version = (raw as { version?: unknown } | null)?.version;
    // A newer Threadline's checkpoint is its business: not shown, not damage.
    if (typeof version === 'number' && version > CHECKPOINT_VERSION) return { changed: before !== undefined };
    const parsed = checkpointSchema.safeParse(raw);
    if (!parsed.success) return { changed: before !== undefined, damaged: 'the checkpoint of a streaming turn is not valid' };
    this.checkpoint = parsed.data;
    return { changed: true };
  }
}
