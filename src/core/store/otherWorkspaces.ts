import { type Dirent, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Turn } from '../conversation/turn';
import type { Logger } from '../provider/types';
import { DEFAULT_STALE_CHECKPOINT_MS } from './checkpoints';
import type { ConversationSummary, StoreDamage } from './libraryTypes';
import { OtherWorkspace } from './otherWorkspace';
import { ReadOnlyDamage } from './readOnlyDamage';
import { WORKSPACES_DIR, isConversationId } from './storePaths';

/**
 * The "All workspaces" history: every workspace's library under the root except this window's own, read-only.
 * This window lists their conversations and reads one to copy it here; it never writes to their files (no
 * backups, no index records, no temporary-file cleanup), so a workspace whose window is open elsewhere sees
 * nothing change. Damage is tolerated as in the own library: every readable record is used, and each damaged
 * file is reported once (see readOnlyDamage.ts).
 */

/** Workspace keys are directory names the library made: a hash, or `no-folder`. */
const WORKSPACE_KEY = /^[A-Za-z0-9_-]{1,64}$/;

export interface OtherWorkspacesOptions {
  /** The root the libraries live under (the extension's global storage). */
  root: string;
  /** This window's own workspace, which its library lists: left out here. */
  ownKey: string;
  logger: Logger;
  staleCheckpointMs?: number;
  /** Damage found in another workspace's files, reported once per file. */
  onDamage?: (damage: StoreDamage) => void;
}

export interface OtherConversation {
  summary: ConversationSummary;
  turns: readonly Turn[];
}

export class OtherWorkspaces {
  private readonly workspaces = new Map<string, OtherWorkspace>();
  private readonly damageLog: ReadOnlyDamage;
  private readonly dir: string;

  constructor(private readonly options: OtherWorkspacesOptions) {
    this.dir = join(options.root, WORKSPACES_DIR);
    this.damageLog = new ReadOnlyDamage(options.logger, (damage) => options.onDamage?.(damage));
  }

  /** Damage found so far in other workspaces' files. */
  get damage(): readonly StoreDamage[] {
    return this.damageLog.found;
  }

  /** Every conversation of every other workspace, trash included (check `trashedAt`), most recent first. */
  async list(): Promise<ConversationSummary[]> {
    const keys = await this.keys();
    for (const key of [...this.workspaces.keys()]) if (!keys.includes(key)) this.workspaces.delete(key);
    const lists = await Promise.all(keys.map(async (key) => {
      try {
        return await this.workspace(key).list();
      } catch (error) {
        // One workspace that cannot be read costs its own entries only.
        this.options.logger.warn(`Other workspaces' history: ${key} cannot be listed: ${String(error)}`);
        return [];
      }
    }));
    return lists.flat().sort((a, b) => b.lastActivity - a.lastActivity || (a.id < b.id ? -1 : 1));
  }

  /** One conversation of another workspace, as every writer left it; throws for this window's own workspace. */
  async read(workspaceKey: string, conversationId: string): Promise<OtherConversation> {
    if (workspaceKey === this.options.ownKey) throw new Error('That conversation belongs to this workspace.');
    if (!WORKSPACE_KEY.test(workspaceKey)) throw new Error(`Not a workspace key: ${JSON.stringify(workspaceKey)}`);
    if (!isConversationId(conversationId)) throw new Error(`Not a conversation id: ${JSON.stringify(conversationId)}`);
    return this.workspace(workspaceKey).read(conversationId);
  }

  private workspace(key: string): OtherWorkspace {
    let workspace = this.workspaces.get(key);
    if (!workspace) {
      workspace = new OtherWorkspace(this.options.root, key, {
        damage: this.damageLog,
        staleCheckpointMs: this.options.staleCheckpointMs ?? DEFAULT_STALE_CHECKPOINT_MS,
      });
      this.workspaces.set(key, workspace);
    }
    return workspace;
  }

  private async keys(): Promise<string[]> {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(this.dir, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') await this.damageLog.report(this.dir, { skipped: 0, torn: false, reason: `the workspaces cannot be listed (${code ?? String(error)})`, leftInPlace: true });
      return [];
    }
    return entries.filter((entry) => entry.isDirectory() && entry.name !== this.options.ownKey && WORKSPACE_KEY.test(entry.name)).map((entry) => entry.name);
  }
}
