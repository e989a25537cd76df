/**
 * The zombieInstances summary checked against its own table: one row per kind whose count and
 * monthly cost, kWh and kg CO2e are the sums of that kind's table rows (an unknown value counts 0).
 */
type Row = Record<string, unknown>;

const SUMMED = ['monthlyCost', 'monthlyKWh', 'monthlyKgCO2e'];

export function expectSummaryIsTableSums(table: Row[], summary: Row[]): void {
  for (const total of summary) {
    const mine = table.filter((r) => r.kind === total.kind);
    expect(total.count).toBe(mine.length);
    for (const field of SUMMED) {
      const expected = mine.reduce((a, r) => a + ((r[field] as number | null) ?? 0), 0);
      expect(Math.abs((total[field] as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
    }
  }
}
