import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { processExists } from './checkpoints';
import { TEMP_FILE } from './storeFiles';

/**
 * Atomic writes go through a temporary file that a crash (or a failed write of an older version) can leave
 * behind. One that is old, or whose writing process is gone, will never be renamed into place: it is removed
 * on open. A young one of a live process may be another host's write under way, and is left alone.
 */

const TEMP_AGE_MS = 60_000;

export async function removeStaleTempFiles(dir: string, names: readonly string[], now: number): Promise<number> {
  let removed = 0;
  for (const name of names) {
    const match = TEMP_FILE.exec(name);
    if (!match) continue;
    const path = join(dir, name);
    try {
      const pid = Number(match[1]);
      const stale = (pid !== process.pid && !processExists(pid)) || now - (await fs.stat(path)).mtimeMs > TEMP_AGE_MS;
      if (!stale) continue;
      await fs.rm(path, { force: true });
      removed++;
    } catch {
      // Gone already, or not ours to remove: it costs nothing to leave it.
    }
  }
  return removed;
}
