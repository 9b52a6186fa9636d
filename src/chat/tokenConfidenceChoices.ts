import * as vscode from 'vscode';
import type { LearnedParameters } from '../core/models/learnedParameters';
import { tokenConfidenceSupport } from '../core/models/tokenConfidence';
import type { PanelState } from '../core/protocol';
import { readConfig } from '../host/config';
import { DisposableOwner } from '../host/disposables';

/** Workspace state key: conversation id → whether it shows token confidence. */
export const TOKEN_CONFIDENCE_KEY = 'threadline.tokenConfidence';
/** Choices beyond this many are forgotten, oldest first, so the map cannot grow with every conversation ever made. */
const KEPT_CHOICES = 500;

/**
 * Token confidence per conversation: the panel's toggle, remembered in workspace state across reloads, with
 * `threadline.showTokenConfidence` for conversations never toggled. What the conversation service asks per
 * turn (alternatives, or nothing) and what the panel shows (on, off, or unavailable with the reason) both come
 * from here, so the two cannot disagree.
 */
export class TokenConfidenceChoices extends DisposableOwner {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly memento: vscode.Memento, private readonly learned: LearnedParameters) {
    super();
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('threadline.showTokenConfidence') || e.affectsConfiguration('threadline.topLogprobs')) this.changed.fire();
    }));
  }

  enabledFor(conversationId: string): boolean {
    return this.choices()[conversationId] ?? readConfig().showTokenConfidence;
  }

  async set(conversationId: string, enabled: boolean): Promise<void> {
    const choices = { ...this.choices() };
    delete choices[conversationId];
    choices[conversationId] = enabled;
    const kept = Object.entries(choices).slice(-KEPT_CHOICES);
    await this.memento.update(TOKEN_CONFIDENCE_KEY, Object.fromEntries(kept));
    this.changed.fire();
  }

  /** For the conversation service: alternatives to ask for, or undefined to ask nothing. */
  topLogprobsFor(conversationId: string): number | undefined {
    return this.enabledFor(conversationId) ? readConfig().topLogprobs : undefined;
  }

  /** For the panel: the toggle's state for this conversation and the model its next message goes to. */
  panelState(conversationId: string, model: string): NonNullable<PanelState['tokenConfidence']> {
    const support = tokenConfidenceSupport(model, this.learned.rejected(readConfig().baseUrl, model));
    const enabled = this.enabledFor(conversationId);
    return support.available ? { enabled, available: true } : { enabled, available: false, reason: support.reason };
  }

  private choices(): Record<string, boolean> {
    const stored = this.memento.get<unknown>(TOKEN_CONFIDENCE_KEY);
    if (typeof stored !== 'object' || stored === null) return {};
    return Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean'));
  }
}
