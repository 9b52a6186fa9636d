import type * as vscode from 'vscode';
import type { ChatViewProvider } from '../chat/chatViewProvider';
import type { ConversationService } from '../core/conversation/conversationService';
import type { ConversationLibrary } from '../core/store/libraryTypes';
import type { Logger } from '../core/provider/types';
import type { EndpointRegistry } from '../endpoints/endpointRegistry';
import type { ModelCatalog } from '../endpoints/modelCatalog';
import type { EndpointSecrets } from '../host/endpointSecrets';
import type { LastEditorTracker } from '../host/lastEditorTracker';
import type { ProviderFactory } from '../host/providerFactory';
import type { PersonaRegistry } from '../personas/personaRegistry';
import type { TokenCounterService } from '../tokens/tokenCounterService';
import type { CommandId } from './commandIds';

/** What commands work with. Built once in `activate` and handed to every command. */
export interface ThreadlineServices {
  context: vscode.ExtensionContext;
  logger: Logger;
  logChannel: vscode.LogOutputChannel;
  /** A key per endpoint profile. */
  secrets: EndpointSecrets;
  endpoints: EndpointRegistry;
  /** What each endpoint's `models.list` returned, for the model picker. */
  catalog: ModelCatalog;
  providers: ProviderFactory;
  personas: PersonaRegistry;
  conversation: ConversationService;
  /** Every conversation of the workspace: the history. */
  library: ConversationLibrary;
  chatView: ChatViewProvider;
  editors: LastEditorTracker;
  tokens: TokenCounterService;
}

export interface CommandDefinition {
  id: CommandId;
  create(services: ThreadlineServices): (...args: unknown[]) => unknown;
}
