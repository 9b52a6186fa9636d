import * as l10n from '@vscode/l10n';
import { stopStreamingAnswers } from '../conversation/fanOutAnswers';
import type { Turn } from '../conversation/turn';
import { DEFAULT_STALE_CHECKPOINT_MS, LIVE_WRITERS } from './checkpoints';
import type { LibraryConversationHandle } from './conversationHandle';
import type { ConversationState, StateContext } from './conversationState';
import { DamageLog } from './damageLog';
import { LibraryEventHub } from './libraryEvents';
import { LibraryIndex } from './libraryIndex';
import { LoadedConversations } from './loadedConversations';
import type { FoundDamage } from './logFileReader';
import type { ConversationLibrary, ConversationSummary, CreateFromOptions, LibraryEvents, StoreDamage, StoreHealth, WorkspaceIdentity } from './libraryTypes';
import { SaveQueue } from './saveQueue';
import { DURABLE_LIBRARY_OPS, type LibraryFileOps } from './storeFiles';
import type { LibraryOptions } from './libraryOptions';
import { LibraryPaths, isConversationId, newConversationId, newWriterId } from './storePaths';
import { errorMessage } from '../errorMessage';
import { unindexedConversations } from './conversationDiscovery';
import { purgeConversation } from './trashPurge';
import { ImageStore, imagesOf } from './imageStore';
import { WorkspaceDirectory } from './workspaceDirectory';
import { workspaceIdentity } from './workspaceIdentity';
import { WriterClock } from './writerClock';

/**
 * core/store: every conversation of a workspace, kept on disk so that several extension hosts on the same
 * workspace (two windows, two code-server tabs, a host left over from a closed tab) never hide or lose each
 * other's turns. Pure Node: the host gives it a root directory (global storage) and the workspace's URIs. The
 * conversation service, the history and the host use it through `libraryTypes.ts` only.
 *
 * Layout (storePaths.ts): `<root>/workspaces/<key>/` per workspace, the key a hash of its identity (the
 * folders, or the .code-workspace file; `no-folder` for every folderless window), with `identity.json`, an
 * `index/` and one directory per conversation under `conversations/`.
 *
 * Concurrency: one append-only log per writer, merged on read. Each library instance is a writer with a random
 * id and only ever appends to, compacts or rewrites its own files: `<writerId>.jsonl` per conversation (turn
 * put/remove and meta records, each stamped with time, writer and sequence), `<writerId>.inflight.json` (its
 * streaming turn), `index/<writerId>.jsonl` (summaries). Readers merge all writers' files; per turn id, meta
 * field and index key the greatest stamp wins, so every host computes the same conversation, and New
 * Conversation, delete or compaction on one host cannot rewrite records it has not read. A writer's stamp is
 * later than everything it has read (writerClock.ts), so a change made after seeing another's wins over it.
 * A summary is stamped before the refresh it is computed from, and the refresh starts after its writer's own
 * records reached the disk; so the newest summary has seen every record appended before it was stamped, and
 * a record appended later is followed by its writer's own, newer summary. Only a writer that stopped between
 * its record and its summary leaves the index behind; opening that conversation mends it.
 *
 * Refreshing stats every known file and reads only what grew (logFileReader.ts); it runs on the host's request
 * (window focus, before listing), never on a watcher, so correctness does not hang on file events.
 * Damage costs only what is damaged (damageLog.ts); write failures are retried with backoff (saveQueue.ts);
 * an unusable path leaves the library in memory (workspaceDirectory.ts); another host's streaming turn shows,
 * as stopped, only once that host is surely gone (checkpoints.ts); 0.1.0 data is imported by legacyMigration.ts.
 */

export type { LibraryOptions } from './libraryOptions';

export async function openConversationLibrary(options: LibraryOptions): Promise<FileConversationLibrary> {
  const library = new FileConversationLibrary(options);
  await library.start();
  return library;
}

export class FileConversationLibrary implements ConversationLibrary {
  readonly workspace: WorkspaceIdentity;
  readonly writerId = newWriterId();
  readonly paths: LibraryPaths;
  readonly images: ImageStore;
  readonly index: LibraryIndex;
  private readonly ops: LibraryFileOps;
  private readonly now: () => number;
  private readonly clock: WriterClock;
  private readonly queue: SaveQueue;
  private readonly directory: WorkspaceDirectory;
  private readonly damageLog: DamageLog;
  private readonly loaded: LoadedConversations;
  private readonly events: LibraryEventHub;
  private readonly context: StateContext;
  private conversationsDirTime: number | undefined;

