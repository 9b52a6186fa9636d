/**
 * Fires once when nothing was touched for `limitMs`. One timer re-armed lazily, instead of a clearTimeout and
 * setTimeout per stream event, keeps the per-delta cost at a single clock read.
 */
export class IdleWatchdog {
  private lastTouch = performance.now();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly limitMs: number, private readonly onIdle: (idleMs: number) => void) {
    this.arm(limitMs);
  }

  touch(): void {
    this.lastTouch = performance.now();
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(delayMs: number): void {
    this.timer = setTimeout(() => {
      const idle = performance.now() - this.lastTouch;
      // Timers may fire a hair early against the monotonic clock; a millisecond of slack avoids a needless re-arm.
      if (idle >= this.limitMs - 1) {
        this.timer = undefined;
        this.onIdle(idle);
      } else {
        this.arm(this.limitMs - idle);
      }
    }, Math.max(1, delayMs));
  }
}
