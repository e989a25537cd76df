/** `text` as a regex matching exactly itself, so a picked name like `python3.11` does not also match `python3x11`. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One regex matching exactly any of the values: `a\.b` for one, `(a|b)` for several (as Prometheus data sources do). */
export function anyOfRegex(values: unknown[]): string {
  const escaped = values.map((v) => escapeRegex(String(v)));
  return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
}
