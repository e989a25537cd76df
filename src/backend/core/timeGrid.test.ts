import { seriesStep, seriesTimestamps } from './timeGrid';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('time grid', () => {
  it("uses Grafana's interval when it yields few enough points", () => {
    const times = seriesTimestamps({ from: 0, to: DAY }, HOUR, 100);
    expect(times).toHaveLength(25);
    expect(times[1] - times[0]).toBe(HOUR);
    expect(times[24]).toBe(DAY);
  });

  it('widens the step to respect maxDataPoints', () => {
    const times = seriesTimestamps({ from: 0, to: DAY }, 60_000, 5);
    expect(times.length).toBeLessThanOrEqual(5);
    expect(seriesStep({ from: 0, to: DAY }, 60_000, 5)).toBe(DAY / 4);
  });

  it('falls back to 1000 points and a 1 s minimum step when Grafana sends zeros', () => {
    expect(seriesTimestamps({ from: 0, to: DAY }, 0, 0).length).toBeLessThanOrEqual(1000);
    expect(seriesStep({ from: 0, to: 10_000 }, 0, 0)).toBe(1000);
  });

  it('returns one point for an empty range', () => {
    expect(seriesTimestamps({ from: 5, to: 5 }, HOUR, 10)).toEqual([5]);
  });

  it('never exceeds 11,000 points per series, whatever maxDataPoints says', () => {
    const span = 10 * 365 * DAY;
    // 10,999 steps at most: ceil(315,360,000,000 / 10,999) = 28,671,698 ms.
    expect(seriesStep({ from: 0, to: span }, 1, 2 ** 63 - 1)).toBe(28_671_698);
    expect(seriesStep({ from: 0, to: span }, 1, 11_000)).toBe(28_671_698);
    expect(seriesStep({ from: 0, to: span }, 1, 11_001)).toBe(28_671_698);
    // Below the cap, maxDataPoints rules: ceil(span / 10,998) = 28,674,305.
    expect(seriesStep({ from: 0, to: span }, 1, 10_999)).toBe(28_674_305);
  });
});
