import * as l10n from '@vscode/l10n';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Turn } from '../conversation/turn';
import { unindexedConversations } from './conversationDiscovery';
import type { ConversationSummary, WorkspaceIdentity } from './libraryTypes';
import { LogFileReader } from './logFileReader';
import { type IndexEntry, indexKey, isNewer, parseIndexRecord } from './logRecords';
import type { ReadOnlyDamage } from './readOnlyDamage';
import { ReadOnlyConversation } from './readOnlyConversation';
import { LibraryPaths, isConversationId, logWriter } from './storePaths';
import { IDENTITY_FORMAT } from './workspaceDirectory';

/**
 * Another workspace's library, read and never written: its identity (the label the history shows), its index
 * merged from every writer's file like the owning library merges it, and the conversations the index does not
 * name yet (their writer stopped before its summary), summarized from their own logs. Each file is read again
 * only when it changed, so listing again costs a few stats.
 */

const INDEX_CODEC = { parse: parseIndexRecord, key: indexKey };

export interface OtherWorkspaceContext {
  damage: ReadOnlyDamage;
  staleCheckpointMs: number;
}

export class OtherWorkspace {
  readonly paths: LibraryPaths;
  private identity: WorkspaceIdentity | undefined;
  private readonly indexReaders = new Map<string, LogFileReader<IndexEntry>>();
  private winners = new Map<string, IndexEntry>();
  private readonly conversations = new Map<string, ReadOnlyConversation>();
  private unindexed: string[] = [];
  private conversationsDirTime: number | undefined;

  constructor(
    root: string,
    readonly key: string,
    private readonly ctx: OtherWorkspaceContext,
  ) {
    this.paths = new LibraryPaths(root, key);
  }

  /** Every conversation of this workspace (trash included: the caller checks `trashedAt`), purged ones left out. */
  async list(): Promise<ConversationSummary[]> {
    const workspace = await this.readIdentity();
    await this.readIndex();
    const found = await unindexedConversations(this.paths, { entry: (key) => this.winners.get(key) }, this.conversationsDirTime, () => false);
    if (found.time !== this.conversationsDirTime) this.unindexed = found.ids;
    this.conversationsDirTime = found.time;
    const summaries: ConversationSummary[] = [];
    for (const entry of this.winners.values()) {
      if (entry.op === 'summary' && isConversationId(entry.summary.id)) summaries.push({ ...entry.summary, workspace });
    }
    const named = new Set(summaries.map((summary) => summary.id));
    for (const id of this.unindexed) {
      if (named.has(id)) continue;
      const conversation = await this.conversation(id);
      if (conversation.hasContent) summaries.push({ ...conversation.summary(), workspace });
    }
    return summaries;
  }

  /** One conversation's turns as every writer left them, and the summary the list shows of it. */
  async read(conversationId: string): Promise<{ summary: ConversationSummary; turns: readonly Turn[] }> {
    const workspace = await this.readIdentity();
    const conversation = await this.conversation(conversationId);
    if (!conversation.hasContent) throw new Error(l10n.t('No conversation {0} in {1}.', conversationId, workspace.label));
    const entry = this.winners.get(`c:${conversationId}`);
    const summary = entry?.op === 'summary' ? entry.summary : conversation.summary();
    return { summary: { ...summary, workspace }, turns: conversation.turns };
  }

  private async conversation(id: string): Promise<ReadOnlyConversation> {
    let conversation = this.conversations.get(id);
    if (!conversation) {
      conversation = new ReadOnlyConversation(id, this.paths.conversationDir(id), this.ctx.damage, this.ctx.staleCheckpointMs);
      this.conversations.set(id, conversation);
    }
    await conversation.read();
    return conversation;
  }

  private async readIndex(): Promise<void> {
    let names: string[];
    try {
      names = await fs.readdir(this.paths.indexDir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') await this.ctx.damage.report(this.paths.indexDir, { skipped: 0, torn: false, reason: `the index cannot be read (${code ?? String(error)})`, leftInPlace: true });
      names = [];
    }
    for (const name of names) {
      const writer = logWriter(name);
      if (writer && !this.indexReaders.has(writer)) this.indexReaders.set(writer, new LogFileReader(join(this.paths.indexDir, name), writer, INDEX_CODEC));
    }
    const now = Date.now();
    let changed = false;
    for (const reader of this.indexReaders.values()) {
      const read = await reader.read(now);
      if (read.damage) await this.ctx.damage.report(reader.path, read.damage);
      changed ||= read.reset || read.added.length > 0;
    }
    if (!changed) return;
    // Every writer's newest entry per key, merged afresh: a few hundred entries, cheaper than tracking resets.
    const winners = new Map<string, IndexEntry>();
    for (const reader of this.indexReaders.values()) {
      for (const [key, entry] of reader.entries) {
        const current = winners.get(key);
        if (!current || isNewer(entry, current)) winners.set(key, entry);
      }
    }
    this.winners = winners;
  }

  /** Read once; a missing or unreadable identity costs the label only: the workspace is named by its key. */
  private async readIdentity(): Promise<WorkspaceIdentity> {
    if (this.identity) return this.identity;
    const fallback: WorkspaceIdentity = { key: this.key, label: `Workspace ${this.key.slice(0, 8)}`, uris: [] };
    let text: string;
    try {
      text = await fs.readFile(this.paths.identity, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Not written yet (its window is opening): asked again next time.
      if (code === 'ENOENT') return fallback;
      await this.ctx.damage.report(this.paths.identity, { skipped: 0, torn: false, reason: `its identity cannot be read (${code ?? String(error)}); it is listed by its key`, leftInPlace: true });
      return (this.identity = fallback);
    }
    this.identity = parseIdentity(text, this.key) ?? fallback;
    if (this.identity === fallback) await this.ctx.damage.report(this.paths.identity, { skipped: 1, torn: false, reason: 'its identity is not valid; it is listed by its key' });
    return this.identity;
  }
}

/** The label and URIs of an identity file; the key is the directory's, whatever the file says. */
export function parseIdentity(text: string, key: string): WorkspaceIdentity | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { format, label, uris } = raw as { format?: unknown; label?: unknown; uris?: unknown };
  if (format !== IDENTITY_FORMAT || typeof label !== 'string' || label.trim() === '') return undefined;
  const strings = Array.isArray(uris) ? uris.filter((uri): uri is string => typeof uri === 'string') : [];
  return { key, label, uris: strings };
}
