import * as vscode from 'vscode';

/**
 * Choices made in the panel's composer that last while the window does, not settings: `/web on|off` and
 * `/model NAME`. The chat view shows them in its state; chat actions read them when a message is sent.
 */
export class PanelOptions implements vscode.Disposable {
  private web = false;
  private model: string | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

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
    this.changed.fire();
  }

  setModelOverride(model: string | undefined): void {
    if (model === this.model) return;
    this.model = model;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
