import { errorMessage } from '../../../src/core/errorMessage';
import type { Logger } from '../../../src/core/provider/types';

/**
 * The store's disk work, run one operation at a time in call order. An operation never rejects: a failure is
 * logged and does not block the next one. Failures that leave the transcript on disk behind memory are also
 * reported, once per run of failures, since a full disk fails every write and one warning says it.
 */
export class StoreWriteQueue {
  private tail: Promise<void> = Promise.resolve();
  private reported = false;

  constructor(
    private readonly logger: Logger,
    private readonly onWriteError: ((message: string) => void) | undefined,
  ) {}

  /** Settles when everything queued so far has run. */
  get idle(): Promise<void> {
    return this.tail;
  }

  /** `lostData` is asked after a failure: true when memory now holds something the disk does not. */
  run(what: string, work: () => Promise<void>, lostData: () => boolean): Promise<void> {
    const run = this.tail.then(work).catch((error: unknown) => {
      const message = errorMessage(error);
      this.logger.error(`Conversation store: ${what} failed: ${message}`);
      if (lostData()) this.report(`Threadline could not save the conversation (${message}). It is kept in memory and saved again as soon as writing works.`);
    });
    this.tail = run;
    return run;
  }

  report(message: string): void {
    if (this.reported) return;
    this.reported = true;
    try {
      this.onWriteError?.(message);
    } catch (error) {
      this.logger.error(`Conversation store: the write error handler failed: ${errorMessage(error)}`);
    }
  }

  /** The disk caught up with memory: the next failure is news again. */
  caughtUp(): void {
    this.reported = false;
  }
}
