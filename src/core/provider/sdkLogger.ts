import type { Logger } from './types';
import { redactSecrets } from './redact';

type SdkLogFn = (message: string, ...rest: unknown[]) => void;
export interface SdkLogger {
  error: SdkLogFn;
  warn: SdkLogFn;
  info: SdkLogFn;
  debug: SdkLogFn;
}

/**
 * Routes the SDK's own log lines (retries, unparsable chunks) into the Threadline log instead of the console.
 * Extra arguments can hold stream content, so they are shown only with debug logging on; everything is redacted.
 */
export function sdkLoggerFor(logger: Logger, secrets: readonly string[]): SdkLogger {
  const format = (message: string, rest: unknown[]) => {
    const extra = logger.isDebugEnabled() && rest.length > 0 ? ` ${rest.map(stringify).join(' ')}` : '';
    return redactSecrets(`[openai] ${message}${extra}`, secrets);
  };
  return {
    error: (message, ...rest) => logger.warn(format(message, rest)),
    warn: (message, ...rest) => logger.warn(format(message, rest)),
    // Retries are worth seeing without debug logging: they explain a slow first token.
    info: (message, ...rest) => (/retrying/.test(message) ? logger.info(format(message, rest)) : logger.debug(format(message, rest))),
    debug: (message, ...rest) => logger.trace(format(message, rest)),
  };
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
