import { turnIdOfAnswer } from '../core/conversation/fanOutAnswers';
import type { Usage } from '../core/turn/usage';
import { type HostToWebview, type PanelState, parseHostMessage } from '../core/protocol';
import { contextPercent, contextShare } from './format';
import { installClickActions } from './clickActions';
import { setImageBase } from './parts/turnImagesView';
import { setPanelPrices } from './priceBook';
import type { ConversationCost } from '../core/pricing/usageCost';
import { Composer } from './composer';
import { ConfidenceToggle } from './confidence/confidenceToggle';
import { h } from './dom';
import { EmptyState } from './emptyState';
import { FrameScheduler } from './frameScheduler';
import { HistoryPanel } from './history/historyPanel';
import { LiveAnnouncer } from './liveAnnouncer';
import { ScrollFollower } from './scrollFollower';
import { Toolbar } from './toolbar';
import { TranscriptView } from './transcriptView';
import type { TurnView } from './turnView';
import { TurnNavigation } from './turnNavigation';
import type { VsCodeBridge } from './vscodeBridge';

/**
 * The chat panel: builds the layout, validates every host message against the protocol, and routes it to
 * the view that owns it. Nothing is posted to the host before the `ready` handshake.
 */
export class ChatApp {
  private readonly announcer = new LiveAnnouncer();
  private readonly scheduler = new FrameScheduler();
  private readonly transcript: TranscriptView;
  private readonly follower: ScrollFollower;
  private readonly toolbar: Toolbar;
  private readonly emptyState: EmptyState;
  private readonly composer: Composer;
  private readonly history: HistoryPanel;
  private readonly confidenceToggle: ConfidenceToggle;
  private readonly turnKeys: TurnNavigation;
  private state: PanelState | undefined;

  constructor(private readonly root: HTMLElement, private readonly bridge: VsCodeBridge) {
    this.transcript = new TranscriptView(
      { scheduler: this.scheduler, announcer: this.announcer },
      (transcriptId, turnIds) => bridge.post({ type: 'loadTurns', transcriptId, turnIds }),
    );
    this.turnKeys = new TurnNavigation(this.transcript);
    this.toolbar = new Toolbar(bridge);
    this.emptyState = new EmptyState(bridge);
    this.follower = new ScrollFollower(this.transcript.scroller, this.transcript.list);
    this.composer = new Composer(bridge, () => this.follower.jumpToLatest());
    this.confidenceToggle = new ConfidenceToggle(bridge);
    this.composer.element.querySelector('.composer-bar')?.prepend(this.confidenceToggle.element);
    this.transcript.scroller.prepend(this.emptyState.setup, this.emptyState.welcome);
    this.history = new HistoryPanel(bridge, this.toolbar.historyButton, {
      // Under the overlay the transcript is out of reach: Tab must not wander into what cannot be seen.
      visibilityChanged: (open) => {
        this.transcript.scroller.inert = open;
        this.follower.jumpButton.inert = open;
      },
      opened: () => this.composer.focus(),
    });
    root.replaceChildren(
      this.toolbar.element,
      h('main', { id: 'main' }, [this.transcript.scroller, this.follower.jumpButton, this.history.element]),
      this.composer.element,
      this.announcer.element,
    );
    installClickActions(root, bridge, this.transcript, this.composer);
  }

  start(): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => this.receive(event.data));
    this.bridge.post({ type: 'ready' });
    this.history.restore();
  }

  receive(raw: unknown): void {
    const parsed = parseHostMessage(raw);
    if (!parsed.ok) {
      console.warn(`[threadline] dropped ${parsed.reason}`);
      return;
    }
    this.handle(parsed.message);
  }

  private handle(message: HostToWebview): void {
    switch (message.type) {
      case 'init':
        setImageBase(message.state.imageBase);
        setPanelPrices(message.state.prices);
        this.transcript.reset(message.turns, message);
        this.composer.stopEditingUnless((id) => this.transcript.has(id));
        this.showTotals(message.totals, message.cost);
        this.applyState(message.state);
        this.follower.jumpToLatest();
        break;
      case 'turnsPage':
        this.transcript.fillPage(message.transcriptId, message.requested, message.turns);
        break;
      case 'state':
        this.applyState(message.state);
        break;
      case 'turnStarted':
        this.transcript.upsert(message.turn);
        this.refreshBusy();
        break;
      case 'delta':
        if (!this.transcript.appendDelta(message.turnId, message.channel, message.text) && !this.toAnswer(message.turnId, (view, id) => message.channel === 'refusal' && view.appendAnswerRefusal(id, message.text))) {
          console.warn(`[threadline] dropped delta for unknown turn ${message.turnId}`);
        }
        break;
      case 'part':
        if (!this.transcript.applyPart(message.turnId, message.event) && !this.toAnswer(message.turnId, (view, id) => view.applyAnswerPart(id, message.event))) {
          console.warn(`[threadline] dropped part event for unknown turn ${message.turnId}`);
        }
        break;
      case 'turnUpdated':
        this.transcript.upsert(message.turn);
        this.showTotals(message.totals, message.cost);
        this.refreshBusy();
        break;
      case 'totals':
        this.showTotals(message.totals, message.cost);
        break;
      case 'turnRemoved':
        this.transcript.remove(message.turnId);
        this.composer.stopEditingUnless((id) => this.transcript.has(id));
        this.refreshBusy();
        break;
      case 'draftTokens':
        this.composer.showDraftTokens(message.requestId, message.count, message.encoding, message.imageTokens);
        break;
      case 'imageAttached':
        this.composer.attachments.onAttached(message.requestId, message.image, message.src);
        break;
      case 'imageRejected':
        this.composer.imageRejected(message.requestId, message.message);
        break;
      case 'focusInput':
        this.composer.focus();
        break;
      case 'history':
        this.history.showHistory(message);
        break;
      case 'searchResults':
        this.history.showResults(message.requestId, message.query, message.hits, message.truncated);
        break;
      case 'revealTurn':
        this.history.close(false);
        if (this.transcript.reveal(message.turnId)) this.follower.hold();
        else console.warn(`[threadline] cannot reveal unknown turn ${message.turnId}`);
        break;
    }
    this.emptyState.update(this.state, this.transcript.size);
    this.turnKeys.sync();
  }

  /** Events of one answer of a fan-out turn carry the answer's id; its turn's view routes them. */
  private toAnswer(answerId: string, apply: (view: TurnView, answerId: string) => boolean): boolean {
    const turnId = turnIdOfAnswer(answerId);
    const view = turnId !== undefined ? this.transcript.get(turnId) : undefined;
    return view !== undefined && apply(view, answerId);
  }

  private applyState(state: PanelState): void {
    this.state = state;
    setImageBase(state.imageBase);
    if (setPanelPrices(state.prices)) this.transcript.refreshFooters();
    this.toolbar.setState(state);
    this.composer.setPanelState(state);
    this.confidenceToggle.setState(state);
    this.refreshBusy();
  }

  private showTotals(totals: Usage, cost?: ConversationCost): void {
    const last = this.transcript.lastUsage();
    const context = last ? { percent: contextPercent(last.inputTokens, last.model), text: contextShare(last.inputTokens, last.model) } : undefined;
    this.toolbar.setTotals(totals, context, cost);
  }

  private refreshBusy(): void {
    const busy = (this.state?.busy ?? false) || this.transcript.hasStreamingTurn;
    this.root.classList.toggle('busy', busy);
    this.composer.setBusy(busy);
  }
}
