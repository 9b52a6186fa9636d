import { LibraryConversationHandle } from './conversationHandle';
import { ConversationState, type StateContext } from './conversationState';
import type { LibraryIndex } from './libraryIndex';
import type { StoreHealth } from './libraryTypes';
import type { LibraryPaths } from './storePaths';

export interface LoadedConversationsOptions {
  paths: LibraryPaths;
  context: StateContext;
  checkpointIntervalMs: number;
  health(): StoreHealth;
}

/**
 * The conversations one library has loaded, each merged once and shared: a conversation is read from disk at
 * most once at a time (concurrent opens wait for the same read), and has one handle, so whoever opens it again
 * shares its timers and its streaming turn.
 */
export class LoadedConversations {
  private readonly states = new Map<string, ConversationState>();
  private readonly loading = new Map<string, Promise<ConversationState>>();
  private readonly handles = new Map<ConversationState, LibraryConversationHandle>();

  constructor(private readonly options: LoadedConversationsOptions) {}

  has(conversationId: string): boolean {
    return this.states.has(conversationId);
  }

  get all(): IterableIterator<ConversationState> {
    return this.states.values();
  }

  get openHandles(): IterableIterator<LibraryConversationHandle> {
    return this.handles.values();
  }

  /** The state of a conversation, loaded and merged, whether it exists or not. */
  load(conversationId: string): Promise<ConversationState> {
    const known = this.states.get(conversationId);
    if (known) return Promise.resolve(known);
    let loading = this.loading.get(conversationId);
    if (!loading) {
      const state = new ConversationState(conversationId, this.options.paths.conversationDir(conversationId), this.options.context);
      loading = state.refresh().then(() => {
        this.states.set(conversationId, state);
        this.loading.delete(conversationId);
        return state;
      });
      this.loading.set(conversationId, loading);
    }
    return loading;
  }

  handleFor(state: ConversationState): LibraryConversationHandle {
    let handle = this.handles.get(state);
    if (!handle) {
      const { checkpointIntervalMs, context, health } = this.options;
      handle = new LibraryConversationHandle(state, checkpointIntervalMs, context.staleCheckpointMs / 4, health);
      this.handles.set(state, handle);
    }
    return handle;
  }

  /** Another host purged a conversation this one holds: unless this host wrote to it since, it goes here too. */
  forgetIfPurged(conversationId: string, index: LibraryIndex): void {
    const entry = index.entry(`c:${conversationId}`);
    const state = this.states.get(conversationId);
    if (entry?.op !== 'tombstone' || !state || state.newestOwnAt > entry.at) return;
    state.discard();
    this.forget(state);
  }

  forget(state: ConversationState): void {
    this.states.delete(state.id);
    this.handles.get(state)?.dispose();
    this.handles.delete(state);
  }
}
