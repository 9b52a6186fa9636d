import type { Logger } from '../provider/types';
import type { StoreDamage } from './libraryTypes';
import type { FoundDamage } from './logFileReader';
import type { LibraryFileOps } from './storeFiles';
import { backupPath, type LibraryPaths } from './storePaths';
import { errorMessage } from '../errorMessage';

/**
 * Damage found on disk: the raw file is copied aside before anything else, and the user is told once how many
 * records were skipped and where the copy is. What was told is remembered in the index, so the next window (or
 * the next session) does not copy the same file again and repeat itself; new damage in the same file is news.
 */

export interface DamageMemory {
  seen(relativePath: string): { skipped: number; torn: boolean } | undefined;
  remember(relativePath: string, found: FoundDamage): void;
}

/** Whoever hears of damage a read found: this library's log (which copies the file aside), or a read-only one. */
export interface DamageReporter {
  report(path: string, found: FoundDamage, copy?: boolean): Promise<void>;
}

export class DamageLog implements DamageReporter {
  readonly found: StoreDamage[] = [];

  constructor(
    private readonly paths: LibraryPaths,
    private readonly ops: LibraryFileOps,
    private readonly now: () => number,
    private readonly logger: Logger,
    private readonly memory: DamageMemory,
    private readonly tell: (damage: StoreDamage) => void,
  ) {}

  /** `copy` is false for what cannot be copied (a directory where a file should be): it is left where it is. */
  async report(path: string, found: FoundDamage, copy = true): Promise<void> {
    const relative = this.paths.relative(path);
    const seen = this.memory.seen(relative);
    if (seen && seen.skipped >= found.skipped && (seen.torn || !found.torn)) return;
    let backup = path;
    let reason = found.reason;
    let copied = false;
    if (copy) {
      try {
        backup = backupPath(path, this.now());
        await this.ops.copyFile(path, backup);
        copied = true;
      } catch (error) {
        backup = path;
        reason += `; it could not be copied aside (${errorMessage(error)}) and is left untouched`;
      }
    }
    const damage: StoreDamage = { path, backupPath: backup, skippedRecords: found.skipped, tornTail: found.torn, reason };
    this.found.push(damage);
    this.logger.warn(`Conversation library: ${relative}: ${reason}${copied ? `; the file as it was is kept as ${this.paths.relative(backup)}` : ''}.`);
    // Not remembered when the copy failed: the next window tries again.
    if (copied || !copy) this.memory.remember(relative, found);
    try {
      this.tell(damage);
    } catch (error) {
      this.logger.error(`Conversation library: the damage handler failed: ${errorMessage(error)}`);
    }
  }
}
