import * as vscode from 'vscode';
import { ChatActions } from './chat/chatActions';
import { ChatViewProvider } from './chat/chatViewProvider';
import { registerAllCommands } from './commands/registerAllCommands';
import type { ThreadlineServices } from './commands/services';
import { ConversationService } from './core/conversation/conversationService';
import type { Turn } from './core/conversation/turn';
import { LearnedParameters } from './core/models/learnedParameters';
import type { TokenSnapshot } from './core/tokens/tokenSummary';
import { ApiKeyStore } from './host/apiKeyStore';
import { LastEditorTracker } from './host/lastEditorTracker';
import { readConfig } from './host/config';
import { mementoPersistence } from './host/learnedParametersMemento';
import { createLogger } from './host/logger';
import { ProviderFactory } from './host/providerFactory';
import { PersonaRegistry } from './personas/personaRegistry';
import { createPersonaStatusBar } from './personas/personaStatusBar';
import { TokenCounterService } from './tokens/tokenCounterService';
import { ChainMemoryStore } from './core/endpoints/chainMemoryStore';
import { contextBudgetFor } from './core/endpoints/contextBudget';

/** What `activate` returns: a small read-only surface for other extensions and the integration tests. */
export interface ThreadlineApi {
  /** Resolves once the conversation store is loaded and every service is ready. */
  ready: Promise<void>;
  getTranscript(): readonly Turn[];
  hasApiKey(): Promise<boolean>;
  /** Milliseconds spent in `activate` itself. */
  activationMs: number;
  /** What the token counter in the status bar shows now, and its figures. */
  tokenStatus(): { text: string; snapshot: TokenSnapshot };
}

/**
 * Activation only wires things together; anything that reads disk or loads large modules (the transcript,
 * tokenizer ranks) happens after it returns, so the editor never waits for Threadline.
 */
export function activate(context: vscode.ExtensionContext): ThreadlineApi {
  const started = performance.now();
  const logChannel = vscode.window.createOutputChannel('Threadline', { log: true });
  const logger = createLogger(logChannel);
  const apiKeys = new ApiKeyStore(context.secrets);
  const learned = new LearnedParameters(mementoPersistence(context.globalState), { onSaveError: (message) => logger.warn(message) });
  const providers = new ProviderFactory(apiKeys, logger, learned);
  const personas = new PersonaRegistry(logger);
  const editors = new LastEditorTracker();
  const tokens = new TokenCounterService(context, personas);
  context.subscriptions.push(logChannel, apiKeys, personas, editors, tokens, createPersonaStatusBar(personas));

  const services = openServices(context, { logger, logChannel, apiKeys, providers, personas, editors, tokens });
  registerAllCommands(context, services);
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, {
      resolveWebviewView: async (view) => (await services).chatView.resolveWebviewView(view),
    }),
  );

  let transcript: () => readonly Turn[] = () => [];
  const ready = services.then((s) => {
    transcript = () => s.conversation.turns;
    flushOnDeactivate = () => s.conversation.dispose();
  });
  ready.catch((error: unknown) => {
    logger.error(`activation failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    void vscode.window.showErrorMessage(`Threadline could not start: ${error instanceof Error ? error.message : String(error)}`);
  });
  const activationMs = performance.now() - started;
  logger.info(`activated in ${activationMs.toFixed(1)} ms`);
  return {
    ready,
    getTranscript: () => transcript(),
    hasApiKey: () => providers.canSend(),
    activationMs,
    tokenStatus: () => ({ text: tokens.statusText, snapshot: tokens.snapshot }),
  };
}

async function openServices(
  context: vscode.ExtensionContext,
  partial: Omit<ThreadlineServices, 'context' | 'conversation' | 'chatView'>,
): Promise<ThreadlineServices> {
  const { logger, providers, personas, editors, tokens, apiKeys } = partial;
  // One conversation per workspace; a window without a folder gets one shared "no workspace" conversation.
  const storageDir = (context.storageUri ?? vscode.Uri.joinPath(context.globalStorageUri, 'no-workspace')).fsPath;
  const { service: conversation, recoveredFromCorruption } = await ConversationService.open({
    storageDir,
    providerFactory: () => providers.create(),
    storeResponses: () => vscode.workspace.getConfiguration('threadline').get<boolean>('store', true),
    reasoningSummary: () => readConfig().reasoningSummary,
    logger,
    onWriteError: (message) => void vscode.window.showWarningMessage(message),
    chainMemory: new ChainMemoryStore({
      load: () => context.globalState.get(ENDPOINT_CHAINS_KEY),
      save: (verdicts) => context.globalState.update(ENDPOINT_CHAINS_KEY, verdicts),
    }),
    contextBudget: (model, endpoint) => contextBudgetFor(model, endpoint, readConfig()),
    countTokens: (model) => async (text) => (await tokens.countText(text, model)).count,
  });
  if (recoveredFromCorruption) {
    void vscode.window.showWarningMessage(
      `Threadline: the saved conversation could not be read (${recoveredFromCorruption.reason}). It was kept as ${recoveredFromCorruption.backupPath} and a new conversation was started.`,
    );
  }
  const chatView = new ChatViewProvider(
    context.extensionUri,
    conversation,
    personas,
    new ChatActions(conversation, personas, editors, tokens),
    () => providers.canSend(),
    logger,
  );
  // `threadline.busy` enables the Stop keybinding only while an answer streams.
  const busyEvents = conversation.onEvent({
    busyChanged: (busy) => void vscode.commands.executeCommand('setContext', 'threadline.busy', busy),
  });
  context.subscriptions.push(chatView, apiKeys.onDidChange(() => void chatView.postState()), { dispose: () => busyEvents.dispose() });
  return { ...partial, context, conversation, chatView };
}

/** Global state key of what each endpoint taught about its chains (stateless or not). */
const ENDPOINT_CHAINS_KEY = 'threadline.endpointChains';

let flushOnDeactivate: (() => Promise<void>) | undefined;

/** VS Code waits for this promise, so a reply that was streaming when the window closed is on disk. */
export function deactivate(): Promise<void> | undefined {
  return flushOnDeactivate?.();
}
