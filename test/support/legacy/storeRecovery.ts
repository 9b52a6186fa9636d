import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import type { Logger } from '../../../src/core/provider/types';
import { fileStamp, readTextIfExists, removeIfExists } from '../../../src/core/store/storeFiles';
import { INTERRUPTED_NOTICE } from '../../../src/core/store/checkpoints';
import { type Checkpoint, checkpointSchema } from '../../../src/core/store/legacyRecords';
import type { Turn } from '../../../src/core/conversation/turn';

/** What the store finds on disk after VS Code went away: unreadable files kept aside, and an interrupted answer. */

export interface RecoveredFromCorruption {
  backupPath: string;
  reason: string;
}

export interface LeftoverCheckpoint {
  /** The turn that was streaming, as stopped with its partial text, to be committed. */
  interrupted?: Turn;
  /** The checkpoint could not be read and was moved aside. */
  problem?: RecoveredFromCorruption;
}

/**
 * A checkpoint left behind means VS Code went away mid-answer: that turn is kept, as stopped, with its partial
 * text. A checkpoint of another conversation (since archived) or of a turn the log already has is stale and goes.
 */
export async function readLeftoverCheckpoint(
  path: string,
  conversationId: string,
  isFinished: (turnId: string) => boolean,
  now: number,
  logger: Logger,
): Promise<LeftoverCheckpoint> {
  const text = await readTextIfExists(path);
  if (text === undefined) return {};
  let checkpoint: Checkpoint;
  try {
    const parsed = checkpointSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'invalid checkpoint');
    checkpoint = parsed.data;
  } catch (error) {
    const reason = `${basename(path)} is unreadable (${error instanceof Error ? error.message : String(error)})`;
    const backupPath = await moveAside(path, 'inflight.corrupt', 'json', now);
    logger.error(`Conversation store: ${reason}; kept as ${backupPath}.`);
    return { problem: { backupPath, reason } };
  }
  if (checkpoint.conversationId !== conversationId || isFinished(checkpoint.turn.id)) {
    await removeIfExists(path);
    return {};
  }
  logger.warn(`Conversation store: recovered turn ${checkpoint.turn.id}, interrupted while streaming.`);
  return {
    interrupted: { ...checkpoint.turn, status: 'stopped', finishedAt: checkpoint.savedAt, notice: checkpoint.turn.notice ?? INTERRUPTED_NOTICE },
  };
}

/** Keeps an unreadable file under a timestamped name beside it, so nothing is ever thrown away. */
export async function moveAside(path: string, prefix: string, extension: string, time: number): Promise<string> {
  const backupPath = join(path, '..', `${prefix}-${fileStamp(time)}.${extension}`);
  await fs.rename(path, backupPath);
  return backupPath;
}
