/**
 * Grid carbon intensity (gCO2e/kWh) and PUE of cloud regions, with the source and year of every value.
 *
 * Pure: the tables are bundled JSON (see data/ and NOTICE for where each number comes from), checked
 * once when the module loads, so a bad edit to the data fails the first test or the plugin start
 * with a message naming the entry, instead of producing silently wrong estimates later.
 */
import gridData from './data/grid-intensity.json';
import pueData from './data/pue.json';

export type Provider = 'aws' | 'gcp' | 'azure';
export const PROVIDERS: readonly Provider[] = ['aws', 'gcp', 'azure'];

export interface IntensityFactor {
  gCO2ePerKWh: number;
  year: number;
  source: string;
  /** Share of carbon-free energy the provider reports for the region and year (Google CFE, 0-1). */
  cfe?: number;
}
export interface PueValue {
  pue: number;
  year: number;
  source: string;
}
export interface RegionRecord {
  provider: Provider;
  region: string;
  location: string;
  /** The grid zone of the region's current series (an Electricity Maps zone for AWS and Azure). */
  gridZone?: string;
  /** Every factor of the region, CCF's (sources `ccf-*`, read by the `ccf` methodology) included. */
  factors: IntensityFactor[];
  /**
   * The factors the `greenops` methodology and measured energy use, by year: one source series,
   * never mixed (every factor not from CCF, or CCF's when the region has no other source).
   */
  current: IntensityFactor[];
}
export interface SourceInfo {
  id: string;
  title: string;
  publisher: string;
  url: string;
  licence: string;
  retrieved: string;
  /** How the values were taken from the source (conversions, assumed years). */
  note?: string;
  /** Sources with the same series are one publication split by year (Google's yearly files). */
  series?: string;
}

export interface Tables {
  regions: RegionRecord[];
  byKey: Map<string, RegionRecord>;
  /** Undated-in-practice values by provider (and region): CCF's, what the `ccf` methodology uses. */
  pueByKey: Map<string, PueValue>;
  /** The provider's own published fleet PUE by year, sorted by year. */
  pueByYear: Map<Provider, PueValue[]>;
  sources: Map<string, SourceInfo>;
}

/** CCF's values (the `ccf` methodology's) are the ones whose source id starts with `ccf-`. */
export const isCcfSource = (id: string): boolean => id.startsWith('ccf-');

const key = (provider: string, region = '') => `${provider}/${region.trim().toLowerCase()}`;

function fail(where: string, problem: string): never {
  throw new Error(`Invalid bundled carbon data: ${where}: ${problem}`);
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    fail(where, 'expected a non-empty string');
  }
  return value;
}

function provider(value: unknown, where: string): Provider {
  if (!PROVIDERS.includes(value as Provider)) {
    fail(where, `unknown provider ${JSON.stringify(value)}`);
  }
  return value as Provider;
}

/** A value's year and source must be present: every number has to be traceable. */
function dated(raw: any, where: string, sources: Map<string, SourceInfo>): { year: number; source: string } {
  if (!Number.isInteger(raw?.year) || raw.year < 1990 || raw.year > 2100) {
    fail(where, `missing or implausible year ${JSON.stringify(raw?.year)}`);
  }
  const source = text(raw.source, `${where} source`);
  if (!sources.has(source)) {
    fail(where, `source "${source}" is not listed in "sources"`);
  }
  return { year: raw.year, source };
}

function readSources(raw: any, file: string, into: Map<string, SourceInfo>): void {
  if (!raw || typeof raw !== 'object') {
    fail(file, 'missing "sources"');
  }
  for (const [id, s] of Object.entries<any>(raw)) {
    const where = `${file} source "${id}"`;
    const info: SourceInfo = {
      id,
      title: text(s?.title, `${where} title`),
      publisher: text(s?.publisher, `${where} publisher`),
      url: text(s?.url, `${where} url`),
      licence: text(s?.licence, `${where} licence`),
      retrieved: text(s?.retrieved, `${where} retrieved`),
      ...(s?.note !== undefined ? { note: text(s.note, `${where} note`) } : {}),
      ...(s?.series !== undefined ? { series: text(s.series, `${where} series`) } : {}),
    };
    if (into.has(id) && JSON.stringify(into.get(id)) !== JSON.stringify(info)) {
      fail(where, 'defined differently in two files');
    }
    into.set(id, Object.freeze(info));
  }
}

