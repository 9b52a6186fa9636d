import { IncrementalTokenCount } from './incrementalCount';
import type { EncodingName } from './models';
import type { RankFile } from './rankTable';
import { TokenEncoder } from './tokenEncoder';
import type { TokenRequest, TokenResponse } from './workerProtocol';

export type RankFileLoader = (encoding: EncodingName) => Promise<RankFile>;

/**
 * Everything behind the token protocol: encoders loaded once per encoding on first use, and mirrored documents
 * with incremental counts. The worker runs one; tests and the command-line script run one in-process.
 */
export class TokenCountingEngine {
  private readonly encoders = new Map<EncodingName, Promise<TokenEncoder>>();
  private readonly documents = new Map<string, IncrementalTokenCount>();
  /** Requests run strictly in arrival order, so an edit never overtakes the open of its document. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly loadRanks: RankFileLoader) {}

  encoder(encoding: EncodingName): Promise<TokenEncoder> {
    let pending = this.encoders.get(encoding);
    if (!pending) {
      pending = this.loadRanks(encoding).then((file) => new TokenEncoder(encoding, file));
      // A failed load (missing file) is retried on the next request instead of failing forever.
      pending.catch(() => this.encoders.delete(encoding));
      this.encoders.set(encoding, pending);
    }
    return pending;
  }

  handle(request: TokenRequest): Promise<TokenResponse> {
    const next = this.queue.then(() => this.handleNow(request));
    this.queue = next;
    return next;
  }

  private async handleNow(request: TokenRequest): Promise<TokenResponse> {
    try {
      return { kind: 'counted', id: request.id, count: await this.count(request) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { kind: 'failed', id: request.id, message, unknownDocument: error instanceof UnknownDocumentError };
    }
  }

  private async count(request: TokenRequest): Promise<number> {
    switch (request.kind) {
      case 'count':
        return (await this.encoder(request.encoding)).countText(request.text);
      case 'openDocument': {
        const encoder = await this.encoder(request.encoding);
        const document = new IncrementalTokenCount(encoder, request.text);
        this.documents.set(request.documentId, document);
        return document.total;
      }
      case 'editDocument': {
        const document = this.documents.get(request.documentId);
        if (!document) throw new UnknownDocumentError(request.documentId);
        for (const change of request.changes) document.applyChange(change);
        return document.total;
      }
      case 'closeDocument':
        this.documents.delete(request.documentId);
        return 0;
    }
  }
}

export class UnknownDocumentError extends Error {
  constructor(documentId: string) {
    super(`no mirrored document ${documentId}`);
  }
}
