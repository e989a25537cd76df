/**
 * The `ccf` methodology: Cloud Carbon Footprint's AWS billing estimator
 * (@cloud-carbon-footprint/aws@0.15.0 with core@0.17.3 and common@1.15.0, no Electricity Maps
 * token) reproduced per line, quirks included: 50% utilisation, per-microarchitecture average or
 * median watts, memory only above SPECpower's GB per chip, replication factors on compute and
 * memory, GB-Mo → TBh with the days of the row's month, ByteHrs read as bytes (#1029), Lambda
 * GB-seconds read as vCPU-seconds, embodied time = amount / vCPUs and its CO2e added to kWh as
 * "embodied kWh", unknown usage from the batch's kWh per cost of the same unit.
 *
 * Units: kWh as CCF reports them; CO2e in kg (CCF reports metric tons: ×1000).
 * Region: the row's own, as CCF uses CUR's product_region; a row without one gets CCF's average
 * factor, as in CCF (the classification's prefix-derived region is not used here).
 * Differences from CCF, by design: CCF's NaN CO2e (compute lines whose vCPUs it cannot find) is
 * reported as 0; unknown-usage totals are per call, not process-global; lines of other clouds get
 * CCF's formulas with CCF's per-provider PUE and grid factors (otherClouds.ts).
 */
import { createUsageClassifier } from '../classify';
import type { UsageClassification } from '../classify/types';
import type { RowEstimate, UsageRow } from '../usage';
import { buildAwsProfile, type CcfAwsProfile } from './awsProfile';
import { estimateKnownAwsUsage } from './awsKnownUsage';
import { tonnesPerKWh } from './coefficients';
import { KilowattHoursByUnit } from './kilowattHoursByUnit';
import { estimateOtherCloudUsage, otherCloudPue, otherCloudTonnesPerKWh } from './otherClouds';
import { EstimateParts, toRowEstimate } from './rowEstimate';

interface OtherCloudProfile {
  tonnesPerKWh: number;
  pue: number;
}

/** Reports an unknown line's kWh under the component its unit measures. */
function setUnknownEnergy(parts: EstimateParts, c: UsageClassification, kWh: number, tonnesPerKWhHere: number): void {
  if (c.unit === 'gb-months' || c.unit === 'gb-hours') {
    parts.storage = kWh;
  } else if (c.unit === 'gb') {
    parts.networking = kWh;
  } else {
    parts.compute = kWh;
  }
  parts.kWh = kWh;
  parts.setOperational(kWh * tonnesPerKWhHere);
}

/** Per-batch state: caches keyed by classification (shared by identical lines) and CCF's totals. */
class CcfBatch {
  readonly awsProfiles = new Map<UsageClassification, CcfAwsProfile>();
  readonly otherProfiles = new Map<UsageClassification, OtherCloudProfile>();
  /** CCF's kWh and cost totals, by CCF's pricing unit. */
  readonly awsKWhByUnit = new KilowattHoursByUnit();
  /** The same by normalised unit, for unknown lines of other clouds. */
  readonly kWhByNormalisedUnit = new KilowattHoursByUnit();
  readonly parts = new EstimateParts();

  awsProfile(c: UsageClassification): CcfAwsProfile {
    let profile = this.awsProfiles.get(c);
    if (profile === undefined) {
      profile = buildAwsProfile(c);
      this.awsProfiles.set(c, profile);
    }
    return profile;
  }

  otherProfile(c: UsageClassification): OtherCloudProfile {
    let profile = this.otherProfiles.get(c);
    if (profile === undefined) {
      profile = { tonnesPerKWh: otherCloudTonnesPerKWh(c), pue: otherCloudPue(c) };
      this.otherProfiles.set(c, profile);
    }
    return profile;
  }

  /** First pass: false when the line waits for the unknown-usage pass. */
  estimateKnown(row: UsageRow, c: UsageClassification): boolean {
    const parts = this.parts.reset();
    if (c.cloud === 'aws') {
      if (c.ccfRoute === 'unknown') {
        return false;
      }
      if (c.ccfRoute === 'unsupported' || c.ccfRoute === 'ignored') {
        return true;
      }
      estimateKnownAwsUsage(row, c, this.awsProfile(c), parts, this.awsKWhByUnit);
    } else if (c.category !== 'unsupported') {
      const profile = this.otherProfile(c);
      if (!estimateOtherCloudUsage(row, c, parts, profile.tonnesPerKWh, profile.pue)) {
        return false;
      }
    }
    if (Number.isFinite(parts.kWh) && Number.isFinite(parts.totalTonnes) && c.ccfRoute !== 'lambda') {
      this.kWhByNormalisedUnit.add(c.unit, parts.kWh, row.cost);
    }
    return true;
  }

  /** Second pass: CCF's UnknownEstimator (kWh per cost of the same unit in this batch). */
  estimateUnknown(row: UsageRow, c: UsageClassification): RowEstimate {
    const parts = this.parts.reset();
    if (c.cloud === 'aws') {
      // CCF skips unknown lines when it output no known line; then there are no totals and the
      // estimate is 0 either way (CCF leaves the line out of its output, we report 0).
      setUnknownEnergy(parts, c, this.awsKWhByUnit.estimate(c.ccfUnit, row.cost), tonnesPerKWh(row.region));
    } else {
      setUnknownEnergy(
        parts,
        c,
        this.kWhByNormalisedUnit.estimate(c.unit, row.cost),
        this.otherProfile(c).tonnesPerKWh
      );
    }
    return toRowEstimate('unknown', parts);
  }
}

/**
 * Estimates `rows` (same length and order). `classified` may be passed when the caller already
 * classified the batch; otherwise rows are classified here.
 */
export function estimateCcf(rows: readonly UsageRow[], classified?: readonly UsageClassification[]): RowEstimate[] {
  const classify = classified ? (_row: UsageRow, i: number) => classified[i] : createUsageClassifier();
  const batch = new CcfBatch();
  const estimates = new Array<RowEstimate>(rows.length);
  const unknownRows = new Int32Array(rows.length);
  let unknownCount = 0;
  for (let i = 0; i < rows.length; i++) {
    const c = classify(rows[i], i);
    if (batch.estimateKnown(rows[i], c)) {
      estimates[i] = toRowEstimate(c.category, batch.parts);
    } else {
      unknownRows[unknownCount++] = i;
    }
  }
  for (let k = 0; k < unknownCount; k++) {
    const i = unknownRows[k];
    estimates[i] = batch.estimateUnknown(rows[i], classify(rows[i], i));
  }
  return estimates;
}