/** Validates both tables and builds the lookup indexes. Exported so tests can feed it broken data. */
export function buildTables(grid: any, pue: any): Tables {
  const sources = new Map<string, SourceInfo>();
  readSources(grid?.sources, 'grid-intensity.json', sources);
  readSources(pue?.sources, 'pue.json', sources);
  if (grid?.unit !== 'gCO2e/kWh') {
    fail('grid-intensity.json', `unit must be "gCO2e/kWh", got ${JSON.stringify(grid?.unit)}`);
  }

  const byKey = new Map<string, RegionRecord>();
  for (const [i, r] of (Array.isArray(grid.regions) ? grid.regions : []).entries()) {
    const where = `grid-intensity.json regions[${i}] (${r?.provider}/${r?.region})`;
    const record: RegionRecord = {
      provider: provider(r?.provider, where),
      region: text(r?.region, `${where} region`),
      location: text(r?.location, `${where} location`),
      ...(r.gridZone !== undefined ? { gridZone: text(r.gridZone, `${where} gridZone`) } : {}),
      factors: [],
      current: [],
    };
    if (!Array.isArray(r.factors) || r.factors.length === 0) {
      fail(where, 'needs at least one factor');
    }
    for (const [j, f] of r.factors.entries()) {
      const at = `${where} factors[${j}]`;
      const { year, source } = dated(f, at, sources);
      // Zero is allowed: Google publishes 0 g/kWh for Montréal (2021, 2022).
      if (typeof f.gCO2ePerKWh !== 'number' || !Number.isFinite(f.gCO2ePerKWh) || f.gCO2ePerKWh < 0) {
        fail(at, `gCO2ePerKWh must be a finite number >= 0, got ${JSON.stringify(f.gCO2ePerKWh)}`);
      }
      if (f.cfe !== undefined && (typeof f.cfe !== 'number' || !(f.cfe >= 0 && f.cfe <= 1))) {
        fail(at, `cfe must be a share from 0 to 1, got ${JSON.stringify(f.cfe)}`);
      }
      record.factors.push(
        Object.freeze({ gCO2ePerKWh: f.gCO2ePerKWh, year, source, ...(f.cfe !== undefined ? { cfe: f.cfe } : {}) })
      );
    }
    record.factors.sort((a, b) => a.year - b.year);
    const others = record.factors.filter((f) => !isCcfSource(f.source));
    record.current = others.length > 0 ? others : record.factors;
    const series = new Set(record.current.map((f) => sources.get(f.source)?.series ?? f.source));
    if (series.size > 1) {
      fail(where, `factors from ${series.size} series (${[...series].join(', ')}): one series per region`);
    }
    for (const group of [record.current, record.factors.filter((f) => isCcfSource(f.source))]) {
      group.forEach((f, j) => {
        if (j > 0 && f.year === group[j - 1].year) {
          fail(where, `two factors for year ${f.year}: factorForYear would be ambiguous`);
        }
      });
    }
    const k = key(record.provider, record.region);
    if (byKey.has(k)) {
      fail(where, 'region listed twice');
    }
    Object.freeze(record.factors);
    Object.freeze(record.current);
    byKey.set(k, Object.freeze(record));
  }
  if (byKey.size === 0) {
    fail('grid-intensity.json', 'no regions');
  }

  const pueByKey = new Map<string, PueValue>();
  const pueByYear = new Map<Provider, PueValue[]>();
  for (const [i, v] of (Array.isArray(pue?.values) ? pue.values : []).entries()) {
    const where = `pue.json values[${i}] (${v?.provider}${v?.region ? '/' + v.region : ''})`;
    const p = provider(v?.provider, where);
    const { year, source } = dated(v, where, sources);
    // A PUE below 1 is physically impossible; above 3 is not a hyperscale data centre.
    if (typeof v.pue !== 'number' || !(v.pue >= 1 && v.pue <= 3)) {
      fail(where, `pue must be a number between 1 and 3, got ${JSON.stringify(v.pue)}`);
    }
    const value = Object.freeze({ pue: v.pue, year, source });
    if (!isCcfSource(source)) {
      // A provider's own figure is fleet-wide and one per year.
      if (v.region !== undefined) {
        fail(where, 'a provider-published PUE is fleet-wide: no region');
      }
      const list = pueByYear.get(p) ?? [];
      if (list.some((x) => x.year === year)) {
        fail(where, `two published values for ${year}`);
      }
      pueByYear.set(
        p,
        [...list, value].sort((a, b) => a.year - b.year)
      );
      continue;
    }
    const k = key(p, v.region === undefined ? '' : text(v.region, `${where} region`));
    if (pueByKey.has(k)) {
      fail(where, 'listed twice');
    }
    pueByKey.set(k, value);
  }
  for (const p of PROVIDERS) {
    if (!pueByKey.has(key(p))) {
      fail('pue.json', `no provider-wide value for ${p}`);
    }
  }

  const regions = [...byKey.values()].sort(
    (a, b) => a.provider.localeCompare(b.provider) || a.region.localeCompare(b.region)
  );
  return { regions, byKey, pueByKey, pueByYear, sources };
}

