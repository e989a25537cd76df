/**
 * Per-call memo of what is derived from a row's description: the fields a classification depends
 * on (provider, service, service category, usage type, unit, region, instance type, vCPUs), never
 * amount, cost or time. Rows with the same description share one line, so a batch of a million
 * rows derives one line per distinct description. The memo is created for one call (no module
 * state): drop it and the cache goes with it.
 *
 * A line carries its own description (DescribedLine), so a row's lookup reads one object besides
 * the map. Subclasses of DescriptionMemo say what to derive with a method, not a closure:
 * optimised code that calls a closure created per call is thrown away when the closure is
 * collected, so every call would start on slow code.
 */
import type { UsageRow } from '../usage';

/** What a memoised line keeps of the row description it was derived from (as the row spells it). */
export abstract class DescribedLine {
  private readonly rowProvider: string;
  private readonly rowService: string;
  private readonly rowServiceCategory: string | undefined;
  private readonly rowUnit: string;
  private readonly rowRegion: string;
  private readonly rowInstanceType: string | undefined;
  private readonly rowVCpus: number | undefined;
  /** The memo's next line with the same usage type. */
  nextWithUsageType: DescribedLine | undefined = undefined;

  constructor(row: UsageRow) {
    this.rowProvider = row.provider;
    this.rowService = row.service;
    this.rowServiceCategory = row.serviceCategory;
    this.rowUnit = row.unit;
    this.rowRegion = row.region;
    this.rowInstanceType = row.instanceType;
    this.rowVCpus = row.vCpus;
  }

  /** Whether `row`, of the same usage type, has this line's description. */
  describes(row: UsageRow): boolean {
    return (
      this.rowRegion === row.region &&
      this.rowUnit === row.unit &&
      this.rowService === row.service &&
      this.rowProvider === row.provider &&
      this.rowServiceCategory === row.serviceCategory &&
      this.rowInstanceType === row.instanceType &&
      Object.is(this.rowVCpus, row.vCpus)
    );
  }
}

export abstract class DescriptionMemo<T extends DescribedLine> {
  // Usage type is the most selective field; the few lines sharing one are chained and scanned.
  private readonly byUsageType = new Map<string, T>();

  /** The line of a row whose description has not been seen in this memo yet. */
  protected abstract derive(row: UsageRow): T;

  get(row: UsageRow): T {
    const first = this.byUsageType.get(row.usageType);
    for (let line: DescribedLine | undefined = first; line !== undefined; line = line.nextWithUsageType) {
      if (line.describes(row)) {
        return line as T;
      }
    }
    const line = this.derive(row);
    line.nextWithUsageType = first;
    this.byUsageType.set(row.usageType, line);
    return line;
  }
}
