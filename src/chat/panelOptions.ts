import * as vscode from 'vscode';
import { DisposableOwner } from '../host/disposables';

/** Where the choices are kept between sessions of this workspace; a reload must not quietly turn web search off. */
const STATE_KEY = 'threadline.panelOptions';

interface SavedOptions {
  webSearch?: unknown;
  modelOverride?: unknown;
}

/**
 * Choices made in the panel's composer, not settings: `/web on|off` (and the globe) and `/model NAME`. They are
 * kept per workspace, so a window reload shows and sends what the user chose. The chat view shows them in its
 * state; chat actions read them when a message is sent.
 */
export class PanelOptions extends DisposableOwner {
  private web = false;
  private model: string | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly state?: vscode.Memento) {
    super();
    const saved = state?.get<SavedOptions>(STATE_KEY);
    // Whatever an older or damaged state holds, only well-formed values are taken.
    if (saved?.webSearch === true) this.web = true;
    if (typeof saved?.modelOverride === 'string' && saved.modelOverride.trim()) this.model = saved.modelOverride.trim();
  }

  get webSearch(): boolean {
    return this.web;
  }

  /** The model this panel's messages use instead of the persona's, if one was chosen. */
  get modelOverride(): string | undefined {
    return this.model;
  }

  setWebSearch(enabled: boolean): void {
    if (enabled === this.web) return;
    this.web = enabled;
    this.save();
  }

  setModelOverride(model: string | undefined): void {
    if (model === this.model) return;
    this.model = model;
    this.save();
  }

  private save(): void {
    this.changed.fire();
    void this.state?.update(STATE_KEY, { webSearch: this.web, modelOverride: this.model });
  }
}
