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
 * reported as 0; unknown-usage totals are per call, not process-global. Azure lines follow CCF's
 * Azure estimator (azureUsage.ts), Google Cloud lines CCF's GCP estimator (gcpUsage.ts); lines of
 * other clouds get CCF's formulas with CCF's AWS averages (otherClouds.ts).
 */
import { classifyUsage, DescribedLine, DescriptionMemo, type CcfRoute, type CloudFamily } from '../classify';
import type { UsageClassification } from '../classify/types';
import type { RowEstimate, UsageCategory, UsageRow } from '../usage';
import { buildAwsProfile, type CcfAwsProfile } from './awsProfile';
import { estimateKnownAwsUsage } from './awsKnownUsage';
import { CcfAzureProfile } from './azureProfile';
import { estimateAzureUsage } from './azureUsage';
import { CcfGcpProfile } from './gcpProfile';
import { estimateGcpUsage, gcpCcfAmount } from './gcpUsage';
import { tonnesPerKWh } from './coefficients';
import { accumulate, KilowattHoursByUnit, type KWhAndCost } from './kilowattHoursByUnit';
import { estimateOtherCloudUsage, otherCloudPue, otherCloudTonnesPerKWh } from './otherClouds';
import { EstimateParts, toRowEstimate } from './rowEstimate';

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

const hasAwsProfile = (c: UsageClassification): boolean =>
  c.cloud === 'aws' && c.ccfRoute !== 'unknown' && c.ccfRoute !== 'unsupported' && c.ccfRoute !== 'ignored';

/** CCF's kWh and cost totals of one call, by unit, for the unknown-usage pass. */
class BatchTotals {
  /** By CCF's pricing unit. */
  readonly aws = new KilowattHoursByUnit();
  /** Azure: by CCF's Azure unit string, kWh per usage amount. */
  readonly azure = new KilowattHoursByUnit();
  /** GCP: by CCF's GCP unit (seconds, byte-seconds, bytes), kWh per usage amount. */
  readonly gcp = new KilowattHoursByUnit();
  /** By normalised unit, for unknown lines of other clouds. */
  readonly normalised = new KilowattHoursByUnit();
}

/** What the methodology derives from one line (classification), once per call. */
class CcfLine extends DescribedLine {
  // The classification's fields rows read, copied so that a row reads one object.
  readonly cloud: CloudFamily;
  readonly route: CcfRoute;
  readonly category: UsageCategory;
  readonly aws: CcfAwsProfile | undefined;
  readonly azure: CcfAzureProfile | undefined;
  readonly gcp: CcfGcpProfile | undefined;
  /** Lines of other clouds: CCF's factor of the line's region and the provider's PUE. */
  readonly otherTonnesPerKWh: number;
  readonly otherPue: number;
  // CCF's kWh and cost of the line's units, found at the line's first row (shared by lines of a unit).
  private pricingUnitTotal: KWhAndCost | undefined = undefined;
  private normalisedUnitTotal: KWhAndCost | undefined = undefined;
  // CCF's factor of the region the line's rows carry (their own, not the classification's).
  private factorKnown = false;
  private factorRegion = '';
  private factor = NaN;

  constructor(
    row: UsageRow,
    readonly c: UsageClassification,
    private readonly totals: BatchTotals
  ) {
    super(row);
    this.cloud = c.cloud;
    this.route = c.ccfRoute;
    this.category = c.category;
    this.aws = hasAwsProfile(c) ? buildAwsProfile(c) : undefined;
    this.azure = c.cloud === 'azure' ? new CcfAzureProfile(c) : undefined;
    this.gcp = c.cloud === 'gcp' ? new CcfGcpProfile(c) : undefined;
    this.otherTonnesPerKWh = c.cloud !== 'aws' ? otherCloudTonnesPerKWh(c) : NaN;
    this.otherPue = c.cloud !== 'aws' ? otherCloudPue(c) : NaN;
  }

  /** Adds a row to CCF's totals of the line's pricing unit (c.ccfUnit). */
  addToPricingUnit(kWh: number, cost: number): void {
    if (this.pricingUnitTotal === undefined) {
      this.pricingUnitTotal = this.totals.aws.add(this.c.ccfUnit, kWh, cost);
    } else {
      accumulate(this.pricingUnitTotal, kWh, cost);
    }
  }

  /** Adds a row to the totals of the line's normalised unit (c.unit). */
  addToNormalisedUnit(kWh: number, cost: number): void {
    if (this.normalisedUnitTotal === undefined) {
      this.normalisedUnitTotal = this.totals.normalised.add(this.c.unit, kWh, cost);
    } else {
      accumulate(this.normalisedUnitTotal, kWh, cost);
    }
  }

  tonnesPerKWh(region: string): number {
    if (!this.factorKnown || region !== this.factorRegion) {
      this.factorKnown = true;
      this.factorRegion = region;
      this.factor = tonnesPerKWh(region);
    }
    return this.factor;
  }
}

