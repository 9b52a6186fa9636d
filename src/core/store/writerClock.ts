/**
 * Stamps for this writer's records. A stamp is later than every record this writer has read, so a change made
 * after seeing another host's record wins over it even when that host's clock runs ahead; the sequence number
 * orders this writer's records among themselves.
 */
export class WriterClock {
  private newestSeen = 0;
  private lastIssued = 0;
  private seq = 0;

  constructor(private readonly now: () => number) {}

  observe(at: number): void {
    if (at > this.newestSeen) this.newestSeen = at;
  }

  next(): { at: number; seq: number } {
    const at = Math.max(this.now(), this.newestSeen + 1, this.lastIssued);
    this.lastIssued = at;
    return { at, seq: ++this.seq };
  }
}
