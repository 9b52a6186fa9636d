/**
 * Runs the conversation's operations one at a time. Every new operation CANCELS whatever is in flight or waiting
 * (the cancelled turn settles as 'stopped', keeping its partial text) and starts only after it has settled, so
 * turns never interleave on a chain.
 */
export class OperationQueue {
  private readonly cancellers = new Set<AbortController>();
  private queue: Promise<unknown> = Promise.resolve();
  private waitingCount = 0;

  /** `changed` is called whenever the number waiting may have changed (busy state). */
  constructor(private readonly changed: () => void) {}

  /** Operations queued behind the one in flight. */
  get waiting(): number {
    return this.waitingCount;
  }

  /** Cancels the operation in flight and everything waiting. */
  stop(): void {
    for (const controller of this.cancellers) controller.abort();
  }

  enqueue<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.stop();
    const controller = new AbortController();
    this.cancellers.add(controller);
    this.waitingCount++;
    this.changed();
    const run = this.queue.then(() => {
      this.waitingCount--;
      // Started synchronously, so a turn that begins marks itself streaming before busy is looked at again.
      const started = work(controller.signal);
      this.changed();
      return started;
    });
    this.queue = run.catch(() => undefined);
    return run.finally(() => {
      this.cancellers.delete(controller);
      this.changed();
    });
  }

  /** Resolves once everything queued so far has settled. */
  async settled(): Promise<void> {
    await this.queue;
  }
}
