import * as vscode from 'vscode';
import type { EncodingName } from '../core/tokens/models';
import { TokenRequestError, type TokenCountingClient } from '../core/tokens/tokenCountingClient';

/**
 * Keeps the token count of one document (the active editor's) current: the text goes to the counting engine
 * once, then every change as offsets, so the engine recounts only near the edit. Results from an earlier
 * document or encoding are dropped by generation.
 */
export class ActiveDocumentCounter implements vscode.Disposable {
  private document: vscode.TextDocument | undefined;
  private encoding: EncodingName | undefined;
  private generation = 0;
  private documentId = '';
  /** Consecutive re-sends after the engine lost the document; a worker that cannot start must not loop. */
  private reopenAttempts = 0;
  private readonly subscription: vscode.Disposable;
  count: number | undefined;

  constructor(
    private readonly client: TokenCountingClient,
    private readonly onCount: () => void,
    private readonly onError: (message: string) => void,
  ) {
    this.subscription = vscode.workspace.onDidChangeTextDocument((event) => this.changed(event));
  }

  get current(): vscode.TextDocument | undefined {
    return this.document;
  }

  /** Follows `document` with `encoding`; re-sends the text only when either changes. */
  track(document: vscode.TextDocument | undefined, encoding: EncodingName): void {
    if (document === this.document && encoding === this.encoding) return;
    if (this.document) void this.client.request({ kind: 'closeDocument', documentId: this.documentId }).catch(() => undefined);
    this.document = document;
    this.encoding = encoding;
    this.count = undefined;
    this.generation++;
    if (document) this.open();
    else this.onCount();
  }

  private open(): void {
    const document = this.document;
    const encoding = this.encoding;
    if (!document || !encoding) return;
    const generation = ++this.generation;
    this.documentId = `${document.uri.toString()}#${generation}`;
    this.settle(generation, this.client.request({ kind: 'openDocument', documentId: this.documentId, encoding, text: document.getText() }));
  }

  private changed(event: vscode.TextDocumentChangeEvent): void {
    if (event.document !== this.document || event.contentChanges.length === 0) return;
    // VS Code lists a multi-cursor edit's changes so that applying them in order is correct.
    const changes = event.contentChanges.map((c) => ({ offset: c.rangeOffset, deleteLength: c.rangeLength, text: c.text }));
    this.settle(this.generation, this.client.request({ kind: 'editDocument', documentId: this.documentId, changes }));
  }

  private settle(generation: number, counted: Promise<number>): void {
    counted.then(
      (count) => {
        if (generation !== this.generation) return;
        this.reopenAttempts = 0;
        this.count = count;
        this.onCount();
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        // The worker restarted and lost its mirror: send the whole text again.
        if (error instanceof TokenRequestError && error.unknownDocument && this.reopenAttempts < 3) {
          this.reopenAttempts++;
          this.open();
          return;
        }
        this.onError(error instanceof Error ? error.message : String(error));
      },
    );
  }

  dispose(): void {
    this.subscription.dispose();
    if (this.document) void this.client.request({ kind: 'closeDocument', documentId: this.documentId }).catch(() => undefined);
    this.document = undefined;
  }
}
