import * as vscode from 'vscode';
import { ChatActions } from './chat/chatActions';
import { PanelOptions } from './chat/panelOptions';
import { followPersonaWebSearch } from './chat/personaWebSearch';
import { TokenConfidenceChoices } from './chat/tokenConfidenceChoices';
import { ChatViewProvider } from './chat/chatViewProvider';
import { ChatImages } from './chat/chatImages';
import { ConversationPricing } from './chat/conversationPricing';
import { readImageDetail } from './host/imageConfig';
import { registerAllCommands } from './commands/registerAllCommands';
import type { ThreadlineServices } from './commands/services';
import { ConversationService } from './core/conversation/conversationService';
import type { Turn } from './core/conversation/turn';
import { LearnedParameters } from './core/models/learnedParameters';
import type { TokenSnapshot } from './core/tokens/tokenSummary';
import { EndpointSecrets } from './host/endpointSecrets';
import { EndpointRegistry } from './endpoints/endpointRegistry';
import { createEndpointStatusBar } from './endpoints/endpointStatusBar';
import { ModelCatalog } from './endpoints/modelCatalog';
import { LastEditorTracker } from './host/lastEditorTracker';
import { readConfig } from './host/config';
import { configureCoreLocalization } from './host/localization';
import { mementoPersistence } from './host/learnedParametersMemento';
import { startFetchDispatcher } from './host/fetchDispatcher';
import { createLogger } from './host/logger';
import { ProviderFactory } from './host/providerFactory';
import { PersonaRegistry } from './personas/personaRegistry';
import { createPersonaStatusBar } from './personas/personaStatusBar';
import { TokenCounterService } from './tokens/tokenCounterService';
import { ChainMemoryStore } from './core/endpoints/chainMemoryStore';
import { recentAnswerTokens } from './core/pricing/sendEstimate';
import { contextBudgetFor } from './core/endpoints/contextBudget';
import { HistoryController } from './chat/historyController';
import { TRASH_RETENTION_MS } from './core/history';
import { type FileConversationLibrary, openConversationLibrary } from './core/store/conversationLibrary';
import { migrateLegacySlots } from './core/store/legacyMigration';
import { OtherWorkspaces } from './core/store/otherWorkspaces';
import type { Logger } from './core/provider/types';
import { MementoDialectMemory } from './host/dialectMemento';
import { reportLibraryProblems, showOtherWorkspaceDamage, watchOtherWindows } from './host/libraryHost';
import { currentWorkspace, legacySlotDirs } from './host/workspaceIdentity';

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
  configureCoreLocalization();
  const logChannel = vscode.window.createOutputChannel('Threadline', { log: true });
  const logger = createLogger(logChannel);
  const secrets = new EndpointSecrets(context.secrets);
  const endpoints = new EndpointRegistry(logger);
  const learned = new LearnedParameters(mementoPersistence(context.globalState), { onSaveError: (message) => logger.warn(message) });
  const dialects = new MementoDialectMemory(context.globalState, (message) => logger.warn(message));
  const providers = new ProviderFactory(endpoints, secrets, logger, learned, dialects);
  const personas = new PersonaRegistry(logger, (id) => (id ? endpoints.byId(id) : endpoints.active)?.defaultModel);
  const editors = new LastEditorTracker();
  const tokens = new TokenCounterService(context, personas);
  const confidence = new TokenConfidenceChoices(context.workspaceState, learned);
  context.subscriptions.push(
    logChannel, secrets, endpoints, personas, editors, tokens, createPersonaStatusBar(personas), createEndpointStatusBar(endpoints),
    endpoints.onDidChange(() => personas.refresh()), confidence,
  );
  context.subscriptions.push(startFetchDispatcher(logger));

  const services = openLibrary(context, logger).then((library) =>
    openServices(context, { logger, logChannel, secrets, endpoints, catalog: new ModelCatalog(context.globalState), providers, personas, editors, tokens, library }, confidence));
  registerAllCommands(context, services);
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, {
      resolveWebviewView: async (view) => (await services).chatView.resolveWebviewView(view),
    }),
  );

  let transcript: () => readonly Turn[] = () => [];
  const ready = services.then((s) => {
    transcript = () => s.conversation.turns;
    flushOnDeactivate = async () => {
      await s.conversation.dispose();
      await s.library.flush();
    };
  });
  ready.catch((error: unknown) => {
    logger.error(`activation failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Threadline could not start: {0}', error instanceof Error ? error.message : String(error)));
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
  confidence: TokenConfidenceChoices,
): Promise<ThreadlineServices> {
  const { logger, providers, personas, editors, tokens, secrets, endpoints, library } = partial;
  const conversation = await ConversationService.open({
    library,
    providerFactory: (endpointId) => providers.create(endpointId),
    endpointOf: (provider) => providers.endpointOf(provider),
    storeResponses: () => readConfig().store,
    reasoningSummary: () => readConfig().reasoningSummary,
    imageDetail: readImageDetail,
    topLogprobs: (conversationId) => confidence.topLogprobsFor(conversationId),
    logger,
    chainMemory: new ChainMemoryStore({
      load: () => context.globalState.get(ENDPOINT_CHAINS_KEY),
      save: (verdicts) => context.globalState.update(ENDPOINT_CHAINS_KEY, verdicts),
    }),
    contextBudget: (model, endpoint) => contextBudgetFor(model, endpoint, readConfig()),
    countTokens: (model) => async (text) => (await tokens.countText(text, model)).count,
  });
  // The token tooltip prices a typical answer from this conversation's recent ones.
  tokens.followAnswers((model) => recentAnswerTokens(conversation.turns, model));
  const answerEvents = conversation.onEvent({ turnUpdated: () => tokens.answersChanged(), reset: () => tokens.answersChanged() });
  const panelOptions = new PanelOptions(context.workspaceState);
  const pricing = new ConversationPricing();
  const personaWebSearch = followPersonaWebSearch(personas, panelOptions);
  const images = new ChatImages({
    store: library.images,
    conversation,
    logger,
    post: (message) => chatView.post(message),
    asWebviewUri: (file) => chatView.asWebviewUri(file),
  });
  const chatView: ChatViewProvider = new ChatViewProvider(
    context.extensionUri,
    conversation,
    personas,
    new ChatActions(conversation, personas, editors, tokens, panelOptions, images),
    () => providers.canSend(),
    () => endpoints.byId(personas.active.endpoint ?? '') ?? endpoints.active,
    logger,
    panelOptions,
    confidence,
    library.images ? vscode.Uri.file(library.images.root) : undefined,
    images,
    pricing,
  );
  // `threadline.busy` enables the Stop keybinding only while an answer streams.
  const busyEvents = conversation.onEvent({
    busyChanged: (busy) => void vscode.commands.executeCommand('setContext', 'threadline.busy', busy),
  });
  const otherWorkspaces = new OtherWorkspaces({
    root: context.globalStorageUri.fsPath,
    ownKey: library.workspace.key,
    logger,
    onDamage: showOtherWorkspaceDamage,
  });
  const history = new HistoryController({ library, conversation, providers, logger, otherWorkspaces, post: (message) => chatView.post(message) });
  chatView.attachHistory(history);
  const saving = library.onEvents({ saveStateChanged: (state) => chatView.showSaveState(state) });
  context.subscriptions.push(
    chatView,
    pricing,
    panelOptions,
    personaWebSearch,
    history,
    secrets.onDidChange(() => void chatView.postState()),
    endpoints.onDidChange(() => void chatView.postState()),
    { dispose: () => busyEvents.dispose() },
    { dispose: () => answerEvents.dispose() },
    watchOtherWindows(library, conversation, logger),
    { dispose: () => saving.dispose() },
  );
  return { ...partial, context, conversation, chatView };
}

/**
 * The workspace's conversations, keyed by the workspace itself (not VS Code's per-window slot), with what 0.1.0
 * wrote in any of its slots imported once, and damage or an unusable path told to the user instead of failing.
 */
async function openLibrary(context: vscode.ExtensionContext, logger: Logger): Promise<FileConversationLibrary> {
  const library = await openConversationLibrary({ root: context.globalStorageUri.fsPath, workspace: currentWorkspace(), logger });
  context.subscriptions.push(reportLibraryProblems(library), { dispose: () => void library.dispose() });
  const slots = await legacySlotDirs(context);
  if (slots.length > 0) {
    const report = await migrateLegacySlots(library, slots);
    if (report.turns > 0) logger.info(`Imported ${report.turns} turns in ${report.conversationIds.length} conversations from ${report.filesRead} earlier files.`);
  }
  const purged = await library.purgeTrash(TRASH_RETENTION_MS);
  if (purged > 0) logger.info(`Removed ${purged} conversations that were in the trash for more than 30 days.`);
  return library;
}

/** Global state key of what each endpoint taught about its chains (stateless or not). */
const ENDPOINT_CHAINS_KEY = 'threadline.endpointChains';

let flushOnDeactivate: (() => Promise<void>) | undefined;

/** VS Code waits for this promise, so a reply that was streaming when the window closed is on disk. */
export function deactivate(): Promise<void> | undefined {
  return flushOnDeactivate?.();
}