  constructor(private readonly options: LibraryOptions) {
    this.events = new LibraryEventHub(options.logger);
    this.workspace = workspaceIdentity(options.workspace);
    this.paths = new LibraryPaths(options.root, this.workspace.key);
    this.images = new ImageStore(this.paths.imagesDir);
    this.ops = { ...DURABLE_LIBRARY_OPS, ...options.fileOps };
    this.now = options.now ?? Date.now;
    this.clock = new WriterClock(this.now);
    this.queue = new SaveQueue({
      logger: options.logger,
      initialRetryMs: options.initialRetryMs,
      maxRetryMs: options.maxRetryMs,
      writable: () => this.health.kind !== 'readOnly',
      onState: (state) => this.events.emit((l) => l.saveStateChanged?.(state)),
    });
    this.directory = new WorkspaceDirectory(this.paths, this.workspace, this.ops, (health) => this.healthChanged(health));
    const save = this.queue.save.bind(this.queue);
    this.index = new LibraryIndex(this.paths.indexDir, { writerId: this.writerId, ops: this.ops, now: this.now, clock: this.clock, save });
    this.damageLog = new DamageLog(this.paths, this.ops, this.now, options.logger, this.index, (damage) => this.events.emit((l) => l.damageFound?.(damage)));
    this.context = {
      writerId: this.writerId,
      ops: this.ops,
      now: this.now,
      clock: this.clock,
      staleCheckpointMs: options.staleCheckpointMs ?? DEFAULT_STALE_CHECKPOINT_MS,
      damage: this.damageLog,
      canWrite: () => this.health.kind !== 'readOnly',
      canRead: () => this.health.kind !== 'memoryOnly',
      save,
      indexSummary: (id) => this.index.summary(id),
      putSummary: (summary, stamp) => void this.index.put({ op: 'summary', summary }, stamp),
      changed: (id) => this.events.changed(id),
    };
    this.loaded = new LoadedConversations({
      paths: this.paths,
      context: this.context,
      checkpointIntervalMs: options.checkpointIntervalMs ?? 500,
      health: () => this.health,
    });
  }

  /** Never throws: an unusable directory makes the library memory-only, and `health` says why. */
  async start(): Promise<void> {
    LIVE_WRITERS.add(this.writerId);
    await this.directory.prepare();
    if (this.directory.health.kind === 'memoryOnly') {
      this.options.logger.error(`Conversation library: ${this.directory.health.path} cannot be used (${this.directory.health.reason}); conversations are kept in memory until it can.`);
      void this.queue.save(this.directory);
      return;
    }
    await this.refresh().catch((error: unknown) => this.options.logger.error(`Conversation library: reading failed: ${errorMessage(error)}`));
  }

  get health(): StoreHealth {
    return this.directory.health;
  }

  get damage(): readonly StoreDamage[] {
    return this.damageLog.found;
  }

  get pendingWrites(): number {
    return this.queue.pending;
  }

