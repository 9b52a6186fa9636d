import type { ConversationService } from '../core/conversation/conversationService';
import type { Logger } from '../core/provider/types';
import type { LastEditorTracker } from '../host/lastEditorTracker';
import type { ProviderFactory } from '../host/providerFactory';
import type { PersonaRegistry } from '../personas/personaRegistry';
import type { TokenCounterService } from '../tokens/tokenCounterService';

/**
 * src/editor: the editor commands' work on a selection (explain, summarize, extract JSON). It may import core,
 * host and the other host features; the commands in src/commands call it, never the other way round, so what it
 * needs is named here rather than taken from the commands' service bag (which satisfies it).
 */
export interface EditorServices {
  logger: Logger;
  editors: LastEditorTracker;
  personas: PersonaRegistry;
  tokens: TokenCounterService;
  conversation: ConversationService;
  /** Extract JSON sends on its own, outside the conversation. */
  providers: ProviderFactory;
  /** The chat panel, shown before a selection's question becomes a turn in it. */
  chatView: { reveal(): Promise<void> };
}
