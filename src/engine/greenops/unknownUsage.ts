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
import type { Draft } from './draft';

/** Cost and energy of the known rows of one key, summed in row order. */
class Sums {
  cost = 0;
  compute = 0;
  memory = 0;
  gpu = 0;
  storage = 0;
  networking = 0;
  kWhLow = 0;
  kWhHigh = 0;

  add(cost: number, d: Draft): void {
    this.cost += cost;
    this.compute += d.compute;
    this.memory += d.memory;
    this.gpu += d.gpu;
    this.storage += d.storage;
    this.networking += d.networking;
    this.kWhLow += d.kWhLow;
    this.kWhHigh += d.kWhHigh;
  }
}

/** Units are compared normalised; spellings the classifier does not know are compared as written. */
const unitOf = (c: UsageClassification) => (c.unit !== 'other' ? c.unit : `raw:${unitKey(c.rawUnit)}`);

/** The keys of one line; its sums are looked up once per line, not per row. */
export class UnknownUsageKeys {
  readonly service: string;
  readonly unit: string;
  /** Where the line's known rows add up (set at its first row with a positive cost). */
  knownByServiceAndUnit: Sums | undefined = undefined;
  knownByUnit: Sums | undefined = undefined;
  /** What the line's unknown rows are estimated from (set at its first unknown row, after every known row). */
  source: Sums | null | undefined = undefined;

  constructor(c: UsageClassification) {
    this.service = c.service;
    this.unit = unitOf(c);
  }
}

export class UnknownUsageRatios {
  private readonly byServiceAndUnit = new Map<string, Map<string, Sums>>();
  private readonly byUnit = new Map<string, Sums>();

  /** Adds a known row with a positive cost (credits and refunds carry no energy information). */
  addKnown(cost: number, keys: UnknownUsageKeys, d: Draft): void {
    if (!(cost > 0)) {
      return;
    }
    if (keys.knownByServiceAndUnit === undefined || keys.knownByUnit === undefined) {
      let byUnit = this.byServiceAndUnit.get(keys.service);
      if (byUnit === undefined) {
        byUnit = new Map();
        this.byServiceAndUnit.set(keys.service, byUnit);
      }
      keys.knownByServiceAndUnit = sumsOf(byUnit, keys.unit);
      keys.knownByUnit = sumsOf(this.byUnit, keys.unit);
    }
    keys.knownByServiceAndUnit.add(cost, d);
    keys.knownByUnit.add(cost, d);
  }

  /**
   * An unknown row into `d` (reset): zero energy when no known usage shares its unit, or its cost is
   * not positive. Call after every known row of the batch has been added.
   */
  estimate(cost: number, keys: UnknownUsageKeys, d: Draft): void {
    if (keys.source === undefined) {
      keys.source = this.byServiceAndUnit.get(keys.service)?.get(keys.unit) ?? this.byUnit.get(keys.unit) ?? null;
    }
    const sums = keys.source;
    if (!sums || !(sums.cost > 0) || !(cost > 0)) {
      return;
    }
    const share = cost / sums.cost;
    d.compute = sums.compute * share;
    d.memory = sums.memory * share;
    d.gpu = sums.gpu * share;
    d.storage = sums.storage * share;
    d.networking = sums.networking * share;
    d.kWhLow = sums.kWhLow * share;
    d.kWhHigh = sums.kWhHigh * share;
  }
}

function sumsOf(map: Map<string, Sums>, key: string): Sums {
  let sums = map.get(key);
  if (sums === undefined) {
    sums = new Sums();
    map.set(key, sums);
  }
  return sums;
}
