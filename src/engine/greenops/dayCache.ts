/**
 * Per-call memo of calendar functions of a time (usage year, hours in the month): a Date per row
 * costs more than the rest of a row's arithmetic, and rows of one batch fall on few days.
 */

const MS_PER_DAY = 86_400_000;
/**
 * Only times below this are memoised: there `t / MS_PER_DAY` is never rounded up to the next whole
 * day, and the Date range (±8.64e15 ms) is far away. Other times are computed directly.
 */
const MEMO_LIMIT_MS = 1e14;

/**
 * `compute(epochMs)` memoised per UTC day. Valid for functions that read `new Date(epochMs)` only
 * through its calendar date: Date truncates the time value toward zero, so the day is taken from
 * the truncated time too.
 */
export class DayCache {
  private readonly byDay = new Map<number, number>();
  private lastDay = NaN;
  private lastValue = NaN;

  constructor(private readonly compute: (epochMs: number) => number) {}

  at(epochMs: number): number {
    const t = Math.trunc(epochMs);
    if (!(Math.abs(t) < MEMO_LIMIT_MS)) {
      return this.compute(epochMs);
    }
    const day = Math.floor(t / MS_PER_DAY);
    if (day === this.lastDay) {
      return this.lastValue;
    }
    let value = this.byDay.get(day);
    if (value === undefined) {
      value = this.compute(epochMs);
      this.byDay.set(day, value);
    }
    this.lastDay = day;
    this.lastValue = value;
    return value;
  }
}
