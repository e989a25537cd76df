/**
 * Energy of usage whose kWh cannot be derived from the line (NAT gateways, load balancers,
 * requests...): the kWh per unit of cost of the known usage in the SAME batch, first of the same
 * service and unit, else of the same unit (CCF's UnknownEstimator idea). Unlike CCF the sums live
 * in this call only, so the result does not depend on earlier calls (CCF keeps them in a
 * module-global that a long-running server never resets). Each energy component and both band ends
 * are carried over in proportion, so an unknown row inherits the mix of the usage it resembles.
 */
import type { UsageClassification } from '../classify';
import { unitKey } from '../classify/units';
import type { EnergyKWh, UsageRow } from '../usage';
import { emptyDraft, type Draft } from './draft';

interface Sums {
  cost: number;
  energy: EnergyKWh;
  kWhLow: number;
  kWhHigh: number;
}

const COMPONENTS: ReadonlyArray<keyof EnergyKWh> = ['compute', 'memory', 'gpu', 'storage', 'networking'];

/** Units are compared normalised; spellings the classifier does not know are compared as written. */
const unitOf = (c: UsageClassification) => (c.unit !== 'other' ? c.unit : `raw:${unitKey(c.rawUnit)}`);

export class UnknownUsageRatios {
  private readonly byServiceAndUnit = new Map<string, Sums>();
  private readonly byUnit = new Map<string, Sums>();

  /** Adds a known row with a positive cost (credits and refunds carry no energy information). */
  addKnown(row: UsageRow, c: UsageClassification, draft: Draft): void {
    if (!(row.cost > 0)) {
      return;
    }
    const unit = unitOf(c);
    for (const [map, key] of [
      [this.byServiceAndUnit, `${c.service}\u0000${unit}`],
      [this.byUnit, unit],
    ] as const) {
      let sums = map.get(key);
      if (!sums) {
        sums = { cost: 0, energy: { compute: 0, memory: 0, gpu: 0, storage: 0, networking: 0 }, kWhLow: 0, kWhHigh: 0 };
        map.set(key, sums);
      }
      sums.cost += row.cost;
      COMPONENTS.forEach((k) => (sums!.energy[k] += draft.energy[k]));
      sums.kWhLow += draft.kWhLow;
      sums.kWhHigh += draft.kWhHigh;
    }
  }

  /** The draft of an unknown row: zero energy when no known usage shares its unit, or its cost is not positive. */
  estimate(row: UsageRow, c: UsageClassification): Draft {
    const draft = emptyDraft();
    const unit = unitOf(c);
    const sums = this.byServiceAndUnit.get(`${c.service}\u0000${unit}`) ?? this.byUnit.get(unit);
    if (!sums || !(sums.cost > 0) || !(row.cost > 0)) {
      return draft;
    }
    const share = row.cost / sums.cost;
    COMPONENTS.forEach((k) => (draft.energy[k] = sums.energy[k] * share));
    draft.kWhLow = sums.kWhLow * share;
    draft.kWhHigh = sums.kWhHigh * share;
    return draft;
  }
}
