import type { ImageStore } from './imageStore';
import type { Turn } from '../conversation/turn';

/**
 * The contract of the conversation library: every conversation of one workspace (or of the folderless window),
 * kept so that several extension hosts on the same workspace never hide or lose each other's turns.
 * `src/core/store/` implements it on disk; the conversation service, the history and the host use only this.
 */

/** What the history list shows of a conversation without reading its turns. */
export interface ConversationSummary {
  id: string;
  /** The user's title, else the first line of the first user message. */
  title: string;
  /** True when the title was set by the user (rename), not derived. */
  titleSet: boolean;
  createdAt: number;
  /** The newest turn's finish (or start) time, or the creation time of an empty conversation. */
  lastActivity: number;
  turnCount: number;
  /** Sum of the turns' total tokens. */
  totalTokens: number;
  /** Input, cached and output tokens per model, so the host can price them with the current price table. */
  usageByModel: Record<string, { input: number; cached: number; output: number }>;
  /** Persona labels that answered, in order of first appearance. */
  personas: string[];
  pinned: boolean;
  /** Set while the conversation is in the trash (deleted, restorable for 30 days). */
  trashedAt?: number;
  /** Response ids this conversation stored on the server (store: true), for server-side cleanup. */
  storedResponseIds: string[];
  /** The workspace this conversation belongs to (for the "all workspaces" list). */
  workspace: WorkspaceIdentity;
}

/** Which workspace a library belongs to: the folder paths, the `.code-workspace` file, or none. */
export interface WorkspaceIdentity {
  /** Stable key derived from the identity (a hash): the library's directory name. */
  key: string;
  /** What the user reads: folder name(s), the workspace file name, or "No folder". */
  label: string;
  /** Folder URIs or the workspace file URI, as strings; empty for a folderless window. */
  uris: string[];
}

/** What opening a store found that the user must be told about. Nothing here means everything was readable. */
export interface StoreDamage {
  /** The file that was damaged. */
  path: string;
  /** Where the raw file was copied before anything else happened. */
  backupPath: string;
  /** Records that could not be read and are not shown. */
  skippedRecords: number;
  /** The last line was cut short (a crash mid-append). */
  tornTail: boolean;
  reason: string;
}

export type StoreHealth =
  | { kind: 'ok' }
  /** Written by a newer Threadline: shown, never written to, never discarded. */
  | { kind: 'readOnly'; reason: string }
  /** The path cannot be used (a file where a directory should be, no permission): the conversation lives in memory. */
  | { kind: 'memoryOnly'; path: string; reason: string };

export interface LibraryEvents {
  /** Another host changed something (or a refresh found changes): the summaries and/or the open conversation. */
  changed?(change: { conversationIds: string[] }): void;
  /** Writes are failing (or work again): `pending` is how many records wait for the disk. */
  saveStateChanged?(state: { pending: number; lastError?: string }): void;
  /** The library became memory-only, read-only, or usable again (an unusable path that works now). */
  healthChanged?(health: StoreHealth): void;
  /** Damage found after opening (a conversation opened or refreshed); it is also added to `damage`. */
  damageFound?(damage: StoreDamage): void;
}

/** One open conversation: its turns in order, merged from every writer, and the writes this host makes to it. */
export interface ConversationHandle {
  readonly id: string;
  readonly turns: readonly Turn[];
  /** The library's health, or read-only for a conversation that a newer version wrote to. */
  readonly health: StoreHealth;
  /** A new turn starts streaming: it joins the transcript and is checkpointed at once. */
  begin(turn: Turn): void;
  /** The streaming turn changed: checkpoint it, at most once per interval. */
  progress(turn: Turn): void;
  /** A turn reached its final state (or a finished turn changed): one appended record. */
  commit(turn: Turn): Promise<void>;
  remove(turnId: string): Promise<void>;
  /** Re-reads what other writers appended; resolves to true when the turns changed. */
  refresh(): Promise<boolean>;
  flush(): Promise<void>;
}

export interface ConversationLibrary {
  readonly workspace: WorkspaceIdentity;
  readonly health: StoreHealth;
  /** Damage found when opening (or refreshing); each is reported once. */
  readonly damage: readonly StoreDamage[];
  /** Every conversation of this workspace, trash included (check `trashedAt`). */
  list(): Promise<ConversationSummary[]>;
  open(conversationId: string): Promise<ConversationHandle>;
  /** A new, empty conversation (no file is written until its first turn). */
  create(options?: { title?: string }): Promise<ConversationHandle>;
  /** A new conversation holding copies of `turns` (fork, duplicate); their response ids are kept so a fork chains. */
  createFrom(turns: readonly Turn[], options: CreateFromOptions): Promise<ConversationHandle>;
  /** Each conversation's images, by content hash; absent in a library kept only in memory (tests). */
  readonly images?: ImageStore;
  rename(conversationId: string, title: string): Promise<void>;
  setPinned(conversationId: string, pinned: boolean): Promise<void>;
  /** Moves to the trash (restorable); `purgeTrash` removes what has been there longer than the retention. */
  trash(conversationId: string): Promise<void>;
  restore(conversationId: string): Promise<void>;
  purgeTrash(olderThanMs: number): Promise<number>;
  onEvents(events: LibraryEvents): { dispose(): void };
  /** Re-reads what other hosts wrote (called on window focus and before list/search). */
  refresh(): Promise<void>;
  /** Writes everything pending; called on deactivate. */
  flush(): Promise<void>;
  dispose(): Promise<void>;
}

export interface CreateFromOptions {
  title: string;
  forkedFrom?: { conversationId: string; turnId: string };
  /**
   * The folder holding the turns' images (another workspace's, for a copy); a fork's default is its source
   * conversation's folder. The images are linked or copied, so the new conversation never depends on the old.
   */
  imagesFrom?: string;
}
