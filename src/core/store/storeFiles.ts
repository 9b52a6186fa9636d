import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Durable file operations for the conversation store. A reader must only ever see a whole old file or a whole
 * new one, so full rewrites go to a temporary file that is flushed to disk and then renamed over the target.
 */

/** The writes the store makes to its log and archives; swappable so a test can make the disk fail or hang. */
export interface StoreFileOps {
  appendLines(path: string, lines: string): Promise<void>;
  writeFileAtomic(path: string, content: string): Promise<void>;
}

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await replaceFile(path, content);
  await syncDirectory(dirname(path));
}

/**
 * Writes `data` to a temporary file beside `path`, flushes it and renames it over `path`. writeFileAtomic also
 * syncs the directory afterwards; the image store writes with this alone.
 */
export async function replaceFile(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.tmp`);
  try {
    const handle = await fs.open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
  } catch (error) {
    // A full disk fails the write half-way: the partial temporary file must not stay behind.
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Temporary files are named `.<target>.<pid>.<random>.tmp`; the pid tells whether their writer may still run. */
export const TEMP_FILE = /^\..+\.(\d+)\.[0-9a-z]+\.tmp$/;

/**
 * Appends whole lines and flushes them. A crash can at worst leave the last line torn, which the loader
 * recognises (no trailing newline) and drops.
 */
export async function appendLines(path: string, lines: string): Promise<void> {
  const handle = await fs.open(path, 'a');
  try {
    await handle.appendFile(lines, 'utf8');
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

export const DURABLE_FILE_OPS: StoreFileOps = { appendLines, writeFileAtomic };

/**
 * Everything the conversation library changes on disk goes through here, so a test can make the disk full or
 * unwritable without a tmpfs. Reads use `fs` directly: a failing read is already damage the reader handles.
 */
export interface LibraryFileOps extends StoreFileOps {
  mkdir(path: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  /** Removes a file; a missing one is not an error. */
  remove(path: string): Promise<void>;
}

export const DURABLE_LIBRARY_OPS: LibraryFileOps = {
  ...DURABLE_FILE_OPS,
  mkdir: async (path) => {
    await fs.mkdir(path, { recursive: true });
  },
  copyFile: (from, to) => fs.copyFile(from, to),
  remove: removeIfExists,
};

export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** True when the file is still as it was seen (same size and time): nobody wrote to it since. */
export async function unchangedSince(path: string, seen: { size: number; mtimeMs: number } | undefined): Promise<boolean> {
  if (!seen) return false;
  try {
    const stat = await fs.stat(path);
    return stat.size === seen.size && stat.mtimeMs === seen.mtimeMs;
  } catch {
    return false;
  }
}

export async function removeIfExists(path: string): Promise<void> {
  await fs.rm(path, { force: true });
}

/** A renamed file survives a power cut only once its directory entry is on disk; not every platform allows this. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: some file systems refuse fsync on directories.
  } finally {
    await handle?.close();
  }
}

/** A filesystem-safe timestamp for backup and archive names, sortable by time. */
export function fileStamp(time: number): string {
  return new Date(time).toISOString().replace(/[:.]/g, '-');
}
