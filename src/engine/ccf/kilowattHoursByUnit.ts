/**
 * CCF's unknown-usage estimator (core UnknownEstimator with AWS's EstimateUnknownUsageBy.COST), made
 * per batch: CCF keeps the totals in a module-global object that grows across calls until the
 * process restarts; here they live in this object, created for one estimateUsage() call.
 */
export interface KWhAndCost {
  kWh: number;
  cost: number;
}

/** accumulateKilowattHours after the first line: `(cost || 0) + cost` as CCF writes it (a NaN first cost is dropped). */
function accumulate(total: KWhAndCost, kWh: number, cost: number): void {
  total.cost = (total.cost || 0) + cost;
  total.kWh += kWh;
}

export class KilowattHoursByUnit {
  private readonly totals = new Map<string, KWhAndCost>();

  /** Adds to the unit's totals (created by the first line of the unit) and returns them. */
  add(unit: string, kWh: number, cost: number): KWhAndCost {
    let total = this.totals.get(unit);
    if (total === undefined) {
      total = { kWh, cost };
      this.totals.set(unit, total);
    } else {
      accumulate(total, kWh, cost);
    }
    return total;
  }

  /**
   * kWh for an unknown line: the unit's kWh per cost times the line's cost, 0 when no known line
   * has that unit. CCF would first look the service up, but its AWS path never passes the service
   * (UnknownUsage carries only timestamp, cost and unit), so only the per-unit totals apply.
   */
  estimate(unit: string, cost: number): number {
    const total = this.totals.get(unit);
    return total ? (total.kWh / total.cost) * cost : 0;
  }
}

/** One line's way into the totals of its unit: looked up at the line's first row, then added to directly. */
export class UnitTotals {
  private total: KWhAndCost | undefined = undefined;

  constructor(
    private readonly table: KilowattHoursByUnit,
    private readonly unit: string
  ) {}

  add(kWh: number, cost: number): void {
    if (this.total === undefined) {
      this.total = this.table.add(this.unit, kWh, cost);
    } else {
      accumulate(this.total, kWh, cost);
    }
  }
}
