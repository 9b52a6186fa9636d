import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Persona } from '../core/personas';
import { contextWindowFor } from '../core/tokens/contextWindows';
import { encodingForModel, type EncodingName } from '../core/tokens/models';
import { type Prices, pricesFromSettings } from '../core/pricing/priceTable';
import { type AnswerLength, estimateSendCost, typicalAnswerLength } from '../core/pricing/sendEstimate';
import type { TokenCountingClient } from '../core/tokens/tokenCountingClient';
import { featuredCount, statusBarText, tooltipMarkdown, type TokenSnapshot } from '../core/tokens/tokenSummary';
import { CONFIG_SECTION, readConfig } from '../host/config';
import { ActiveDocumentCounter } from './activeDocumentCounter';
import { SelectionCounter } from './selectionCounter';
import { TokenWorkerClient } from './tokenWorkerClient';
import { DisposableOwner } from '../host/disposables';

/** What the counter needs from personas: the active one, its model, and when either changes. */
export interface PersonaSource {
  readonly active: Persona;
  modelFor(persona: Persona): string;
  readonly onDidChange: vscode.Event<void>;
}

/** Output tokens of the open conversation's recent answers from a model: what the answer estimate rests on. */
export type AnswerLengths = (model: string) => readonly number[];

/** Status bar repaints are coalesced: a burst of keystrokes repaints once. */
const RENDER_DELAY_MS = 30;

/**
 * The live token count in the status bar (the selections, else the active document) with a tooltip that
 * breaks it down: selection, document, chat draft and persona instructions, share of the model's context
 * window, the estimated cost of asking (input and a typical answer) and the encoding. Counting happens in dist/tokenWorker.js; nothing here loads
 * ranks, so constructing the service during activation costs only the status bar item.
 */
export class TokenCounterService extends DisposableOwner {
  private readonly item: vscode.StatusBarItem;
  private readonly client: TokenCountingClient;
  private readonly documentCounter: ActiveDocumentCounter;
  private readonly selectionCounter: SelectionCounter;
  private draft: number | undefined;
  private draftImages: { count: number; tokens: number } | undefined;
  private personaTokens: number | undefined;
  private personaRequest = 0;
  /** Read once per settings change, not on every keystroke and repaint. */
  private cachedModel: string | undefined;
  private cachedPrices: Prices | undefined;
  private answerLengths: AnswerLengths = () => [];
  /** The typical answer for the current model, worked out once per change of answers or model, not per keystroke. */
  private cachedAnswer: { model: string; length: AnswerLength } | undefined;
  private error: string | undefined;
  private renderTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly startTimer: ReturnType<typeof setTimeout>;
  private current: TokenSnapshot;

