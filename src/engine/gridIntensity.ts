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
  gridZone?: string;
  factors: IntensityFactor[];
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
}

export interface Tables {
  regions: RegionRecord[];
  byKey: Map<string, RegionRecord>;
  pueByKey: Map<string, PueValue>;
  sources: Map<string, SourceInfo>;
}

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
    record.factors.forEach((f, j) => {
      if (j > 0 && f.year === record.factors[j - 1].year) {
        fail(where, `two factors for year ${f.year}: factorForYear would be ambiguous`);
      }
    });
    const k = key(record.provider, record.region);
    if (byKey.has(k)) {
      fail(where, 'region listed twice');
    }
    Object.freeze(record.factors);
    byKey.set(k, Object.freeze(record));
  }
  if (byKey.size === 0) {
    fail('grid-intensity.json', 'no regions');
  }

  const pueByKey = new Map<string, PueValue>();
  for (const [i, v] of (Array.isArray(pue?.values) ? pue.values : []).entries()) {
    const where = `pue.json values[${i}] (${v?.provider}${v?.region ? '/' + v.region : ''})`;
    const p = provider(v?.provider, where);
    const { year, source } = dated(v, where, sources);
    // A PUE below 1 is physically impossible; above 3 is not a hyperscale data centre.
    if (typeof v.pue !== 'number' || !(v.pue >= 1 && v.pue <= 3)) {
      fail(where, `pue must be a number between 1 and 3, got ${JSON.stringify(v.pue)}`);
    }
    const k = key(p, v.region === undefined ? '' : text(v.region, `${where} region`));
    if (pueByKey.has(k)) {
      fail(where, 'listed twice');
    }
    pueByKey.set(k, Object.freeze({ pue: v.pue, year, source }));
  }
  for (const p of PROVIDERS) {
    if (!pueByKey.has(key(p))) {
      fail('pue.json', `no provider-wide value for ${p}`);
    }
  }

  const regions = [...byKey.values()].sort(
    (a, b) => a.provider.localeCompare(b.provider) || a.region.localeCompare(b.region)
  );
  return { regions, byKey, pueByKey, sources };
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

/** The latest factor dated at or before `year`; the earliest one when every factor is later. */
export function factorForYear(record: RegionRecord, year: number): IntensityFactor {
  if (!Number.isFinite(year)) {
    throw new RangeError(`factorForYear needs a finite year, got ${year}`);
  }
  let chosen = record.factors[0];
  for (const f of record.factors) {
    if (f.year <= year) {
      chosen = f;
    }
  }
  return chosen;
}

export function latestFactor(record: RegionRecord): IntensityFactor {
  return record.factors[record.factors.length - 1];
}

/** The region's own PUE where the source gives one, else the provider-wide value. */
export function pueFor(providerId: Provider, region?: string): PueValue {
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
