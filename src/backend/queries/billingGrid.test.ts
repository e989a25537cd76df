import { bucketStart, bucketStarts } from '../sources/timeBuckets';
import { resolveGranularity } from './billingGrid';

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
});
