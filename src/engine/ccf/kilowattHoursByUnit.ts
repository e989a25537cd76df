/**
 * CCF's unknown-usage estimator (core UnknownEstimator with AWS's EstimateUnknownUsageBy.COST), made
 * per batch: CCF keeps the totals in a module-global object that grows across calls until the
 * process restarts; here they live in this object, created for one estimateUsage() call.
 */
export interface KWhAndCost {
  kWh: number;
  cost: number;
}

/**
 * accumulateKilowattHours after the unit's first line: `(cost || 0) + cost` as CCF writes it (a NaN
 * first cost is dropped).
 */
export function accumulate(total: KWhAndCost, kWh: number, cost: number): void {
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
