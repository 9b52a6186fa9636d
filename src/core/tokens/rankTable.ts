import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The shape of js-tiktoken's rank modules, shipped as `dist/ranks/<encoding>.json`. */
export interface RankFile {
  pat_str: string;
  special_tokens: Record<string, number>;
  /** Lines of `<label> <first rank> <base64 token> <base64 token> …`, ranks consecutive within a line. */
  bpe_ranks: string;
}

/**
 * Token bytes → rank. Keys are "byte strings": one UTF-16 unit per byte (0–255), so a piece's bytes can be
 * looked up with a plain substring and V8's string hashing instead of js-tiktoken's `bytes.join(',')`.
 */
export type RankTable = Map<string, number>;

export function buildRankTable(file: RankFile): RankTable {
  const table: RankTable = new Map();
  for (const line of file.bpe_ranks.split('\n')) {
    if (!line) continue;
    const fields = line.split(' ');
    const first = Number.parseInt(fields[1] ?? '', 10);
    for (let i = 2; i < fields.length; i++) {
      // atob yields exactly the byte string we key by (each char 0–255).
      table.set(atob(fields[i] as string), first + i - 2);
    }
  }
  return table;
}

export function isRankFile(value: unknown): value is RankFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<RankFile>;
  return typeof v.pat_str === 'string' && typeof v.bpe_ranks === 'string' && typeof v.special_tokens === 'object';
}

/** Reads `<directory>/<encoding>.json`; the directory is a parameter so tests and the packaged extension share it. */
export async function readRankFile(directory: string, encoding: string): Promise<RankFile> {
  const parsed: unknown = JSON.parse(await readFile(join(directory, `${encoding}.json`), 'utf8'));
  if (!isRankFile(parsed)) throw new Error(`${encoding}.json in ${directory} is not a tokenizer rank file`);
  return parsed;
}
