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
});
