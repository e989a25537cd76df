/** Text that notices share. */

/** Items a notice names at most, so it stays short whatever the size of the cluster or bill. */
export const NOTICE_LIST_MAX = 10;

/** `a, b, c and 7 more`: the first `max` items, then how many were left out. */
export function someOf(items: readonly string[], max = NOTICE_LIST_MAX, separator = ', '): string {
  const listed = items.slice(0, max).join(separator);
  return items.length > max ? `${listed} and ${items.length - max} more` : listed;
}
