import type { FrameScheduler } from '../frameScheduler';
import type { LiveAnnouncer } from '../liveAnnouncer';

/** What a part renderer needs from the panel: the frame scheduler and the screen-reader announcer. */
export interface PartViewDeps {
  scheduler: FrameScheduler;
  announcer: LiveAnnouncer;
}
