import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { turnSchema, type Turn } from '../conversation/turn';

/**
 * The on-disk format of a conversation: JSON Lines. The first line is a header naming the format and version;
 * every later line is a record. `put` inserts a turn or replaces the turn with the same id; `remove` drops one.
 * Finished turns are appended, never rewritten, so a send costs one short append however long the conversation.
 */

export const STORE_FORMAT = 'threadline-conversation';
export const STORE_VERSION = 1;

const headerSchema = z.object({
  op: z.literal('header'),
  format: z.literal(STORE_FORMAT),
  version: z.literal(STORE_VERSION),
  conversationId: z.string().min(1),
  createdAt: z.number(),
});
export type StoreHeader = z.infer<typeof headerSchema>;

const recordSchema = z.discriminatedUnion('op', [
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

export class CorruptStoreError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CorruptStoreError';
  }
}

export interface ParsedLog {
  header: StoreHeader;
  turns: Turn[];
  /** Records in the file after the header; more than the turn count means superseded records to compact. */
  recordCount: number;
  /** The last line was cut short by a crash mid-append and was dropped. */
  tornTail: boolean;
}

export function parseLog(text: string): ParsedLog {
  const lines = text.split('\n');
  // A complete append always ends with a newline. Text after the last newline is a write cut short by a crash:
  // kept if it happens to be a whole record, dropped otherwise; either way the file is rewritten clean.
  const tail = lines.pop() ?? '';
  const tornTail = tail.length > 0;
  if (tornTail && lines.length > 0 && recordSchema.safeParse(tryJson(tail)).success) lines.push(tail);
  if (lines.length === 0) throw new CorruptStoreError('the file has no header');
  const header = headerSchema.safeParse(parseJson(lines[0], 1));
  if (!header.success) throw new CorruptStoreError(`line 1 is not a Threadline conversation header (${header.error.issues[0]?.message ?? 'invalid'})`);

  const turns: Turn[] = [];
  const positions = new Map<string, number>();
  let recordCount = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const parsed = recordSchema.safeParse(parseJson(lines[i], i + 1));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CorruptStoreError(`line ${i + 1} is not a valid record (${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'})`);
    }
    recordCount++;
    const record = parsed.data;
    if (record.op === 'put') {
      const at = positions.get(record.turn.id);
      if (at === undefined) {
        positions.set(record.turn.id, turns.length);
        turns.push(record.turn);
      } else {
        turns[at] = record.turn;
      }
    } else {
      const at = positions.get(record.id);
      if (at !== undefined) {
        turns.splice(at, 1);
        positions.clear();
        turns.forEach((turn, index) => positions.set(turn.id, index));
      }
    }
  }
  return { header: header.data, turns, recordCount, tornTail };
}

/** What can be read of a log however damaged: every valid record, in order; what is not is counted. */
export interface SalvagedLog {
  header?: StoreHeader;
  turns: Turn[];
  skipped: number;
  tornTail: boolean;
}

/** Unlike `parseLog`, an unreadable line costs that line only: the 0.1.0 import takes every turn it can. */
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

function parseJson(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new CorruptStoreError(`line ${lineNumber} is not valid JSON`);
  }
}

export function headerLine(header: StoreHeader): string {
  return `${JSON.stringify(header)}\n`;
}

export function recordLine(record: StoreRecord): string {
  return `${JSON.stringify(record)}\n`;
}

export function snapshotText(header: StoreHeader, turns: readonly Turn[]): string {
  return headerLine(header) + turns.map((turn) => recordLine({ op: 'put', turn })).join('');
}

/** The header of a conversation that starts now, with a fresh id. */
export function newHeader(createdAt: number): StoreHeader {
  return { op: 'header', format: STORE_FORMAT, version: STORE_VERSION, conversationId: randomBytes(8).toString('hex'), createdAt };
}
