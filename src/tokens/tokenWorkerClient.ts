// Runs on plain Node in tests, so it says its words through @vscode/l10n: the same bundle vscode.l10n.t reads.
import * as l10n from '@vscode/l10n';
import { Worker } from 'node:worker_threads';
import { countFromResponse, TokenRequestError, type TokenCountingClient } from '../core/tokens/tokenCountingClient';
import type { TokenRequestBody, TokenResponse } from '../core/tokens/workerProtocol';
import type { TokenWorkerData } from '../tokenWorker';

interface Pending {
  resolve(count: number): void;
  reject(error: Error): void;
}

/**
 * Talks to dist/tokenWorker.js. The worker starts on the first request, never during activation, and is
 * started again on the next request if it dies; requests in flight then fail with `unknownDocument` so their
 * owners re-send the document.
 */
export class TokenWorkerClient implements TokenCountingClient {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private disposed = false;

  constructor(
    private readonly workerScript: string,
    private readonly data: TokenWorkerData,
  ) {}

  request(body: TokenRequestBody): Promise<number> {
    if (this.disposed) return Promise.reject(new TokenRequestError('token counter disposed', false));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<number>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...body, id });
    });
  }

  private start(): Worker {
    const worker = new Worker(this.workerScript, { workerData: this.data, name: 'threadline-tokens' });
    // An idle worker must not keep a test process or the extension host alive.
    worker.unref();
    worker.on('message', (response: TokenResponse) => {
      const pending = this.pending.get(response.id);
      if (!pending) return;
      this.pending.delete(response.id);
      try {
        pending.resolve(countFromResponse(response));
      } catch (error) {
        pending.reject(error as Error);
      }
    });
    const fail = (message: string): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const pending of this.pending.values()) pending.reject(new TokenRequestError(message, true));
      this.pending.clear();
    };
    worker.on('error', (error) => fail(l10n.t('the token counter failed: {0}', error.message)));
    worker.on('exit', (code) => fail(l10n.t('the token counter stopped (exit code {0})', code)));
    this.worker = worker;
    return worker;
  }

  dispose(): void {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    for (const pending of this.pending.values()) pending.reject(new TokenRequestError('token counter disposed', false));
    this.pending.clear();
    void worker?.terminate();
  }
}
