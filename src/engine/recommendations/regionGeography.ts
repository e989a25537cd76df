/**
 * Which geography (`europe`, `north-america`, ...) each cloud region belongs to, from
 * data/region-geographies.json. Region switch recommendations stay inside a geography: moving
 * compute to another continent is a data-residency decision, not a carbon tweak.
 *
 * Checked once when the module loads, like gridIntensity.ts: every region of grid-intensity.json
 * must have exactly one geography, so a region added to the grid data without one fails the first
 * test instead of silently never getting a recommendation.
 */
import geographyData from '../data/region-geographies.json';
import { listRegions, PROVIDERS, type Provider } from '../gridIntensity';

export interface GeographySource {
  id: string;
  title: string;
  url: string;
  retrieved: string;
  year: number;
}

export interface Geographies {
  /** Geography ids and what each covers. */
  names: ReadonlyMap<string, string>;
  /** `provider/region` → geography. */
  byRegion: ReadonlyMap<string, string>;
  /** `provider/geography` → its region ids, sorted. */
  regionsOf: ReadonlyMap<string, readonly string[]>;
  /** Provider → the source its regions' geographies come from. */
  sourceOf: ReadonlyMap<Provider, GeographySource>;
}

const key = (a: string, b: string) => `${a}/${b.trim().toLowerCase()}`;

function fail(where: string, problem: string): never {
  throw new Error(`Invalid bundled geography data: region-geographies.json ${where}: ${problem}`);
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    fail(where, 'expected a non-empty string');
  }
  return value;
}

function source(id: string, raw: any): GeographySource {
  const where = `source "${id}"`;
  if (!Number.isInteger(raw?.year)) {
    fail(where, 'missing year');
  }
  return {
    id,
    title: text(raw.title, `${where} title`),
    url: text(raw.url, `${where} url`),
    retrieved: text(raw.retrieved, `${where} retrieved`),
    year: raw.year,
  };
}

/**
 * Validates the table against the grid regions (`gridRegions`: `provider/region` keys) and builds
 * the lookups. Exported so tests can feed it broken data.
 */
export function buildGeographies(raw: any, gridRegions: ReadonlySet<string>): Geographies {
  const names = new Map<string, string>(
    Object.entries(raw?.geographies ?? {}).map(([id, about]) => [id, text(about, `geographies.${id}`)])
  );
  if (names.size === 0) {
    fail('geographies', 'none declared');
  }
  const byRegion = new Map<string, string>();
  const regionsOf = new Map<string, string[]>();
  const sourceOf = new Map<Provider, GeographySource>();
  for (const provider of PROVIDERS) {
    const entry = raw?.providers?.[provider];
    const sourceId = text(entry?.source, `providers.${provider}.source`);
    if (!raw?.sources?.[sourceId]) {
      fail(`providers.${provider}`, `source "${sourceId}" is not listed in "sources"`);
    }
    sourceOf.set(provider, source(sourceId, raw.sources[sourceId]));
    for (const [geography, regions] of Object.entries<unknown>(entry?.geographies ?? {})) {
      if (!names.has(geography)) {
        fail(`providers.${provider}.${geography}`, 'geography not declared in "geographies"');
      }
      if (!Array.isArray(regions)) {
        fail(`providers.${provider}.${geography}`, 'expected a list of region ids');
      }
      for (const item of regions) {
        const region = text(item, `providers.${provider}.${geography}[]`).trim().toLowerCase();
        const k = key(provider, region);
        if (byRegion.has(k)) {
          fail(k, `listed in both ${byRegion.get(k)} and ${geography}`);
        }
        if (!gridRegions.has(k)) {
          fail(k, 'not a region of grid-intensity.json');
        }
        byRegion.set(k, geography);
        const members = regionsOf.get(key(provider, geography)) ?? [];
        members.push(region);
        regionsOf.set(key(provider, geography), members);
      }
    }
  }
  const missing = [...gridRegions].filter((k) => !byRegion.has(k));
  if (missing.length > 0) {
    fail('providers', `no geography for ${missing.join(', ')}`);
  }
  regionsOf.forEach((members) => members.sort());
  return { names, byRegion, regionsOf, sourceOf };
}

const tables = buildGeographies(geographyData, new Set(listRegions().map((r) => key(r.provider, r.region))));

/** The region's geography; undefined for a region without grid data. */
export function geographyOf(provider: Provider, region: string): string | undefined {
  return tables.byRegion.get(key(provider, region));
}

/** Region ids of one provider in one geography, sorted. */
export function regionsInGeography(provider: Provider, geography: string): readonly string[] {
  return tables.regionsOf.get(key(provider, geography)) ?? [];
}

export function geographySource(provider: Provider): GeographySource {
  return tables.sourceOf.get(provider)!;
}

export function geographyIds(): string[] {
  return [...tables.names.keys()];
}
