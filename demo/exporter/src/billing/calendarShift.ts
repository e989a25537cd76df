/**
 * FOCUS Date/Time cells moved by whole calendar months. Only the `YYYY-MM-DD` part of a cell is
 * rewritten; the time and zone that follow (`T22:00:00Z` or the sample's ` 22:00:00`) stay
 * byte-identical. The day of the month is kept; a day the target month lacks (September 29th and
 * 30th in February) runs over into the next month as Date.UTC does, which keeps every charge
 * period its length (Sep 28 23:00 → Sep 29 00:00 becomes Feb 28 23:00 → Mar 1 00:00). The
 * converse, a target month longer than the source, leaves a gap: September's last hour (Sep 30
 * 23:00 → Oct 1 00:00) becomes May 30 23:00 → Jun 1 00:00, a 25-hour period; the backend dates
 * usage by ChargePeriodStart only, so totals are unaffected.
 */

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})(.*)$/s;

export interface MonthKey {
  year: number;
  /** 0–11, as Date.UTC. */
  month: number;
}

/** Calendar months from `a` to `b` (positive when `b` is later). */
export function monthsBetween(a: MonthKey, b: MonthKey): number {
  return (b.year - a.year) * 12 + (b.month - a.month);
}

export function monthOf(ms: number): MonthKey {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() };
}

export function addMonths(m: MonthKey, months: number): MonthKey {
  return monthOf(Date.UTC(m.year, m.month + months, 1));
}

export const monthLabel = (m: MonthKey) => `${m.year}-${String(m.month + 1).padStart(2, '0')}`;

/** The cell with its date moved `months` calendar months; throws on a cell that is not a date. */
export function shiftDateCell(cell: string, months: number): string {
  const m = DATE_PREFIX.exec(cell);
  if (!m) {
    throw new Error(`"${cell}" is not a FOCUS date/time (YYYY-MM-DD…)`);
  }
  const shifted = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1 + months, Number(m[3])));
  const y = String(shifted.getUTCFullYear()).padStart(4, '0');
  const mo = String(shifted.getUTCMonth() + 1).padStart(2, '0');
  const d = String(shifted.getUTCDate()).padStart(2, '0');
  return `${y}-${mo}-${d}${m[4]}`;
}

/**
 * Epoch ms of a FOCUS date/time cell: `2024-09-18T22:00:00Z`, or without a zone
 * (`2024-09-18 22:00:00`, as in the public sample), which FOCUS defines as UTC.
 */
export function parseInstant(cell: string): number {
  let iso = cell.trim().replace(' ', 'T');
  if (!iso.includes('T')) {
    iso += 'T00:00:00';
  }
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(iso) ? iso : `${iso}Z`);
  if (!Number.isFinite(ms)) {
    throw new Error(`"${cell}" is not a FOCUS date/time`);
  }
  return ms;
}
