import * as vscode from 'vscode';
import type { Logger } from '../core/provider/types';

/**
 * The "Threadline" log channel, adapted to the core Logger. Prompts are logged only at Debug or Trace,
 * which the user opts into with "Developer: Set Log Level…".
 */
export function createLogger(channel: vscode.LogOutputChannel): Logger {
  return {
    trace: (m) => channel.trace(m),
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
    isDebugEnabled: () => channel.logLevel !== vscode.LogLevel.Off && channel.logLevel <= vscode.LogLevel.Debug,
  };
}