const tables = buildTables(gridData, pueData);

/** Every known region, sorted by provider then region id. */
export function listRegions(providerFilter?: Provider): RegionRecord[] {
  return tables.regions.filter((r) => !providerFilter || r.provider === providerFilter);
}

/** Region ids are matched case-insensitively ("EastUS" and "eastus" are the same Azure region). */
export function findRegion(providerId: Provider, region: string): RegionRecord | undefined {
  return tables.byKey.get(key(providerId, region));
}

/**
 * The value of a series (sorted by year) for `year`: the latest dated at or before it, the earliest
 * when every one is later. Outside the series that is the nearest year; a gap inside it takes the
 * year before.
 */
function forYear<T extends { year: number }>(series: readonly T[], year: number): T {
  if (!Number.isFinite(year)) {
    throw new RangeError(`a dated value needs a finite year, got ${year}`);
  }
  let chosen = series[0];
  for (const f of series) {
    if (f.year <= year) {
      chosen = f;
    }
  }
  return chosen;
}

/** The factor of the region's current series (RegionRecord.current) for usage of `year`. */
export function factorForYear(record: RegionRecord, year: number): IntensityFactor {
  return forYear(record.current, year);
}

export function latestFactor(record: RegionRecord): IntensityFactor {
  return record.current[record.current.length - 1];
}

/**
 * PUE of a provider's data centres. Without `year`: CCF's value (the region's own where CCF gives
 * one, else the provider-wide one), what the `ccf` methodology uses. With `year`: the provider's own
 * published fleet-wide figure for that year (nearest year outside the series, as factorForYear),
 * what `greenops` and measured energy use; CCF's when the provider has published none.
 */
export function pueFor(providerId: Provider, region?: string, year?: number): PueValue {
  const published = tables.pueByYear.get(providerId);
  if (year !== undefined && published !== undefined) {
    return forYear(published, year);
  }
  const found = (region && tables.pueByKey.get(key(providerId, region))) || tables.pueByKey.get(key(providerId));
  if (!found) {
    throw new Error(`No PUE for provider "${providerId}"`);
  }
  return found;
}

export function sourceInfo(id: string): SourceInfo {
  const info = tables.sources.get(id);
  if (!info) {
    throw new Error(`Unknown data source "${id}"`);
  }
  return info;
}

export function countRegions(): Record<Provider, number> {
  const counts: Record<Provider, number> = { aws: 0, gcp: 0, azure: 0 };
  tables.regions.forEach((r) => counts[r.provider]++);
  return counts;
}
