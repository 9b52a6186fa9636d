import * as z from 'zod';
import { turnSchema, type Turn } from '../conversation/turn';

/**
 * The records of the per-writer logs. Every file starts with a header naming the format, its version and its
 * writer; every record carries a stamp: the time it was made (`at`), its writer (`w`, omitted when it is the
 * file's own) and the writer's sequence number (`seq`). Readers merge all writers' files and keep, per key (a
 * turn id, a meta field, a conversation in the index), the record with the greatest stamp: last write wins,
 * and every reader picks the same winner whatever order it read the files in.
 */

export const LOG_FORMAT = 'threadline-log';
export const LOG_VERSION = 1;

export type LogKind = 'conversation' | 'index';

export const logHeaderSchema = z.object({
  op: z.literal('header'),
  format: z.literal(LOG_FORMAT),
  version: z.number().int().positive(),
  kind: z.enum(['conversation', 'index']),
  writerId: z.string(),
  conversationId: z.string().optional(),
  createdAt: z.number(),
});
export type LogHeader = z.infer<typeof logHeaderSchema>;

export function headerLine(kind: LogKind, writerId: string, createdAt: number, conversationId?: string): string {
  const header: LogHeader = { op: 'header', format: LOG_FORMAT, version: LOG_VERSION, kind, writerId, createdAt, ...(conversationId ? { conversationId } : {}) };
  return `${JSON.stringify(header)}\n`;
}

export interface Stamp {
  at: number;
  /** The writer that made the record. */
  w: string;
  seq: number;
}

/** True when `a` was written after `b`: by time, then writer id, then sequence, so every reader agrees. */
export function isNewer(a: Stamp, b: Stamp): boolean {
  if (a.at !== b.at) return a.at > b.at;
  if (a.w !== b.w) return a.w > b.w;
  return a.seq > b.seq;
}

const stampFields = { at: z.number(), seq: z.number().int().nonnegative(), w: z.string().optional() };

/** Conversation fields other than turns, each merged on its own so a rename and a pin made on two hosts both stay. */
export const META_SCHEMAS = {
  title: z.string().nullable(),
  pinned: z.boolean(),
  trashedAt: z.number().nullable(),
  createdAt: z.number(),
  forkedFrom: z.object({ conversationId: z.string(), turnId: z.string() }),
} as const;
export type MetaField = keyof typeof META_SCHEMAS;
export type MetaValues = { [K in MetaField]: z.infer<(typeof META_SCHEMAS)[K]> };

export type ConversationEntry = Stamp &
  ({ op: 'put'; turn: Turn } | { op: 'remove'; id: string } | { op: 'meta'; field: MetaField; value: unknown });

export function conversationKey(entry: ConversationEntry): string {
  if (entry.op === 'put') return `t:${entry.turn.id}`;
  if (entry.op === 'remove') return `t:${entry.id}`;
  return `m:${entry.field}`;
}

/**
 * The file's writer fills in `w` when the record leaves it out; undefined means the record is unreadable.
 * Checked by hand down to the turn, which its schema checks: opening 10,000 turns is mostly this function, and a
 * discriminated union around the turn schema cost a third more than the turn schema alone.
 */
export function parseConversationRecord(raw: unknown, fileWriter: string): ConversationEntry | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const record = raw as Record<string, unknown>;
  const { at, seq } = record;
  const w = record.w === undefined ? fileWriter : record.w;
  if (typeof at !== 'number' || typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0 || typeof w !== 'string') return undefined;
  switch (record.op) {
    case 'put': {
      const turn = turnSchema.safeParse(record.turn);
      return turn.success ? { op: 'put', turn: turn.data, at, seq, w } : undefined;
    }
    case 'remove':
      return typeof record.id === 'string' ? { op: 'remove', id: record.id, at, seq, w } : undefined;
    case 'meta': {
      const field = record.field;
      if (typeof field !== 'string' || !Object.hasOwn(META_SCHEMAS, field)) return undefined;
      const value = META_SCHEMAS[field as MetaField].safeParse(record.value);
      return value.success ? { op: 'meta', field: field as MetaField, value: value.data, at, seq, w } : undefined;
    }
    default:
      return undefined;
  }
}

/** One line; the writer is left out when it is the file's own (it always is, today). */
export function entryLine(entry: Stamp & object, fileWriter: string): string {
  const { w, ...rest } = entry;
  return `${JSON.stringify(w === fileWriter ? rest : entry)}\n`;
}

/** What the index keeps of a conversation: its summary without the workspace (the directory says which). */
export const storedSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  titleSet: z.boolean(),
  createdAt: z.number(),
  lastActivity: z.number(),
  turnCount: z.number().int().nonnegative(),
  totalTokens: z.number().nonnegative(),
  usageByModel: z.record(z.string(), z.object({ input: z.number(), cached: z.number(), output: z.number() })),
  personas: z.array(z.string()),
  pinned: z.boolean(),
  trashedAt: z.number().optional(),
  storedResponseIds: z.array(z.string()),
});
export type StoredSummary = z.infer<typeof storedSummarySchema>;

const indexRecordSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('summary'), ...stampFields, summary: storedSummarySchema }),
  /** The conversation was purged from the trash; a later summary (someone wrote to it since) brings it back. */
  z.object({ op: z.literal('tombstone'), ...stampFields, conversationId: z.string() }),
  /** A 0.1.0 file was imported: its size and time, so an unchanged file is not read again. */
  z.object({ op: z.literal('migrated'), ...stampFields, source: z.string(), size: z.number(), mtimeMs: z.number(), conversationIds: z.array(z.string()) }),
  /** Damage the user has been told about, so the next window does not back the same file up and say it again. */
  z.object({ op: z.literal('damageSeen'), ...stampFields, path: z.string(), skipped: z.number().int(), torn: z.boolean() }),
]);
type IndexRecord = z.infer<typeof indexRecordSchema>;
export type IndexEntry = IndexRecord extends infer R ? (R extends unknown ? Omit<R, 'w'> & Stamp : never) : never;

export function indexKey(entry: IndexEntry): string {
  switch (entry.op) {
    case 'summary':
      return `c:${entry.summary.id}`;
    case 'tombstone':
      return `c:${entry.conversationId}`;
    case 'migrated':
      return `g:${entry.source}`;
    case 'damageSeen':
      return `d:${entry.path}`;
  }
}

export function parseIndexRecord(raw: unknown, fileWriter: string): IndexEntry | undefined {
  const parsed = indexRecordSchema.safeParse(raw);
  return parsed.success ? { ...parsed.data, w: parsed.data.w ?? fileWriter } : undefined;
}
