import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** One axe rule that failed, with where: what the test prints and fails on. */
export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

// Read once: the library is ~500 kB and every state of every test injects it.
let axeSource: string | undefined;

/**
 * Runs axe-core on the page as it stands and returns its serious and critical violations. axe is evaluated
 * through the DevTools protocol rather than a script tag, so the page's own CSP (scripts by nonce only) stays on.
 */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? 'unknown', help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** `id (impact): help — target, target` per line, for the assertion message and the log. */
export function describeFindings(findings: AxeFinding[]): string {
  return findings.map((f) => `${f.id} (${f.impact}): ${f.help} — ${f.targets.slice(0, 5).join(', ')}${f.targets.length > 5 ? `, … ${f.targets.length - 5} more` : ''}`).join('\n');
}
