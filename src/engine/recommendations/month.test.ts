import { HOUR_MS, HOURS_PER_MONTH, monthEndingAt, monthlyFromHourly, monthScale } from './month';

describe('the month of monthly figures', () => {
  it('is the average month, 8,760 h / 12 = 730 h', () => {
    expect(HOURS_PER_MONTH).toBe(8760 / 12);
    expect(HOURS_PER_MONTH).toBe(730);
  });

  it('ends where asked and lasts 730 h', () => {
    const end = Date.UTC(2025, 0, 15);
    expect(monthEndingAt(end)).toEqual({ start: end - 730 * 3_600_000, end });
    expect(HOUR_MS).toBe(3_600_000);
  });

  it('scales a range total to a month: 1 for 730 h, 730 / 24 for a day, 0.5 for 1,460 h', () => {
    expect(monthScale(730 * HOUR_MS)).toBe(1);
    expect(monthScale(24 * HOUR_MS)).toBe(730 / 24);
    expect(monthScale(1460 * HOUR_MS)).toBe(0.5);
  });

  it('prices a month of an hourly price at 730 h', () => {
    expect(monthlyFromHourly(0.096)).toBe(0.096 * 730);
    expect(monthlyFromHourly(0)).toBe(0);
  });
});