/** The CcfLine of each row of one call. */
interface CcfLines {
  of(row: UsageRow, index: number): CcfLine;
}

/** Rows classified by the caller: one line per classification object. */
class LinesByClassification implements CcfLines {
  private readonly lines = new Map<UsageClassification, CcfLine>();

  constructor(
    private readonly classified: readonly UsageClassification[],
    private readonly totals: BatchTotals
  ) {}

  of(row: UsageRow, index: number): CcfLine {
    const c = this.classified[index];
    let line = this.lines.get(c);
    if (line === undefined) {
      line = new CcfLine(row, c, this.totals);
      this.lines.set(c, line);
    }
    return line;
  }
}

/** Rows classified here: one line per distinct description. */
class LinesByDescription extends DescriptionMemo<CcfLine> implements CcfLines {
  constructor(private readonly totals: BatchTotals) {
    super();
  }

  protected derive(row: UsageRow): CcfLine {
    return new CcfLine(row, classifyUsage(row), this.totals);
  }

  of(row: UsageRow): CcfLine {
    return this.get(row);
  }
}

/** Per-batch state: CCF's totals and the parts being filled. */
class CcfBatch {
  readonly totals = new BatchTotals();
  readonly parts = new EstimateParts();

  /** First pass: false when the line waits for the unknown-usage pass. */
  estimateKnown(row: UsageRow, line: CcfLine): boolean {
    const parts = this.parts.reset();
    if (line.cloud === 'aws') {
      if (line.route === 'unknown') {
        return false;
      }
      if (line.aws === undefined) {
        return true; // unsupported or ignored
      }
      estimateKnownAwsUsage(row, line.c, line.aws, line.tonnesPerKWh(row.region), parts, line);
    } else if (line.azure) {
      return estimateAzureUsage(row, line.azure, parts, this.totals.azure);
    } else if (line.gcp) {
      return estimateGcpUsage(row, row.amount * line.c.unitMultiplier, line.gcp, parts, this.totals.gcp);
    } else if (line.category !== 'unsupported') {
      if (!estimateOtherCloudUsage(row, line.c, parts, line.otherTonnesPerKWh, line.otherPue)) {
        return false;
      }
    }
    if (Number.isFinite(parts.kWh) && Number.isFinite(parts.totalTonnes) && line.route !== 'lambda') {
      line.addToNormalisedUnit(parts.kWh, row.cost);
    }
    return true;
  }

  /** Second pass: CCF's UnknownEstimator (kWh per cost of the same unit in this batch). */
  estimateUnknown(row: UsageRow, line: CcfLine): RowEstimate {
    const parts = this.parts.reset();
    const c = line.c;
    if (c.cloud === 'aws') {
      // CCF skips unknown lines when it output no known line; then there are no totals and the
      // estimate is 0 either way (CCF leaves the line out of its output, we report 0).
      setUnknownEnergy(parts, c, this.totals.aws.estimate(c.ccfUnit, row.cost), line.tonnesPerKWh(row.region));
    } else if (line.azure) {
      const p = line.azure;
      setUnknownEnergy(parts, c, this.totals.azure.estimate(p.unit, row.amount * p.amountFactor), p.tonnesPerKWh);
    } else if (line.gcp) {
      const p = line.gcp;
      const amount = gcpCcfAmount(row, row.amount * c.unitMultiplier, p);
      setUnknownEnergy(parts, c, this.totals.gcp.estimate(p.unit, amount), p.tonnesPerKWh);
    } else {
      setUnknownEnergy(parts, c, this.totals.normalised.estimate(c.unit, row.cost), line.otherTonnesPerKWh);
    }
    return toRowEstimate('unknown', parts);
  }
}

/**
 * Estimates `rows` (same length and order). `classified` may be passed when the caller already
 * classified the batch; otherwise rows are classified here, once per distinct line.
 */
export function estimateCcf(rows: readonly UsageRow[], classified?: readonly UsageClassification[]): RowEstimate[] {
  const batch = new CcfBatch();
  const lines: CcfLines = classified
    ? new LinesByClassification(classified, batch.totals)
    : new LinesByDescription(batch.totals);
  const estimates = new Array<RowEstimate>(rows.length);
  const unknownRows = new Int32Array(rows.length);
  let unknownCount = 0;
  for (let i = 0; i < rows.length; i++) {
    const line = lines.of(rows[i], i);
    if (batch.estimateKnown(rows[i], line)) {
      estimates[i] = toRowEstimate(line.category, batch.parts);
    } else {
      unknownRows[unknownCount++] = i;
    }
  }
  for (let k = 0; k < unknownCount; k++) {
    const i = unknownRows[k];
    estimates[i] = batch.estimateUnknown(rows[i], lines.of(rows[i], i));
  }
  return estimates;
}
