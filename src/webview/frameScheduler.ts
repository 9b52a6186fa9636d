/** Something with queued visual work, done at most once per animation frame. */
export interface FrameTask {
  renderFrame(): void;
}

/**
 * Coalesces updates to animation frames: any number of deltas between two frames cost one render.
 * While the view is hidden the browser pauses frames and work simply accumulates as text.
 */
export class FrameScheduler {
  private readonly dirty = new Set<FrameTask>();
  private frame = 0;

  request(task: FrameTask): void {
    this.dirty.add(task);
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.run());
  }

  /** Renders a task's queued work now (before it is finalised), instead of on the next frame. */
  flush(task: FrameTask): void {
    if (this.dirty.delete(task)) task.renderFrame();
  }

  forget(task: FrameTask): void {
    this.dirty.delete(task);
  }

  private run(): void {
    this.frame = 0;
    const tasks = Array.from(this.dirty);
    this.dirty.clear();
    for (const task of tasks) {
      try {
        task.renderFrame();
      } catch (error) {
        console.error('[threadline] render failed', error);
      }
    }
  }
}