  constructor(
    context: Pick<vscode.ExtensionContext, 'extensionPath'>,
    private readonly personas: PersonaSource,
    client?: TokenCountingClient,
  ) {
    super();
    this.client = client ?? new TokenWorkerClient(join(context.extensionPath, 'dist', 'tokenWorker.js'), {
      ranksDirectory: join(context.extensionPath, 'dist', 'ranks'),
    });
    this.item = vscode.window.createStatusBarItem('threadline.tokens', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('Threadline Tokens');
    const reportError = (message: string): void => {
      this.error = message;
      this.scheduleRender();
    };
    this.documentCounter = new ActiveDocumentCounter(this.client, () => this.scheduleRender(), reportError);
    this.selectionCounter = new SelectionCounter(this.client, () => this.scheduleRender(), reportError);
    this.current = this.snapshotNow();
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.followEditor()));
    this._register(vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.textEditor === vscode.window.activeTextEditor) this.selectionCounter.schedule(e.textEditor, this.encoding);
    }));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => {
      const editor = vscode.window.activeTextEditor;
      if (editor && e.document === editor.document) this.selectionCounter.schedule(editor, this.encoding);
    }));
    // Model and persona changes arrive through the persona registry; only prices are read here.
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${CONFIG_SECTION}.pricing`)) {
        this.cachedPrices = undefined;
        this.scheduleRender();
      }
    }));
    this._register(personas.onDidChange(() => this.refresh()));
    // The worker starts and the first document is sent only after activation has returned.
    this.startTimer = setTimeout(() => this.followEditor(), 0);
    this.item.text = statusBarText(this.current);
    this.item.show();
  }

  /** Counts any text with the tokenizer of `model` (the chat draft, a prompt preview). */
  async countText(text: string, model: string): Promise<{ count: number; encoding: EncodingName }> {
    const { encoding } = encodingForModel(model);
    return { count: await this.client.request({ kind: 'count', encoding, text }), encoding };
  }

  /** The chat draft's count, shown in the tooltip; undefined when there is no draft. */
  setDraftCount(count: number | undefined, images?: { count: number; tokens: number }): void {
    this.draft = count;
    this.draftImages = count === undefined ? undefined : images;
    this.scheduleRender();
  }

  /** Where the answer-length estimate reads recent answers from; called again whenever they may have changed. */
  followAnswers(lengths: AnswerLengths): void {
    this.answerLengths = lengths;
    this.answersChanged();
  }

  /** An answer finished, or another conversation opened. */
  answersChanged(): void {
    this.cachedAnswer = undefined;
    this.scheduleRender();
  }

  private typicalAnswer(model: string): AnswerLength {
    if (this.cachedAnswer?.model !== model) this.cachedAnswer = { model, length: typicalAnswerLength(this.answerLengths(model)) };
    return this.cachedAnswer.length;
  }

  /** Re-reads the model, persona and prices, and recounts with the model's encoding. */
  refresh(): void {
    this.cachedModel = undefined;
    this.cachedPrices = undefined;
    this.followEditor();
  }

  /** The status bar item's text, e.g. `$(symbol-numeric) 1,234 tokens` (thousands separated with commas). */
  get statusText(): string {
    return this.item.text;
  }

  get snapshot(): TokenSnapshot {
    return this.current;
  }

  private get model(): string {
    this.cachedModel ??= this.personas.modelFor(this.personas.active);
    return this.cachedModel;
  }

  private get prices(): Prices {
    this.cachedPrices ??= pricesFromSettings(readConfig().pricing);
    return this.cachedPrices;
  }

  private get encoding(): EncodingName {
    return encodingForModel(this.model).encoding;
  }

  private followEditor(): void {
    const editor = vscode.window.activeTextEditor;
    this.error = undefined;
    this.documentCounter.track(editor?.document, this.encoding);
    this.selectionCounter.schedule(editor, this.encoding, true);
    this.countPersona(this.personas.active.instructions);
    this.scheduleRender();
  }

  private countPersona(text: string): void {
    const request = ++this.personaRequest;
    this.countText(text, this.model).then(
      ({ count }) => {
        if (request !== this.personaRequest) return;
        this.personaTokens = count;
        this.scheduleRender();
      },
      () => undefined,
    );
  }

  private snapshotNow(): TokenSnapshot {
    const model = this.model;
    const document = this.documentCounter.current;
    const snapshot: TokenSnapshot = {
      model,
      modelEncoding: encodingForModel(model),
      contextWindow: contextWindowFor(model),
      selection: this.selectionCounter.count,
      selectionRanges: this.selectionCounter.ranges,
      document: this.documentCounter.count,
      documentName: document ? vscode.workspace.asRelativePath(document.uri, false) : undefined,
      draft: this.draft,
      ...(this.draftImages ? { draftImages: this.draftImages } : {}),
      personaLabel: this.personas.active.label,
      persona: this.personaTokens,
      loading: document !== undefined && this.documentCounter.count === undefined,
      error: this.error,
    };
    const featured = featuredCount(snapshot);
    if (featured !== undefined) snapshot.cost = estimateSendCost(featured, model, this.prices, this.typicalAnswer(model));
    return snapshot;
  }

  private scheduleRender(): void {
    if (this.renderTimer !== undefined) return;
    this.renderTimer = setTimeout(() => {
      this.renderTimer = undefined;
      this.render();
    }, RENDER_DELAY_MS);
  }

  private render(): void {
    this.current = this.snapshotNow();
    this.item.text = statusBarText(this.current);
    const tooltip = new vscode.MarkdownString(tooltipMarkdown(this.current), true);
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: this.item.text.replace(/\$\([^)]*\)\s*/g, '') };
  }

  override dispose(): void {
    clearTimeout(this.startTimer);
    if (this.renderTimer !== undefined) clearTimeout(this.renderTimer);
    super.dispose();
    this.documentCounter.dispose();
    this.selectionCounter.dispose();
    this.item.dispose();
    this.client.dispose();
  }
}
