/**
 * The `greenops` methodology (the default): CCF's model with CCF's known errors fixed, dated grid
 * factors, per-instance power curves and a low/high range on every estimate. docs/methodology.md
 * gives every formula, coefficient source and deviation from CCF.
 *
 * Pure: no I/O and no state outside the call; the same rows give the same estimates.
 */
import type { UsageClassification } from '../classify';
import type { RowEstimate, UsageRow } from '../usage';
import { computeDraft, utilisationFor } from './compute';
import { emptyDraft, totalKWh, type Draft } from './draft';
import { gridFor, usageYear, type GridFactor } from './grid';
import { memoryDraft, networkingDraft, storageDraft } from './storageMemoryNetwork';
import { UnknownUsageRatios } from './unknownUsage';

export interface GreenopsOptions {
  /**
   * Measured average CPU utilisation (percent, 0..100) of a row, e.g. from CloudWatch or Azure
   * Monitor. Undefined (or no option) keeps CCF's 50% and the utilisation band.
   */
  utilisationPercent?: (row: UsageRow, index: number) => number | undefined;
}

function knownDraft(row: UsageRow, c: UsageClassification, grid: GridFactor, measured?: number): Draft | undefined {
  switch (c.category) {
    case 'compute':
    case 'gpu':
      return computeDraft(row, c, grid, utilisationFor(c, measured));
    case 'storage':
      return storageDraft(row, c, grid);
    case 'memory':
      return memoryDraft(row, c, grid);
    case 'networking':
      return networkingDraft(row, c, grid);
    default:
      return undefined;
  }
}

/** Applies the grid factor and combines the bands as bounds (low with low, high with high). */
function finish(category: RowEstimate['category'], draft: Draft, grid: GridFactor): RowEstimate {
  const kWh = totalKWh(draft.energy);
  const kgPerKWh = grid.gCO2ePerKWh / 1000;
  const operationalKg = kWh * kgPerKWh;
  return {
    category,
    energy: draft.energy,
    kWh,
    operationalKg,
    embodiedKg: draft.embodiedKg,
    co2eKg: operationalKg + draft.embodiedKg,
    co2eLowKg: draft.kWhLow * kgPerKWh * (1 - Math.min(1, grid.band)) + draft.embodiedLowKg,
    co2eHighKg: draft.kWhHigh * kgPerKWh * (1 + grid.band) + draft.embodiedHighKg,
    vCpuHours: draft.vCpuHours,
    gbMonths: draft.gbMonths,
  };
}

export function estimateGreenops(
  rows: UsageRow[],
  classified: UsageClassification[],
  options: GreenopsOptions = {}
): RowEstimate[] {
  if (rows.length !== classified.length) {
    throw new RangeError(`estimateGreenops: ${rows.length} rows but ${classified.length} classifications`);
  }
  const grids = rows.map((row, i) => gridFor(classified[i], usageYear(row)));
  const drafts: Array<Draft | undefined> = rows.map((row, i) =>
    knownDraft(row, classified[i], grids[i], options.utilisationPercent?.(row, i))
  );

  // Second pass: unknown usage (and known categories the line did not give enough for) from the
  // kWh per cost of this batch's known usage.
  const ratios = new UnknownUsageRatios();
  drafts.forEach((draft, i) => draft && ratios.addKnown(rows[i], classified[i], draft));

  return rows.map((row, i) => {
    const c = classified[i];
    if (c.category === 'unsupported') {
      return finish('unsupported', emptyDraft(), grids[i]);
    }
    const draft = drafts[i];
    return draft ? finish(c.category, draft, grids[i]) : finish('unknown', ratios.estimate(row, c), grids[i]);
  });
}
