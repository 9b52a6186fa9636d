export interface CodeServerOptions {
  root: string;
  stateDir: string;
  folder?: string;
  host?: string;
  port?: number;
  /** Extra environment; a value of undefined removes the variable. */
  env?: Record<string, string | undefined>;
  logFile?: string;
  userSettings?: Record<string, unknown>;
  onLine?: (line: string) => void;
  echo?: NodeJS.WritableStream;
}

export interface RunningCodeServer {
  origin: string;
  port: number;
  host: string;
  stop(graceMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export declare function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer>;
export declare function installExtension(options: { root: string; stateDir: string; vsix: string }): Promise<string>;
