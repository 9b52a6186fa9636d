import type { Logger } from '../provider/types';
import type { DamageReporter } from './damageLog';
import type { StoreDamage } from './libraryTypes';
import type { FoundDamage } from './logFileReader';

/**
 * Damage found in another workspace's files. It is reported like this workspace's own (every readable record
 * is used, the user is told how many were skipped), but nothing is copied aside and nothing is remembered on
 * disk: another workspace's files are only ever read. Each file is reported once per session, again only
 * when more of it is damaged; that workspace's own window backs it up when it next opens it.
 */
export class ReadOnlyDamage implements DamageReporter {
  readonly found: StoreDamage[] = [];
  private readonly told = new Map<string, { skipped: number; torn: boolean }>();

  constructor(
    private readonly logger: Logger,
    private readonly tell: (damage: StoreDamage) => void,
  ) {}

  async report(path: string, found: FoundDamage): Promise<void> {
    const seen = this.told.get(path);
    if (seen && seen.skipped >= found.skipped && (seen.torn || !found.torn)) return;
    this.told.set(path, { skipped: found.skipped, torn: found.torn });
    const damage: StoreDamage = {
      path,
      backupPath: path,
      skippedRecords: found.skipped,
      tornTail: found.torn,
      reason: `${found.reason}; it belongs to another workspace and is left as it is`,
    };
    this.found.push(damage);
    this.logger.warn(`Other workspaces' history: ${path}: ${damage.reason}.`);
    try {
      this.tell(damage);
    } catch (error) {
      this.logger.error(`Other workspaces' history: the damage handler failed: ${String(error)}`);
    }
  }
}
