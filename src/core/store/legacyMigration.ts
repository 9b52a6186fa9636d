import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Turn } from '../conversation/turn';
import type { FileConversationLibrary } from './conversationLibrary';
import { checkpointSchema, salvageLog } from './legacyRecords';
import { INTERRUPTED_NOTICE } from './checkpoints';

/**
 * Imports what Threadline 0.1.0 kept in VS Code's per-window storage slots (`<id>`, `<id>-1`, …): each slot's
 * `conversation.jsonl`, its `archive/*.jsonl`, the files it moved aside as corrupt, and a checkpoint left by a
 * crash. Each becomes a conversation under its original conversation id, so the same conversation found in two
 * slots (a folderless window shared one file) is one entry, and running the import twice, or on two hosts at
 * once, adds each turn once: a turn is added only when the conversation has no record of it at all, and two
 * hosts importing together write the same turn under the same id, which the merge makes one. A damaged file
 * gives every turn it still holds. The legacy files are never changed or deleted; the index records each file
 * imported (with its size and time), so an unchanged file is not read again and a conversation purged since
 * is not brought back.
 */

export interface MigrationReport {
  /** Conversations that gained turns. */
  conversationIds: string[];
  turns: number;
  /** Legacy files read this time (unchanged ones already imported are not). */
  filesRead: number;
}

interface LegacyConversation {
  createdAt: number;
  turns: Map<string, Turn>;
  sources: { path: string; size: number; mtimeMs: number }[];
}

export async function migrateLegacySlots(library: FileConversationLibrary, slotDirs: readonly string[]): Promise<MigrationReport> {
  const report: MigrationReport = { conversationIds: [], turns: 0, filesRead: 0 };
  if (library.health.kind === 'readOnly') return report;
  await library.refresh();
  const conversations = new Map<string, LegacyConversation>();
  for (const slot of slotDirs) {
    const files = await legacyFiles(slot);
    for (const file of files) {
      const stat = await fs.stat(file).catch(() => undefined);
      if (!stat?.isFile()) continue;
      const done = library.index.entry(`g:${file}`);
      if (done?.op === 'migrated' && done.size === stat.size && done.mtimeMs === stat.mtimeMs) continue;
      report.filesRead++;
      await readLegacyFile(library, file, conversations, { size: stat.size, mtimeMs: stat.mtimeMs });
    }
    await readLegacyCheckpoint(join(slot, 'inflight.json'), conversations);
  }
  for (const [id, legacy] of conversations) {
    const tombstone = library.index.entry(`c:${id}`);
    if (tombstone?.op !== 'tombstone') {
      const added = await importConversation(library, id, legacy);
      if (added > 0) {
        report.conversationIds.push(id);
        report.turns += added;
      }
    }
    for (const source of legacy.sources) {
      void library.index.put({ op: 'migrated', source: source.path, size: source.size, mtimeMs: source.mtimeMs, conversationIds: [id] });
    }
  }
  await library.flush();
  return report;
}

async function legacyFiles(slot: string): Promise<string[]> {
  const inSlot = await fs.readdir(slot).catch(() => [] as string[]);
  const archived = await fs.readdir(join(slot, 'archive')).catch(() => [] as string[]);
  // Oldest first, so a later copy of a turn (a file written after another) is the one kept.
  return [
    ...archived.filter((name) => name.endsWith('.jsonl') && !name.includes('.damaged-')).sort().map((name) => join(slot, 'archive', name)),
    ...inSlot.filter((name) => /^conversation\.corrupt-.*\.jsonl$/.test(name)).sort().map((name) => join(slot, name)),
    ...inSlot.filter((name) => name === 'conversation.jsonl').map((name) => join(slot, name)),
  ];
}

async function readLegacyFile(
  library: FileConversationLibrary,
  path: string,
  into: Map<string, LegacyConversation>,
  stat: { size: number; mtimeMs: number },
): Promise<void> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    await library.reportDamage(path, { skipped: 0, torn: false, reason: `a 0.1.0 conversation could not be read (${(error as Error).message})`, leftInPlace: true });
    return;
  }
  const salvaged = salvageLog(text);
  if (salvaged.skipped > 0) {
    const reason = `${salvaged.skipped} record${salvaged.skipped === 1 ? '' : 's'} of a 0.1.0 conversation could not be read; the rest was imported`;
    await library.reportDamage(path, { skipped: salvaged.skipped, torn: salvaged.tornTail, reason });
  }
  // A file whose header is gone still has an identity: its path, the same on every run.
  const id = salvaged.header?.conversationId ?? `legacy${createHash('sha256').update(path).digest('hex').slice(0, 16)}`;
  const conversation: LegacyConversation = into.get(id) ?? { createdAt: salvaged.header?.createdAt ?? salvaged.turns[0]?.startedAt ?? stat.mtimeMs, turns: new Map(), sources: [] };
  for (const turn of salvaged.turns) conversation.turns.set(turn.id, turn);
  conversation.sources.push({ path, ...stat });
  into.set(id, conversation);
}

/** A turn 0.1.0 was streaming when VS Code went away comes back stopped, with its partial text, as 0.1.0 would have. */
async function readLegacyCheckpoint(path: string, into: Map<string, LegacyConversation>): Promise<void> {
  const text = await fs.readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return;
  let parsed;
  try {
    parsed = checkpointSchema.safeParse(JSON.parse(text));
  } catch {
    return;
  }
  if (!parsed.success) return;
  const conversation = into.get(parsed.data.conversationId);
  const turn = parsed.data.turn;
  if (!conversation || conversation.turns.has(turn.id)) return;
  conversation.turns.set(turn.id, { ...turn, status: 'stopped', finishedAt: parsed.data.savedAt, notice: turn.notice ?? INTERRUPTED_NOTICE });
}

async function importConversation(library: FileConversationLibrary, id: string, legacy: LegacyConversation): Promise<number> {
  const state = await library.load(id);
  if (state.readOnlyReason) return 0;
  const fresh = !state.hasContent;
  let added = 0;
  for (const turn of legacy.turns.values()) {
    if (state.merged.hasRecord(turn.id)) continue;
    state.record({ op: 'put', turn });
    added++;
  }
  if (added === 0) return 0;
  if (fresh) state.setMeta('createdAt', legacy.createdAt);
  void state.save();
  return added;
}
