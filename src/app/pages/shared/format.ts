/** Number formats of the page; en-US grouping so the figures read the same for every user and in tests. */
export function formatNumber(value: number | null, decimals: number): string {
  return value === null
    ? '-'
    : value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function formatCost(amount: number | null, currency: string): string {
  return amount === null ? '-' : `${formatNumber(amount, 2)}${currency ? ` ${currency}` : ''}`;
}

const MB = 1e6;
export const formatMBPerDay = (bytesPerDay: number | null) =>
  bytesPerDay === null ? '-' : formatNumber(bytesPerDay / MB, 2);

/** Table sort for nullable numbers: unknown values sort below every known one. */
export function byNumber(
  a: { values: Record<string, unknown> },
  b: { values: Record<string, unknown> },
  id: string
): number {
  const value = (row: { values: Record<string, unknown> }) =>
    typeof row.values[id] === 'number' ? (row.values[id] as number) : -Infinity;
  return Math.sign(value(a) - value(b)) || 0;
}
