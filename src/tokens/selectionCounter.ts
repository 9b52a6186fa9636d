import type * as vscode from 'vscode';
import type { EncodingName } from '../core/tokens/models';
import type { TokenCountingClient } from '../core/tokens/tokenCountingClient';

/** Selection changes arrive per cursor movement and keystroke; counting waits for a short pause. */
const SELECTION_DEBOUNCE_MS = 80;

/** Tokens in the active editor's selections, summed (each selection is counted as its own text). */
export class SelectionCounter implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request = 0;
  count: number | undefined;
  ranges = 0;

  constructor(
    private readonly client: TokenCountingClient,
    private readonly onCount: () => void,
    private readonly onError: (message: string) => void,
  ) {}

  /** Recounts after a pause; `immediately` for an editor or model switch, where the old figure is wrong at once. */
  schedule(editor: vscode.TextEditor | undefined, encoding: EncodingName, immediately = false): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const hasSelection = editor?.selections.some((s) => !s.isEmpty) ?? false;
    if (!hasSelection || immediately) {
      // Dropping a stale figure is free; only counting is deferred.
      this.request++;
      this.count = undefined;
      this.ranges = 0;
      this.onCount();
    }
    if (!editor || !hasSelection) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.countNow(editor, encoding);
    }, immediately ? 0 : SELECTION_DEBOUNCE_MS);
  }

  private countNow(editor: vscode.TextEditor, encoding: EncodingName): void {
    const texts = editor.selections.filter((s) => !s.isEmpty).map((s) => editor.document.getText(s));
    const request = ++this.request;
    Promise.all(texts.map((text) => this.client.request({ kind: 'count', encoding, text }))).then(
      (counts) => {
        if (request !== this.request) return;
        this.count = counts.reduce((a, b) => a + b, 0);
        this.ranges = texts.length;
        this.onCount();
      },
      (error: unknown) => {
        if (request === this.request) this.onError(error instanceof Error ? error.message : String(error));
      },
    );
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.request++;
  }
}
