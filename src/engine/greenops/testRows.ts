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
