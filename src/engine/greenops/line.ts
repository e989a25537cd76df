/**
 * What the greenops methodology derives from a line's classification, once per distinct line of a
 * call: how its rows are estimated, its power draw and embodied factors, its grid, its ratio for the
 * unknown-usage pass. Rows then need only their amount, cost and time.
 */
import {
  classifyUsage,
  DescribedLine,
  DescriptionMemo,
  type NormalisedUnit,
  type StorageMedia,
  type UsageClassification,
} from '../classify';
import type { UsageCategory, UsageRow } from '../usage';
import { ComputeProfile } from './compute';
import { withListedVCpus } from './newerAwsInstances';
import type { RegionGrid, RegionGrids } from './grid';
import { referenceRatio } from './unknownUsage';

export const enum Method {
  Unsupported,
  /** Energy from the reference bill's kWh per USD (unknown usage, unit without a quantity to use). */
  Unknown,
  Compute,
  Storage,
  Memory,
  Networking,
}

function methodOf(category: UsageCategory): Method {
  switch (category) {
    case 'compute':
    case 'gpu':
      return Method.Compute;
    case 'storage':
      return Method.Storage;
    case 'memory':
      return Method.Memory;
    case 'networking':
      return Method.Networking;
    case 'unsupported':
      return Method.Unsupported;
    default:
      return Method.Unknown;
  }
}

export class GreenopsLine extends DescribedLine {
  readonly method: Method;
  // The classification's fields rows read, copied so that a row reads one object.
  readonly category: UsageCategory;
  readonly unit: NormalisedUnit;
  readonly unitMultiplier: number;
  readonly replicationFactor: number;
  readonly storageMedia: StorageMedia | undefined;
  readonly compute: ComputeProfile | undefined;
  readonly grid: RegionGrid;
  /** kWh per USD for the line's rows that go to the unknown-usage pass (unknownUsage.ts). */
  readonly unknownUsage: ReturnType<typeof referenceRatio>;

  /** The classification, with vCPUs from the 2026 AWS list where the bill gives none (newerAwsInstances.ts). */
  readonly c: UsageClassification;

  constructor(row: UsageRow, classification: UsageClassification, grids: RegionGrids) {
    super(row);
    const c = withListedVCpus(classification);
    this.c = c;
    this.method = methodOf(c.category);
    this.category = c.category;
    this.unit = c.unit;
    this.unitMultiplier = c.unitMultiplier;
    this.replicationFactor = c.replicationFactor;
    this.storageMedia = c.storageMedia;
    this.compute = this.method === Method.Compute ? new ComputeProfile(c) : undefined;
    this.grid = grids.of(c.cloud, c.region);
    this.unknownUsage = referenceRatio(c.unit);
  }
}

/**
 * The GreenopsLine of each row of one call: by classification object when the caller classified
 * the rows, else by the row's description (the rows are classified here).
 */
export interface GreenopsLines {
  of(row: UsageRow, index: number): GreenopsLine;
}

export class LinesByClassification implements GreenopsLines {
  private readonly lines = new Map<UsageClassification, GreenopsLine>();

  constructor(
    private readonly classified: readonly UsageClassification[],
    private readonly grids: RegionGrids
  ) {}

  of(row: UsageRow, index: number): GreenopsLine {
    const c = this.classified[index];
    let line = this.lines.get(c);
    if (line === undefined) {
      line = new GreenopsLine(row, c, this.grids);
      this.lines.set(c, line);
    }
    return line;
  }
}

export class LinesByDescription extends DescriptionMemo<GreenopsLine> implements GreenopsLines {
  constructor(private readonly grids: RegionGrids) {
    super();
  }

  protected derive(row: UsageRow): GreenopsLine {
    return new GreenopsLine(row, classifyUsage(row), this.grids);
  }

  of(row: UsageRow): GreenopsLine {
    return this.get(row);
  }
}
