import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { activateThreadline, threadlineExtension } from '../support/threadline';

/**
 * Not part of the test run: bench/activation.bench.ts runs this inside the real extension host and reads the
 * figures it writes to THREADLINE_BENCH_OUT.
 */
suite('Activation probe', () => {
  test('records activation and bundle load time', async () => {
    const api = await activateThreadline();
    assert.ok(api.activationMs > 0);
    // A fresh evaluation of the shipped bundle: the code-loading share of activation, which VS Code pays first.
    const bundle = join(threadlineExtension().extensionPath, 'dist', 'extension.js');
    const cached = require.cache[require.resolve(bundle)];
    delete require.cache[require.resolve(bundle)];
    const started = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deliberate fresh load of the bundle
    require(bundle);
    const loadMs = performance.now() - started;
    if (cached) require.cache[require.resolve(bundle)] = cached;
    const out = process.env.THREADLINE_BENCH_OUT;
    assert.ok(out, 'THREADLINE_BENCH_OUT names where the figures go');
    writeFileSync(out, JSON.stringify({ activation_ms: round(api.activationMs), 'activation.bundle_load_ms': round(loadMs) }));
  });
});

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
