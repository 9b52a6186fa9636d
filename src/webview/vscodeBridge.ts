import type { HistoryScope } from '../core/history/historyTypes';
import { type WebviewToHost, webviewToHostSchema } from '../core/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState<T>(state: T): T;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** What survives the view being hidden and shown again: the unsent draft and whether it edits a turn. */
export interface PersistedState {
  draft: string;
  editTurnId?: string;
  /** Whether the history view was open, what it searched for and in which scope. */
  history?: { open: boolean; query: string; scope: HistoryScope };
}

let requestCounter = 0;
const session = Math.random().toString(36).slice(2, 8);

/** Ids that correlate a request with its answer (e.g. draftChanged → draftTokens). */
export function nextRequestId(): string {
  requestCounter += 1;
  return `${session}-${requestCounter}`;
}

/** The webview's side of the channel: typed posts to the host and the state VS Code keeps while hidden. */
export class VsCodeBridge {
  private readonly api = acquireVsCodeApi();
  private state: PersistedState | undefined;

  /** False when the message did not pass the protocol schema and was not sent. */
  post(message: WebviewToHost): boolean {
    // The host drops malformed messages; checking here too turns a silent drop into a console line.
    const checked = webviewToHostSchema.safeParse(message);
    if (!checked.success) {
      console.warn('[threadline] not sending malformed message', message.type, checked.error.issues[0]?.message);
      return false;
    }
    this.api.postMessage(message);
    return true;
  }

  loadState(): PersistedState {
    if (this.state) return this.state;
    const raw = this.api.getState() as Partial<PersistedState> | undefined;
    const history = raw?.history;
    this.state = {
      draft: typeof raw?.draft === 'string' ? raw.draft : '',
      editTurnId: typeof raw?.editTurnId === 'string' ? raw.editTurnId : undefined,
      history: history && typeof history.query === 'string'
        ? { open: history.open === true, query: history.query, scope: history.scope === 'all' ? 'all' : 'workspace' }
        : undefined,
    };
    return this.state;
  }

  /** Each view saves its own fields; VS Code keeps one object, so the rest is carried over. */
  saveState(patch: Partial<PersistedState>): void {
    this.state = { ...this.loadState(), ...patch };
    this.api.setState(this.state);
  }
}
