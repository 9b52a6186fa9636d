import * as vscode from 'vscode';
import { buildChatHtml, createNonce } from '../core/chatHtml';
import { webviewLocale } from '../host/localization';
import { displayBaseUrl } from '../core/endpoints/endpoint';
import type { ConversationService } from '../core/conversation/conversationService';
import { parseWebviewMessage, type HostToWebview, type PanelState, type WebviewToHost } from '../core/protocol';
import type { Logger } from '../core/provider/types';
import type { PersonaRegistry } from '../personas/personaRegistry';
import type { ChatActions } from './chatActions';
import type { ChatImages } from './chatImages';
import { type HistoryController, isHistoryMessage } from './historyController';
import type { PanelOptions } from './panelOptions';
import type { TokenConfidenceChoices } from './tokenConfidenceChoices';
import { TranscriptFeed } from './transcriptFeed';
import type { ConversationPricing } from './conversationPricing';
import type { ConversationCost } from '../core/pricing/usageCost';
import { DisposableOwner } from '../host/disposables';

/**
 * The side-panel chat. It owns only the webview: turning conversation events into protocol messages and
 * validated webview messages into actions. It posts nothing until the webview says `ready`, and re-sends the
 * transcript on every `ready`, which is what restores it after a reload or after the view was hidden: the newest
 * turns at once, older ones in pages as the webview asks for them (TranscriptFeed).
 */
