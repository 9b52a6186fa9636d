import type { FrameScheduler } from '../frameScheduler';
import type { LiveAnnouncer } from '../liveAnnouncer';

/**
 * webview/parts: one small renderer per kind of answer part (message, tool line, thinking), composed by
 * AnswerPartsView and TurnView. They may import core/turn and the webview's DOM and Markdown helpers; model
 * text reaches the DOM only through renderMarkdown (sanitised) or as text nodes.
 */
export interface PartViewDeps {
  scheduler: FrameScheduler;
  announcer: LiveAnnouncer;
}