  /** Pinned first, then the most recent activity; trash included (the caller checks `trashedAt`). */
  async list(): Promise<ConversationSummary[]> {
    const summaries = new Map<string, ConversationSummary>();
    for (const entry of this.index.conversations()) {
      if (entry.op === 'summary') summaries.set(entry.summary.id, { ...entry.summary, workspace: this.workspace });
    }
    // What this host holds is at least as new as the index, and includes what has not reached the disk yet.
    for (const state of this.loaded.all) {
      if (state.hasContent) summaries.set(state.id, { ...state.summary(), workspace: this.workspace });
    }
    return [...summaries.values()].sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.lastActivity - a.lastActivity || (a.id < b.id ? -1 : 1));
  }

  async open(conversationId: string): Promise<LibraryConversationHandle> {
    if (!isConversationId(conversationId)) throw new Error(`Not a conversation id: ${JSON.stringify(conversationId)}`);
    return this.loaded.handleFor(await this.load(conversationId));
  }

  async create(options: { title?: string } = {}): Promise<LibraryConversationHandle> {
    const state = await this.load(newConversationId());
    state.holdUntilFirstTurn();
    state.setMeta('createdAt', this.now());
    if (options.title?.trim()) state.setMeta('title', options.title.trim());
    return this.loaded.handleFor(state);
  }

  async createFrom(turns: readonly Turn[], options: CreateFromOptions): Promise<LibraryConversationHandle> {
    const state = await this.load(newConversationId());
    const imagesFrom = options.imagesFrom ?? (options.forkedFrom ? this.images.dirOf(options.forkedFrom.conversationId) : undefined);
    if (imagesFrom) await this.images.copyImages(imagesFrom, state.id, imagesOf(turns));
    state.setMeta('createdAt', this.now());
    state.setMeta('title', options.title.trim() || null);
    if (options.forkedFrom) state.setMeta('forkedFrom', options.forkedFrom);
    // A copy of a turn still streaming in the source is a stopped turn here: nothing will finish it in this one.
    for (const turn of turns) state.record({ op: 'put', turn: turn.status === 'streaming' ? { ...stopStreamingAnswers(structuredClone(turn)), status: 'stopped' } : structuredClone(turn) });
    await state.save();
    return this.loaded.handleFor(state);
  }

  async rename(conversationId: string, title: string): Promise<void> {
    // An empty title goes back to the one derived from the first message.
    await this.changeMeta(conversationId, (state) => state.setMeta('title', title.trim() || null));
  }

  async setPinned(conversationId: string, pinned: boolean): Promise<void> {
    await this.changeMeta(conversationId, (state) => state.setMeta('pinned', pinned));
  }

  async trash(conversationId: string): Promise<void> {
    await this.changeMeta(conversationId, (state) => state.setMeta('trashedAt', this.now()));
  }

  async restore(conversationId: string): Promise<void> {
    await this.changeMeta(conversationId, (state) => state.setMeta('trashedAt', null));
  }

  /** Conversations in the trash for longer than `olderThanMs`, that every writer agrees are trashed, go for good. */
  async purgeTrash(olderThanMs: number): Promise<number> {
    if (this.health.kind !== 'ok') return 0;
    await this.refresh();
    const cutoff = this.now() - olderThanMs;
    const candidates = new Set<string>();
    for (const summary of await this.list()) if (summary.trashedAt !== undefined && summary.trashedAt <= cutoff) candidates.add(summary.id);
    let purged = 0;
    for (const id of candidates) {
      const state = await this.load(id);
      await state.refresh();
      if (!(await purgeConversation(state, cutoff, { index: this.index, ops: this.ops, now: this.now(), staleMs: this.context.staleCheckpointMs }))) continue;
      this.loaded.forget(state);
      await this.images.removeConversation(id).catch((error: unknown) => this.options.logger.warn(`Images of ${id} not removed: ${errorMessage(error)}`));
      purged++;
      this.events.changed(id);
    }
    return purged;
  }

  onEvents(events: LibraryEvents): { dispose(): void } {
    return this.events.add(events);
  }

  /** Re-reads what other hosts wrote: changed files only, plus conversations that appeared without a summary. */
  async refresh(): Promise<void> {
    if (this.health.kind === 'memoryOnly') return;
    const changed = await this.index.refresh(this.damageLog);
    if (this.index.newerVersion !== undefined) this.directory.markReadOnly(l10n.t("this workspace's history was written by a newer version of Threadline (format {0})", this.index.newerVersion));
    for (const id of changed) {
      this.events.changed(id);
      this.loaded.forgetIfPurged(id, this.index);
    }
    const dirTime = await unindexedConversations(this.paths, this.index, this.conversationsDirTime, (id) => this.loaded.has(id));
    this.conversationsDirTime = dirTime.time;
    for (const id of dirTime.ids) await this.load(id);
    await Promise.all([...this.loaded.all].map((state) => state.refresh()));
  }

  async flush(): Promise<void> {
    await Promise.all([...this.loaded.openHandles].map((handle) => handle.flush()));
    await this.queue.kick();
  }

  async dispose(): Promise<void> {
    await this.flush();
    for (const handle of this.loaded.openHandles) handle.dispose();
    this.queue.dispose();
    LIVE_WRITERS.delete(this.writerId);
    if (this.queue.pending > 0) this.options.logger.error(`Conversation library: closing with ${this.queue.pending} records not written.`);
  }

  /** For the migration: the state of a conversation, loaded and merged, whether it exists or not. */
  load(conversationId: string): Promise<ConversationState> {
    return this.loaded.load(conversationId);
  }

  /** For the migration: damage in a 0.1.0 file, reported like any other. */
  reportDamage(path: string, found: FoundDamage): Promise<void> {
    return this.damageLog.report(path, found, !found.leftInPlace);
  }

  private async changeMeta(conversationId: string, change: (state: ConversationState) => void): Promise<void> {
    if (!isConversationId(conversationId)) throw new Error(`Not a conversation id: ${JSON.stringify(conversationId)}`);
    const state = await this.load(conversationId);
    const readOnly = state.readOnlyReason ?? (this.health.kind === 'readOnly' ? this.health.reason : undefined);
    if (readOnly) throw new Error(l10n.t('The conversation cannot be changed: {0}.', readOnly));
    state.release();
    change(state);
    await state.save();
  }

  private healthChanged(health: StoreHealth): void {
    this.events.emit((l) => l.healthChanged?.(health));
    // The directory became usable: what other hosts wrote there meanwhile is read now.
    if (health.kind === 'ok') void this.refresh().catch(() => undefined);
  }
}
