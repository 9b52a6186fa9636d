import type { CodeContext } from '../core/conversation/turn';

/**
 * Keeps whole lines from the start of the contexts, in order, until the token budget is used. The kept line
 * range is reported accurately, so the transcript says exactly what the model saw. The cut is found by
 * binary search over line counts, so a huge selection costs O(log lines) counts, not one per line.
 */
export async function trimToTokenBudget(
  contexts: CodeContext[],
  budget: number,
  count: (text: string) => Promise<number>,
): Promise<CodeContext[]> {
  const kept: CodeContext[] = [];
  let remaining = budget;
  for (const context of contexts) {
    if (remaining <= 0) break;
    const whole = await count(context.text);
    if (whole <= remaining) {
      kept.push(context);
      remaining -= whole;
      continue;
    }
    const lines = context.text.split('\n');
    let low = 0;
    let high = lines.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((await count(lines.slice(0, mid).join('\n'))) <= remaining) low = mid;
      else high = mid - 1;
    }
    if (low > 0) {
      kept.push({ ...context, text: lines.slice(0, low).join('\n'), endLine: context.startLine + low - 1 });
    } else {
      // The first line alone is over budget (minified code): keep the part of it that fits.
      const chars = await longestFittingPrefix(lines[0], remaining, count);
      if (chars > 0) kept.push({ ...context, text: lines[0].slice(0, chars), endLine: context.startLine });
    }
    break;
  }
  return kept;
}

async function longestFittingPrefix(line: string, budget: number, count: (text: string) => Promise<number>): Promise<number> {
  let low = 0;
  let high = line.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if ((await count(line.slice(0, mid))) <= budget) low = mid;
    else high = mid - 1;
  }
  return low;
}
