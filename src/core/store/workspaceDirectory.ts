import * as l10n from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import type { StoreHealth, WorkspaceIdentity } from './libraryTypes';
import type { SaveTarget } from './saveQueue';
import type { LibraryFileOps } from './storeFiles';
import type { LibraryPaths } from './storePaths';
import { errorMessage } from '../errorMessage';

/**
 * The workspace's directory and its `identity.json`. Whether they can be used decides the library's health:
 *   - a path that cannot be used (a file where the directory should be, no permission) makes it memory-only:
 *     nothing throws, chat works in memory, and this target stays on the save queue, so the directory is tried
 *     again with the queue's backoff until it works, and then everything pending is written;
 *   - an identity written by a newer Threadline makes it read-only: shown, never written, never discarded.
 */

export const IDENTITY_FORMAT = 'threadline-workspace';
export const IDENTITY_VERSION = 1;

export class WorkspaceDirectory implements SaveTarget {
  readonly order = 0;
  readonly pendingCount = 0;
  health: StoreHealth = { kind: 'ok' };

  constructor(
    private readonly paths: LibraryPaths,
    private readonly identity: WorkspaceIdentity,
    private readonly ops: LibraryFileOps,
    private readonly healthChanged: (health: StoreHealth) => void,
  ) {}

  get needsWrite(): boolean {
    return this.health.kind === 'memoryOnly';
  }

  /** At open: never throws; what fails shows in `health`. */
  async prepare(): Promise<void> {
    try {
      await this.write();
    } catch {
      // Recorded in health by write().
    }
  }

  async write(): Promise<void> {
    try {
      await this.ops.mkdir(this.paths.workspaceDir);
      await this.writeIdentity();
    } catch (error) {
      this.setHealth({ kind: 'memoryOnly', path: this.paths.workspaceDir, reason: describeFailure(error) });
      throw error;
    }
    if (this.health.kind === 'memoryOnly') this.setHealth({ kind: 'ok' });
  }

  /** A newer Threadline found elsewhere (an index or log header) makes the whole library read-only. */
  markReadOnly(reason: string): void {
    if (this.health.kind !== 'readOnly') this.setHealth({ kind: 'readOnly', reason });
  }

  /** Written once; every host writes the same content, so whoever wins the rename changes nothing. */
  private async writeIdentity(): Promise<void> {
    let text: string | undefined;
    try {
      text = await fs.readFile(this.paths.identity, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A directory in its place costs the label only: the library itself is usable.
      if (code === 'EISDIR') return;
      if (code !== 'ENOENT') throw error;
    }
    if (text !== undefined) {
      const version = readVersion(text);
      if (version !== undefined && version > IDENTITY_VERSION) {
        this.markReadOnly(l10n.t("this workspace's conversations were written by a newer version of Threadline (format {0})", version));
      }
      if (version !== undefined) return;
    }
    const identity = { format: IDENTITY_FORMAT, version: IDENTITY_VERSION, ...this.identity };
    await this.ops.writeFileAtomic(this.paths.identity, `${JSON.stringify(identity, null, 2)}\n`);
  }

  private setHealth(health: StoreHealth): void {
    const same = JSON.stringify(health) === JSON.stringify(this.health);
    this.health = health;
    if (!same) this.healthChanged(health);
  }
}

function readVersion(text: string): number | undefined {
  try {
    const parsed = JSON.parse(text) as { format?: unknown; version?: unknown };
    return parsed.format === IDENTITY_FORMAT && typeof parsed.version === 'number' ? parsed.version : undefined;
  } catch {
    return undefined;
  }
}

/** What the user reads about a path that cannot be used. */
export function describeFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return l10n.t('a file stands where a directory should be ({0})', code);
    case 'EACCES':
    case 'EPERM':
      return l10n.t('no permission to write there ({0})', code);
    case 'EROFS':
      return l10n.t('the file system is read-only (EROFS)');
    case 'ENOSPC':
      return l10n.t('the disk is full (ENOSPC)');
    default:
      return errorMessage(error);
  }
}
