import { errorMessage } from '../errorMessage';
import type { Logger } from '../provider/types';
import type { ConversationListener } from './conversationTypes';

/** The service's listeners. A failing listener must not break the turn or the other listeners. */
export class ConversationEvents {
  private readonly listeners = new Set<ConversationListener>();

  constructor(private readonly logger: Logger) {}

  on(listener: ConversationListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  emit(call: (listener: ConversationListener) => void): void {
    for (const listener of this.listeners) {
      try {
        call(listener);
      } catch (error) {
        this.logger.error(`Conversation listener failed: ${errorMessage(error)}`);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
