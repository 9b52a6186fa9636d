import * as assert from 'node:assert/strict';
import type { Logger, ModelProvider, ModelRequest, ProviderSettings, StreamChannel } from '../../../src/core/provider/types';
import type { FakeResponsesServer, Fault } from '../../fake-server/fakeResponsesServer';

/** A logger that keeps every line, so tests can assert what was (and was not) logged. */
export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  constructor(private readonly debugEnabled = false) {}
  trace(message: string): void { this.lines.push(`trace ${message}`); }
  debug(message: string): void { this.lines.push(`debug ${message}`); }
  info(message: string): void { this.lines.push(`info ${message}`); }
  warn(message: string): void { this.lines.push(`warn ${message}`); }
  error(message: string): void { this.lines.push(`error ${message}`); }
  isDebugEnabled(): boolean { return this.debugEnabled; }
  get text(): string { return this.lines.join('\n'); }
}

export const TEST_KEY = 'sk-test-5f0c9a1e7b2d4c6e8a0b1c2d3e4f5a6b';

export function settingsFor(baseURL: string, overrides: Partial<ProviderSettings> = {}): ProviderSettings {
  // Retries are off unless a test is about retries: each fault must reach the provider exactly once.
  return { apiKey: TEST_KEY, baseURL, timeoutMs: 5_000, maxRetries: 0, ...overrides };
}

export function requestFor(input: string, overrides: Partial<ModelRequest> = {}): ModelRequest {
  return { model: 'gpt-test', instructions: 'Be brief.', input, store: true, ...overrides };
}

export class DeltaRecorder {
  readonly deltas: { channel: StreamChannel; text: string }[] = [];
  onDelta = (channel: StreamChannel, text: string): void => {
    this.deltas.push({ channel, text });
  };
  joined(channel: StreamChannel): string {
    return this.deltas.filter((d) => d.channel === channel).map((d) => d.text).join('');
  }
}

/** A provider class under test (ResponsesProvider, ChatCompletionsProvider), made as the host makes it. */
export type ProviderClass = new (settings: ProviderSettings, logger: Logger) => ModelProvider;

/**
 * A fault test's run: queues `fault` on `server`, then streams one request through a new provider against it.
 * Whatever the fault, the key reaches neither the result nor the log, and the result text is exactly what streamed.
 */
export function faultRunner(server: FakeResponsesServer, Provider: ProviderClass, baseURL: () => string) {
  return async (fault: Fault | Fault['kind'] | undefined, text = 'Explain closures', overrides: Partial<ProviderSettings> = {}) => {
    if (fault) server.queueFault(fault);
    const logger = new RecordingLogger();
    const provider = new Provider(settingsFor(overrides.baseURL ?? baseURL(), overrides), logger);
    const recorder = new DeltaRecorder();
    const result = await provider.stream(requestFor(text), recorder);
    assert.ok(!JSON.stringify(result).includes(TEST_KEY), 'the key never reaches the result');
    assert.ok(!logger.text.includes(TEST_KEY), 'the key never reaches the log');
    assert.equal(result.text, recorder.joined('text'), 'the result text is exactly what was streamed');
    return { result, logger };
  };
}
