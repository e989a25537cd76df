/** Calendar arithmetic on epoch milliseconds, UTC, without allocating Date objects. */

const MS_PER_DAY = 86_400_000;

/**
 * Days in the UTC month containing `epochMs` (CCF: moment(timestamp).utc().daysInMonth()), or
 * `fallback` for an invalid time (CCF uses 30.42 when the timestamp is not a valid date).
 */
export function daysInUtcMonth(epochMs: number, fallback: number): number {
  if (!Number.isFinite(epochMs)) {
    return fallback;
  }
  // Civil-from-days (H. Hinnant): month and year of the day number.
  const z = Math.floor(epochMs / MS_PER_DAY) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (month === 2) {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
