/**
 * Usage rows for the greenops tests, classified by the real classifier (src/engine/classify) so the
 * tests cover the path estimateUsage takes. Test-only; nothing in the engine imports it.
 */
import { classifyUsage } from '../classify';
import type { RowEstimate, UsageRow } from '../usage';
import { estimateGreenops, type GreenopsOptions } from '.';

const DAY_MS = 86_400_000;
/** 2024-06-01, a 30-day month: 1 GB-month = 720 GB-hours. */
export const JUNE_2024 = Date.UTC(2024, 5, 1);

export function awsRow(usageType: string, unit: string, amount: number, extra: Partial<UsageRow> = {}): UsageRow {
  return {
    start: JUNE_2024,
    end: JUNE_2024 + DAY_MS,
    provider: 'aws',
    account: '111111111111',
    region: 'eu-west-1',
    service: 'AmazonEC2',
    usageType,
    unit,
    amount,
    cost: 1,
    currency: 'USD',
    ...extra,
  };
}

export function estimate(rows: UsageRow[], options?: GreenopsOptions): RowEstimate[] {
  return estimateGreenops(rows, rows.map(classifyUsage), options);
}

export function estimateOne(row: UsageRow, options?: GreenopsOptions): RowEstimate {
  return estimate([row], options)[0];
}

/**
 * The stated 90 % interval written out from docs/methodology.md section 4, for tests to compare
 * with: every band a 5th-95th percentile, PUE ±3 %, the grid factor ± `gridBand`.
 *   op_low  = op × exp(−√(ln(E/E_low)² + ln(1/0.97)² + ln(1/(1 − g))²))
 *   op_high = op × exp(+√(ln(E_high/E)² + ln(1.03)² + ln(1 + g)²))
 *   low  = op + emb − √((op − op_low)² + (emb − emb_low)²), high likewise with the highs.
 */
export function statedInterval(p: {
  kWh: number;
  kWhLow: number;
  kWhHigh: number;
  kgPerKWh: number;
  gridBand: number;
  embodiedKg?: number;
  embodiedLowKg?: number;
}): { opLow: number; opHigh: number; low: number; high: number } {
  const op = p.kWh * p.kgPerKWh;
  const lnLow = Math.sqrt(
    Math.log(p.kWh / p.kWhLow) ** 2 + Math.log(1 / 0.97) ** 2 + Math.log(1 / (1 - p.gridBand)) ** 2
  );
  const lnHigh = Math.sqrt(Math.log(p.kWhHigh / p.kWh) ** 2 + Math.log(1.03) ** 2 + Math.log(1 + p.gridBand) ** 2);
  const opLow = op * Math.exp(-lnLow);
  const opHigh = op * Math.exp(lnHigh);
  const emb = p.embodiedKg ?? 0;
  const embLow = p.embodiedLowKg ?? emb;
  return {
    opLow,
    opHigh,
    low: op + emb - Math.sqrt((op - opLow) ** 2 + (emb - embLow) ** 2),
    high: op + emb + (opHigh - op),
  };
}
