/**
 * Dollars as a reader compares them: cents for a dollar or more, four decimals below, and up to six for the
 * fractions of a cent a short answer costs. Pure: the token tooltip, the panel and exports all use it.
 */
export function formatUsd(value: number): string {
  if (value === 0) return '$0';
  // Below a millionth of a dollar six decimals would print "$0.", which reads as a rounding bug.
  if (value < 0.000001) return '<$0.000001';
  if (value < 0.01) return `$${value.toFixed(6).replace(/\.?0+$/, '')}`;
  return `$${value.toFixed(value < 1 ? 4 : 2)}`;
}
