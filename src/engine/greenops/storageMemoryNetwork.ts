/**
 * Storage, memory and networking rows, with CCF's coefficients (data/ccf/aws-constants.json):
 * SSD 1.2 / HDD 0.65 Wh per TB-hour, memory 0.392 W per GB, networking 0.001 kWh per GB,
 * each with its band (uncertainty.json).
 *
 * Unlike CCF, `ByteHrs` usage types (S3 TimedStorage-ByteHrs...) are read in the unit the bill
 * states, GB-months (CCF issue #1029: CCF divides them by 2^40 as if they were bytes).
 *
 * Each function fills `d` (reset) and returns false when the line's unit gives no quantity to
 * estimate from (the row then goes to the unknown-usage pass).
 */
import type { UsageRow } from '../usage';
import { COEFFICIENTS as K } from './coefficients';
import type { Draft } from './draft';
import type { GridTerms } from './grid';
import type { GreenopsLine } from './line';

/** Hours in the calendar month (UTC) the usage starts in: a GB-month is GB × that many hours. */
export function hoursInMonth(epochMs: number): number {
  const d = new Date(epochMs);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate() * 24;
}

/** `monthHours`: hoursInMonth(row.start). Unknown medium: HDD (the lower coefficient) as central and low, SSD as high. */
export function storageRow(d: Draft, row: UsageRow, line: GreenopsLine, grid: GridTerms, monthHours: number): boolean {
  const amount = row.amount * line.unitMultiplier;
  let gbHours: number;
  if (line.unit === 'gb-months') {
    gbHours = amount * monthHours;
  } else if (line.unit === 'gb-hours') {
    gbHours = amount;
  } else {
    return false;
  }
  const pue = grid.pue;
  const rf = line.replicationFactor;
  const central =
    ((gbHours / 1000) * (line.storageMedia === 'ssd' ? K.ssdWhPerTbHour : K.hddWhPerTbHour) * pue * rf) / 1000;
  d.storage = central;
  d.kWhLow = central;
  d.kWhHigh = line.storageMedia === undefined ? ((gbHours / 1000) * K.ssdWhPerTbHour * pue * rf) / 1000 : central;
  d.gbMonths = gbHours / monthHours;
  return true;
}

/** Memory billed on its own (Fargate GB-hours, Azure and GCP memory SKUs). */
export function memoryRow(d: Draft, row: UsageRow, line: GreenopsLine, grid: GridTerms): boolean {
  const amount = row.amount * line.unitMultiplier;
  let gbHours: number;
  if (line.unit === 'gb-hours') {
    gbHours = amount;
  } else if (line.unit === 'gb-seconds') {
    gbHours = amount / 3600;
  } else {
    return false;
  }
  const kWh = gbHours * K.memoryKWhPerGbHour * grid.pue * line.replicationFactor;
  d.memory = d.kWhHigh = kWh;
  // Boavizta's lower per-GB model is the band's low end (uncertainty.json memory).
  d.kWhLow = gbHours * K.memoryLowKWhPerGbHour * grid.pue * line.replicationFactor;
  return true;
}

/** Data transfer: no replication factor (as CCF). */
export function networkingRow(d: Draft, row: UsageRow, line: GreenopsLine, grid: GridTerms): boolean {
  if (line.unit !== 'gb') {
    return false;
  }
  const gb = row.amount * line.unitMultiplier;
  // CCF's 0.001 kWh/GB is the lowest published estimate: the band reaches the highest (0.06).
  d.networking = d.kWhLow = gb * K.networkingKWhPerGb * grid.pue;
  d.kWhHigh = gb * K.networkingHighKWhPerGb * grid.pue;
  return true;
}
