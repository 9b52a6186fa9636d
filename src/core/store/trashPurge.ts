import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { writerMayBeStreaming } from './checkpoints';
import type { ConversationState } from './conversationState';
import type { LibraryIndex } from './libraryIndex';
import { type LibraryFileOps, unchangedSince } from './storeFiles';

/**
 * Emptying the trash is the one time a writer deletes files that are not its own, so it does so only when
 * every writer agrees: the merged records say the conversation is trashed and has been since before the cutoff,
 * no record was written after the trashing, and no writer may still be streaming into it. The tombstone reaches
 * the index before any file goes, so another host that finds the files gone also finds why; a file that changed
 * since it was read is left in place, and its writer's next summary (newer than the tombstone) brings the
 * conversation back rather than losing what was written.
 */

export interface PurgeContext {
  index: LibraryIndex;
  ops: LibraryFileOps;
  now: number;
  staleMs: number;
}

export async function purgeConversation(state: ConversationState, cutoff: number, ctx: PurgeContext): Promise<boolean> {
  const trashed = state.merged.metaEntry('trashedAt');
  if (trashed?.op !== 'meta' || typeof trashed.value !== 'number' || trashed.value > cutoff) return false;
  if (state.merged.newestAt() > trashed.at) return false;
  for (const reader of state.files.checkpoints.values()) {
    if (reader.checkpoint && writerMayBeStreaming(reader.checkpoint, ctx.now, ctx.staleMs)) return false;
  }
  await ctx.index.put({ op: 'tombstone', conversationId: state.id });
  if (ctx.index.needsWrite) return false;

  const readers = [...state.files.logs.values(), ...state.files.checkpoints.values()];
  for (const reader of readers) {
    if (await unchangedSince(reader.path, reader.lastSeen)) await ctx.ops.remove(reader.path);
  }
  await ctx.ops.remove(state.ownLogPath);
  await ctx.ops.remove(state.ownCheckpointPath);
  // Copies of damaged files belong to the conversation too; anything else (a file that changed) stays.
  for (const name of await fs.readdir(state.dir).catch(() => [] as string[])) {
    if (name.includes('.damaged-')) await ctx.ops.remove(join(state.dir, name));
  }
  await fs.rmdir(state.dir).catch(() => undefined);
  state.discard();
  return true;
}