export class ChatViewProvider extends DisposableOwner implements vscode.WebviewViewProvider {
  static readonly viewId = 'threadline.chatView';
  private view: vscode.WebviewView | undefined;
  private ready = false;
  /** Focus Chat Input ran before the webview was listening: focus the prompt once it is. */
  private focusInputWhenReady = false;
  /** A search hit to show, asked for before the webview was listening (the panel was closed): shown after its init. */
  private revealWhenReady: string | undefined;
  private history: HistoryController | undefined;
  private saveState: { pending: number; lastError?: string } = { pending: 0 };
  private readonly feed: TranscriptFeed;
  /** The `init` waiting for the panel state, if any: a `revealTurn` for the new transcript must not overtake it. */
  private initPosting: Promise<void> | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly conversation: ConversationService,
    private readonly personas: PersonaRegistry,
    private readonly actions: ChatActions,
    private readonly canSend: () => Promise<boolean>,
    /** The endpoint the next turn goes to: its profile, and the URL to show. */
    private readonly endpoint: () => { id: string; label: string; baseUrl: string },
    private readonly logger: Logger,
    private readonly options: PanelOptions,
    private readonly confidence?: TokenConfidenceChoices,
    /** The workspace's image folder (all conversations'), the one local folder the page may read besides its own. */
    private readonly imagesRoot?: vscode.Uri,
    private readonly images?: ChatImages,
    /** Prices each answer and the conversation's total; without it the panel shows tokens only. */
    private readonly pricing?: ConversationPricing,
  ) {
    super();
    this.feed = new TranscriptFeed(() => conversation.turns);
    const events = conversation.onEvent({
      turnStarted: (turn) => this.post({ type: 'turnStarted', turn }),
      delta: (turnId, channel, text) => this.post({ type: 'delta', turnId, channel, text }),
      part: (turnId, event) => this.post({ type: 'part', turnId, event }),
      turnUpdated: (turn) => this.post({ type: 'turnUpdated', turn, totals: conversation.totals(), ...this.bill() }),
      busyChanged: () => void this.postState(),
      turnRemoved: (turnId) => this.post({ type: 'turnRemoved', turnId }),
      reset: () => void this.postInit(),
    });
    this._register(events);
    this._register(personas.onDidChange(() => void this.postState()));
    this._register(options.onDidChange(() => void this.postState()));
    if (confidence) this._register(confidence.onDidChange(() => void this.postState()));
    if (pricing) {
      this._register(pricing.onDidChange(() => {
        void this.postState();
        this.post({ type: 'totals', totals: conversation.totals(), cost: pricing.billOf(conversation.turns) });
      }));
    }
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('threadline.baseUrl') || e.affectsConfiguration('threadline.model')) void this.postState();
    }));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    // The page may read its own bundle and the icon font, nothing else of the extension (code, worker, ranks).
    const bundle = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const codicons = vscode.Uri.joinPath(this.extensionUri, 'dist', 'codicons');
    // The image root is fixed for the view's life: changing localResourceRoots later would reload the page.
    const roots = this.imagesRoot ? [bundle, codicons, this.imagesRoot] : [bundle, codicons];
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: roots };
    const asUri = (folder: vscode.Uri, file: string): string => view.webview.asWebviewUri(vscode.Uri.joinPath(folder, file)).toString();
    view.webview.html = buildChatHtml({
      cspSource: view.webview.cspSource,
      nonce: createNonce(),
      scriptUri: asUri(bundle, 'webview.js'),
      styleUri: asUri(bundle, 'webview.css'),
      codiconsUri: asUri(codicons, 'codicon.css'),
      locale: webviewLocale(),
      ...(this.imagesRoot ? { imagesSource: `${view.webview.asWebviewUri(this.imagesRoot).toString()}/` } : {}),
    });
    // Each view owns its listeners: an old view disposed after a new one resolved must not touch the new one's.
    const own = this._register(vscode.Disposable.from(
      view.webview.onDidReceiveMessage((raw: unknown) => {
        if (this.view === view) this.receive(raw);
      }),
      // A hidden view's page is discarded; it says `ready` again when shown, and gets the transcript again.
      view.onDidChangeVisibility(() => {
        if (this.view === view && !view.visible) this.ready = false;
      }),
    ));
    view.onDidDispose(() => {
      this._store.delete(own);
      if (this.view !== view) return;
      this.view = undefined;
      this.ready = false;
    });
  }

  /** What the library last said about writes waiting for the disk; shown in the panel until they land. */
  showSaveState(state: { pending: number; lastError?: string }): void {
    this.saveState = state;
    void this.postState();
  }

  /** The history view's host side; it posts through this provider, so it is attached once both exist. */
  attachHistory(history: HistoryController): void {
    this.history = history;
  }

  /** Shows the panel, opening the Threadline container if needed, and leaves focus where the user is. */
  async reveal(): Promise<void> {
    if (this.view) {
      this.view.show(true);
    } else {
      await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
    }
  }

  /**
   * Focus Chat Input: gives the panel keyboard focus, then the prompt. A panel that is only now being created
   * gets the request after its `init`, since a message posted before the webview listens is lost.
   */
  async focusInput(): Promise<void> {
    this.focusInputWhenReady = true;
    await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
    if (this.ready) this.postPendingFocus();
  }

  private postPendingFocus(): void {
    if (!this.focusInputWhenReady) return;
    this.focusInputWhenReady = false;
    this.post({ type: 'focusInput' });
  }

  /** A stored file as the page addresses it; undefined while there is no view. */
  asWebviewUri(file: vscode.Uri): vscode.Uri | undefined {
    return this.view?.webview.asWebviewUri(file);
  }

  post(message: HostToWebview): void {
    if (message.type === 'revealTurn' && (!this.view || !this.ready)) {
      this.revealWhenReady = message.turnId;
      return;
    }
    if (!this.view || !this.ready) return;
    // A reveal names a turn of the conversation just opened: it must not overtake that conversation's init, which
    // may still be waiting for the panel state.
    if (message.type === 'revealTurn' && this.initPosting) {
      const later = (): void => this.post(message);
      void this.initPosting.then(later, later);
      return;
    }
    void this.view.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.logger.warn(`chat view: dropped ${parsed.reason}`);
      return;
    }
    void this.handle(parsed.message).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.error(`chat view: ${parsed.message.type} failed: ${reason}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('Threadline: {0}', reason));
    });
  }

  private async handle(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.postInit();
        return;
      case 'draftChanged': {
        const counted = await this.actions.countDraft(message.text, message.images);
        this.post({
          type: 'draftTokens', requestId: message.requestId, count: counted.count, encoding: counted.encoding,
          ...(counted.imageTokens !== undefined ? { imageTokens: counted.imageTokens } : {}),
        });
        return;
      }
      case 'setTokenConfidence':
        await this.confidence?.set(this.conversation.conversationId, message.enabled);
        return;
      case 'loadTurns': {
        const page = this.feed.page(message.transcriptId, message.turnIds);
        if (page) this.post(page);
        return;
      }
      default:
        if (isHistoryMessage(message)) await this.history?.handle(message);
        else await this.actions.handle(message);
    }
  }

  /**
   * The transcript is read once the panel state is known, so it holds every change made until it is posted; what
   * is posted after it applies on top.
   */
  private async postInit(): Promise<void> {
    if (!this.ready) return;
    const posting = this.panelState().then((state) => this.post({ ...this.feed.init(state, this.conversation.totals()), ...this.bill() }));
    this.initPosting = posting;
    try {
      await posting;
    } finally {
      if (this.initPosting === posting) this.initPosting = undefined;
    }
    const reveal = this.revealWhenReady;
    this.revealWhenReady = undefined;
    if (reveal !== undefined) this.post({ type: 'revealTurn', turnId: reveal });
    this.postPendingFocus();
  }

  /** The conversation's cost, for the messages that carry its totals. */
  private bill(): { cost?: ConversationCost } {
    return this.pricing ? { cost: this.pricing.billOf(this.conversation.turns) } : {};
  }

  async postState(): Promise<void> {
    if (!this.ready) return;
    this.post({ type: 'state', state: await this.panelState() });
  }

  private async panelState(): Promise<PanelState> {
    const active = this.personas.active;
    const endpoint = this.endpoint();
    const model = this.options.modelOverride ?? this.personas.modelFor(active);
    return {
      personas: this.personas.all.map((p) => ({ id: p.id, label: p.label, model: this.personas.modelFor(p), ...(p.webSearch ? { webSearch: true } : {}) })),
      activePersonaId: active.id,
      model,
      hasApiKey: await this.canSend(),
      baseUrl: displayBaseUrl(endpoint.baseUrl),
      endpoint: { id: endpoint.id, label: endpoint.label },
      busy: this.conversation.busy,
      ...(this.options.webSearch ? { webSearch: true } : {}),
      ...(this.options.modelOverride ? { modelOverride: this.options.modelOverride } : {}),
      ...(this.images?.imageBase() ? { imageBase: this.images.imageBase() } : {}),
      ...(this.confidence ? { tokenConfidence: this.confidence.panelState(this.conversation.conversationId, model) } : {}),
      ...(this.pricing ? { prices: this.pricing.forPanel() } : {}),
      ...(this.saveState.pending > 0 ? { unsaved: { pending: this.saveState.pending, ...(this.saveState.lastError ? { reason: this.saveState.lastError } : {}) } } : {}),
    };
  }

}
