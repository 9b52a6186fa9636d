import type { ConversationLibrary } from '../store/libraryTypes';

/**
 * Whether the library found another window's records in the shown conversation since the panel was last given
 * all of it. The library's own refresh (on focus, before a list) or a save reads them first, and then the store's
 * refresh finds nothing new, so this is what tells the service's `refresh` the panel is behind.
 */
export class OtherWindowWrites {
  /** Set when another window wrote to the shown conversation; the service clears it once the panel has it all. */
  changed = false;
  private readonly subscription: { dispose(): void };

  constructor(library: ConversationLibrary, shownId: () => string) {
    this.subscription = library.onEvents({
      changed: ({ conversationIds }) => {
        if (conversationIds.includes(shownId())) this.changed = true;
      },
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
