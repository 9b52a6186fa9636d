import * as z from 'zod';
import { turnSchema, type Turn } from '../conversation/turn';

/**
 * The on-disk format of Threadline 0.1.0's conversation store, as the import reads it: JSON Lines. The first
 * line is a header naming the format and version; every later line is a record. `put` inserts a turn or replaces
 * the turn with the same id; `remove` drops one. Nothing writes this format any more.
 */

export const STORE_FORMAT = 'threadline-conversation';
export const STORE_VERSION = 1;

export const headerSchema = z.object({
  op: z.literal('header'),
  format: z.literal(STORE_FORMAT),
  version: z.literal(STORE_VERSION),
  conversationId: z.string().min(1),
  createdAt: z.number(),
});
export type StoreHeader = z.infer<typeof headerSchema>;

export const recordSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), turn: turnSchema }),
  z.object({ op: z.literal('remove'), id: z.string() }),
]);
export type StoreRecord = z.infer<typeof recordSchema>;

/** The in-flight turn, checkpointed while it streams so a crash loses at most one checkpoint interval. */
export const checkpointSchema = z.object({
  version: z.literal(STORE_VERSION),
  conversationId: z.string(),
  savedAt: z.number(),
  turn: turnSchema,
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** What can be read of a log however damaged: every valid record, in order; what is not is counted. */
export interface SalvagedLog {
  header?: StoreHeader;
  turns: Turn[];
  skipped: number;
  tornTail: boolean;
}

/** An unreadable line costs that line only: the 0.1.0 import takes every turn it can. */
export function salvageLog(text: string): SalvagedLog {
  const lines = text.split('\n');
  const tail = lines.pop() ?? '';
  const tornTail = tail.length > 0 && !recordSchema.safeParse(tryJson(tail)).success;
  if (tail.length > 0 && !tornTail) lines.push(tail);
  let header: StoreHeader | undefined;
  const turns = new Map<string, Turn>();
  let skipped = tornTail ? 1 : 0;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const raw = tryJson(line);
    const asHeader = index === 0 ? headerSchema.safeParse(raw) : undefined;
    if (asHeader?.success) {
      header = asHeader.data;
      return;
    }
    const record = recordSchema.safeParse(raw);
    if (!record.success) skipped++;
    else if (record.data.op === 'put') turns.set(record.data.turn.id, record.data.turn);
    else turns.delete(record.data.id);
  });
  return { ...(header ? { header } : {}), turns: [...turns.values()], skipped, tornTail };
}

function tryJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
