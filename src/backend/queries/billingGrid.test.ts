import { bucketStart, bucketStarts } from '../sources/timeBuckets';
import { granularityNotice, resolveGranularity } from './billingGrid';

const DAY = 86_400_000;
const jan1 = Date.UTC(2024, 0, 1);

describe('billing time buckets', () => {
  it('picks hourly, daily or monthly for auto by the length of the range', () => {
    expect(resolveGranularity('auto', { from: jan1, to: jan1 + DAY }, true)).toBe('hourly');
    expect(resolveGranularity('auto', { from: jan1, to: jan1 + DAY }, false)).toBe('daily');
    expect(resolveGranularity('auto', { from: jan1, to: jan1 + 90 * DAY }, true)).toBe('daily');
    expect(resolveGranularity('auto', { from: jan1, to: jan1 + 200 * DAY }, true)).toBe('monthly');
    expect(resolveGranularity('monthly', { from: jan1, to: jan1 + DAY }, true)).toBe('monthly');
  });

  it('aligns buckets to UTC hours, days and calendar months', () => {
    const t = Date.UTC(2024, 1, 29, 13, 45);
    expect(bucketStart(t, 'hourly')).toBe(Date.UTC(2024, 1, 29, 13));
    expect(bucketStart(t, 'daily')).toBe(Date.UTC(2024, 1, 29));
    expect(bucketStart(t, 'monthly')).toBe(Date.UTC(2024, 1, 1));
  });

  it('lists the buckets that overlap a range, end exclusive', () => {
    expect(bucketStarts({ from: jan1 + 3_600_000, to: jan1 + 3 * DAY }, 'daily')).toEqual([
      jan1,
      jan1 + DAY,
      jan1 + 2 * DAY,
    ]);
    expect(bucketStarts({ from: Date.UTC(2024, 0, 15), to: Date.UTC(2024, 2, 1) }, 'monthly')).toEqual([
      Date.UTC(2024, 0, 1),
      Date.UTC(2024, 1, 1),
    ]);
  });

  it('coarsens a granularity whose buckets would exceed 11,000 points per series, and says so', () => {
    const HOUR = 3_600_000;
    // At most ceil(span / hour) + 1 hourly buckets: 10,999 hours is the longest hourly range.
    expect(resolveGranularity('hourly', { from: jan1, to: jan1 + 10_999 * HOUR }, true)).toBe('hourly');
    expect(resolveGranularity('hourly', { from: jan1, to: jan1 + 10_999 * HOUR + 1 }, true)).toBe('daily');
    // Ten years hourly (87,660 points) becomes daily (3,653); 40 years daily (14,610) monthly.
    expect(resolveGranularity('hourly', { from: jan1, to: jan1 + 3_652 * DAY }, true)).toBe('daily');
    expect(resolveGranularity('daily', { from: jan1, to: jan1 + 40 * 365 * DAY }, true)).toBe('monthly');
    expect(granularityNotice('hourly', 'daily')).toEqual([
      {
        severity: 'info',
        text: 'Shown daily, not hourly: hourly buckets over this range would exceed 11,000 points per series. Narrow the range to see hourly values.',
      },
    ]);
    expect(granularityNotice('hourly', 'hourly')).toEqual([]);
    expect(granularityNotice('auto', 'monthly')).toEqual([]);
  });

  it('refuses a range too long even for monthly buckets (over 10,999 shortest months)', () => {
    const month = 28 * DAY;
    expect(resolveGranularity('monthly', { from: 0, to: 10_999 * month }, true)).toBe('monthly');
    expect(() => resolveGranularity('auto', { from: 0, to: 10_999 * month + 1 }, true)).toThrow(
      /billing series hold at most 11,000 monthly points\. Pick a shorter range\./
    );
  });
});
