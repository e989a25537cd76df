/**
 * Which grid a measured-energy query's Joules are charged to: a region the query names
 * (`eu-west-1`, `aws:eu-west-1`, or a region plus the query's provider), else the datasource's
 * `jsonData.prometheus.defaultRegion`. Factors are looked up per calendar year, so a series that
 * crosses New Year uses each year's value.
 */
import type { CloudProvider } from '../../datasource/types';
import type { RegionRecord } from '../../engine/gridIntensity';
import {
  carbonFactor,
  type CarbonFactor,
  exampleRegions,
  JOULES_PER_KWH,
  resolveRegion,
} from '../../engine/measuredEnergy';
import { badQuery } from '../core/errors';
import type { DataSourceSettings } from '../core/settings';

export interface RegionChoice {
  record: RegionRecord;
  /** Where it came from, for notices. */
  origin: 'query' | 'default';
}

const HOW_TO_SET =
  'set "Default region" in the datasource\'s Prometheus settings (jsonData.prometheus.defaultRegion, e.g. eu-west-1 or aws:eu-west-1)';

/** `region` / `provider:region` as the query gives it, or undefined when it gives none. */
export function querySpec(region: string | undefined, provider: CloudProvider | undefined): string | undefined {
  const value = (region ?? '').trim();
  if (!value) {
    return undefined;
  }
  return value.includes(':') || !provider ? value : `${provider}:${value}`;
}

/** The datasource's default region, checked; undefined when none is set. */
export function defaultRegion(settings: DataSourceSettings): RegionRecord | undefined {
  const spec = settings.jsonData.prometheus?.defaultRegion?.trim();
  if (!spec) {
    return undefined;
  }
  const record = resolveRegion(spec);
  if (!record) {
    throw badQuery(
      `The datasource's default region "${spec}" is not a known region: use a region id such as ${exampleRegions().join(', ')}, ` +
        'or provider:region (aws:eu-west-1), in the Prometheus settings.'
    );
  }
  return record;
}

/** The query's region, else the default; a bad query saying how to set one when there is neither. */
export function requireRegion(
  region: string | undefined,
  provider: CloudProvider | undefined,
  settings: DataSourceSettings,
  queryType: string
): RegionChoice {
  const spec = querySpec(region, provider);
  if (spec) {
    const record = resolveRegion(spec);
    if (!record) {
      throw badQuery(
        `Unknown region "${spec}": use a cloud region id such as ${exampleRegions().join(', ')}, or provider:region (aws:eu-west-1). ` +
          'The region variable and the editor list every known region.'
      );
    }
    return { record, origin: 'query' };
  }
  const fallback = defaultRegion(settings);
  if (!fallback) {
    throw badQuery(
      `${queryType} needs a region for the grid's carbon intensity: choose one in the query's Region field, or ${HOW_TO_SET}.`
    );
  }
  return { record: fallback, origin: 'default' };
}

/** Carbon factors of one region by year, computed once each. */
export class YearlyFactors {
  readonly #byYear = new Map<number, CarbonFactor>();

  constructor(readonly region: RegionRecord) {}

  at(timeMs: number): CarbonFactor {
    const year = new Date(timeMs).getUTCFullYear();
    let factor = this.#byYear.get(year);
    if (!factor) {
      factor = carbonFactor(this.region, year);
      this.#byYear.set(year, factor);
    }
    return factor;
  }

  /** Grams CO2e of `joules` drawn by servers at `timeMs` (PUE included). */
  grams(joules: number, timeMs: number): number {
    return (joules / JOULES_PER_KWH) * this.at(timeMs).gramsPerServerKWh;
  }
}

export function describeFactor(factor: CarbonFactor): string {
  return (
    `${factor.provider}:${factor.region} grid ${factor.gridGramsPerKWh} gCO2e/kWh (${factor.year}; ${factor.source}) × ` +
    `PUE ${factor.pue} = ${round(factor.gramsPerServerKWh)} gCO2e per kWh measured at the server`
  );
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
