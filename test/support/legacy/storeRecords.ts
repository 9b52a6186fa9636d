import { randomBytes } from 'node:crypto';
import type { Turn } from '../../../src/core/conversation/turn';
import { STORE_FORMAT, STORE_VERSION, type StoreHeader, type StoreRecord, headerSchema, recordSchema } from '../../../src/core/store/legacyRecords';

/**
 * How Threadline 0.1.0 wrote and strictly read its conversation log (the product only imports it now, see
 * src/core/store/legacyRecords.ts). Finished turns were appended, never rewritten, so a send cost one short
 * append however long the conversation.
 */

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
