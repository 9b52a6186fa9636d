import type { Logger } from '../provider/types';
import type { LibraryEvents } from './libraryTypes';
import { errorMessage } from '../errorMessage';

/**
 * The library's listeners. Changes found in one go (a refresh touching several files, a write that read
 * another host's records on its way) reach them as one `changed` event, and a failing listener never breaks
 * the library or the other listeners.
 */
export class LibraryEventHub {
  private readonly listeners = new Set<LibraryEvents>();
  private changedSoon: Set<string> | undefined;

  constructor(private readonly logger: Logger) {}

  add(events: LibraryEvents): { dispose(): void } {
    this.listeners.add(events);
    return { dispose: () => this.listeners.delete(events) };
  }

  changed(conversationId: string): void {
    if (this.changedSoon) {
      this.changedSoon.add(conversationId);
      return;
    }
    this.changedSoon = new Set([conversationId]);
    queueMicrotask(() => {
      const conversationIds = [...(this.changedSoon ?? [])];
      this.changedSoon = undefined;
      this.emit((l) => l.changed?.({ conversationIds }));
    });
  }

  emit(call: (listener: LibraryEvents) => void): void {
    for (const listener of this.listeners) {
      try {
        call(listener);
      } catch (error) {
        this.logger.error(`Conversation library: a listener failed: ${errorMessage(error)}`);
      }
    }
  }
}
