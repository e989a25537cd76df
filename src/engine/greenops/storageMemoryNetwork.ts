/**
 * Storage, memory and networking rows, with CCF's coefficients (data/ccf/aws-constants.json):
 * SSD 1.2 / HDD 0.65 Wh per TB-hour, memory 0.392 W per GB, networking 0.001 kWh per GB.
 *
 * Unlike CCF, `ByteHrs` usage types (S3 TimedStorage-ByteHrs...) are read in the unit the bill
 * states, GB-months (CCF issue #1029: CCF divides them by 2^40 as if they were bytes).
 */
import type { UsageClassification } from '../classify';
import type { UsageRow } from '../usage';
import { COEFFICIENTS as K } from './coefficients';
import { singleComponent, type Draft } from './draft';
import type { GridFactor } from './grid';

/** Hours in the calendar month (UTC) the usage starts in: a GB-month is GB × that many hours. */
export function hoursInMonth(epochMs: number): number {
  const d = new Date(epochMs);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate() * 24;
}

export function storageDraft(row: UsageRow, c: UsageClassification, grid: GridFactor): Draft | undefined {
  const amount = row.amount * c.unitMultiplier;
  const monthHours = hoursInMonth(row.start);
  let gbHours: number;
  if (c.unit === 'gb-months') {
    gbHours = amount * monthHours;
  } else if (c.unit === 'gb-hours') {
    gbHours = amount;
  } else {
    return undefined;
  }
  const kWhAt = (whPerTbHour: number) => ((gbHours / 1000) * whPerTbHour * grid.pue * c.replicationFactor) / 1000;
  // Unknown medium: HDD (the lower coefficient) as central and low, SSD as high.
  const central = kWhAt(c.storageMedia === 'ssd' ? K.ssdWhPerTbHour : K.hddWhPerTbHour);
  const high = c.storageMedia === undefined ? kWhAt(K.ssdWhPerTbHour) : central;
  const draft = singleComponent('storage', central, central, high);
  draft.gbMonths = gbHours / monthHours;
  return draft;
}

/** Memory billed on its own (Fargate GB-hours, Azure and GCP memory SKUs). */
export function memoryDraft(row: UsageRow, c: UsageClassification, grid: GridFactor): Draft | undefined {
  const amount = row.amount * c.unitMultiplier;
  const gbHours = c.unit === 'gb-hours' ? amount : c.unit === 'gb-seconds' ? amount / 3600 : undefined;
  if (gbHours === undefined) {
    return undefined;
  }
  return singleComponent('memory', gbHours * K.memoryKWhPerGbHour * grid.pue * c.replicationFactor);
}

/** Data transfer: no replication factor (as CCF). */
export function networkingDraft(row: UsageRow, c: UsageClassification, grid: GridFactor): Draft | undefined {
  if (c.unit !== 'gb') {
    return undefined;
  }
  return singleComponent('networking', row.amount * c.unitMultiplier * K.networkingKWhPerGb * grid.pue);
}
