import { bucketEnd, bucketStart, ceilToBucket } from './timeBuckets';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('time buckets (UTC)', () => {
  it('floors to the hour, the day and the month', () => {
    const t = at('2024-02-29T13:45:10Z');
    expect(iso(bucketStart(t, 'hourly'))).toBe('2024-02-29T13:00:00.000Z');
    expect(iso(bucketStart(t, 'daily'))).toBe('2024-02-29T00:00:00.000Z');
    expect(iso(bucketStart(t, 'monthly'))).toBe('2024-02-01T00:00:00.000Z');
  });

  it('ends buckets at the next boundary, months of any length', () => {
    expect(iso(bucketEnd(at('2024-02-01T00:00:00Z'), 'monthly'))).toBe('2024-03-01T00:00:00.000Z');
    expect(iso(bucketEnd(at('2024-12-01T00:00:00Z'), 'monthly'))).toBe('2025-01-01T00:00:00.000Z');
    expect(iso(bucketEnd(at('2024-02-29T00:00:00Z'), 'daily'))).toBe('2024-03-01T00:00:00.000Z');
  });

  it('ceils to a boundary, leaving boundaries alone', () => {
    expect(iso(ceilToBucket(at('2024-03-01T00:00:00Z'), 'daily'))).toBe('2024-03-01T00:00:00.000Z');
    expect(iso(ceilToBucket(at('2024-03-01T00:00:01Z'), 'daily'))).toBe('2024-03-02T00:00:00.000Z');
  });
});
