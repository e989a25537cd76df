import geographyData from '../data/region-geographies.json';
import gridData from '../data/grid-intensity.json';
import { buildGeographies, geographyIds, geographyOf, geographySource, regionsInGeography } from './regionGeography';

const gridKeys = () => new Set(gridData.regions.map((r) => `${r.provider}/${r.region}`));
const clone = () => JSON.parse(JSON.stringify(geographyData));

describe('region geographies', () => {
  it('gives every region of grid-intensity.json exactly one geography', () => {
    // Counted straight from the two JSON files, not through the module.
    const listed = new Map<string, number>();
    for (const [provider, entry] of Object.entries<any>(geographyData.providers)) {
      for (const regions of Object.values<string[]>(entry.geographies)) {
        regions.forEach((r) => listed.set(`${provider}/${r}`, (listed.get(`${provider}/${r}`) ?? 0) + 1));
      }
    }
    for (const key of gridKeys()) {
      expect([key, listed.get(key)]).toEqual([key, 1]);
    }
    expect([...listed.keys()].filter((k) => !gridKeys().has(k))).toEqual([]);
  });

  it('uses a small declared set, each with a dated source per provider', () => {
    expect(geographyIds().sort()).toEqual(
      [
        'africa',
        'asia-pacific',
        'china',
        'europe',
        'middle-east',
        'north-america',
        'south-america',
        'us-government',
      ].sort()
    );
    for (const provider of ['aws', 'gcp', 'azure'] as const) {
      const source = geographySource(provider);
      expect(source.url).toMatch(/^https:\/\//);
      expect(source.retrieved).toBe('2026-11');
      expect(source.year).toBe(2026);
    }
  });

  it('answers the lookups, case-insensitively', () => {
    expect(geographyOf('aws', 'us-east-1')).toBe('north-america');
    expect(geographyOf('aws', 'us-gov-west-1')).toBe('us-government');
    expect(geographyOf('aws', 'cn-north-1')).toBe('china');
    expect(geographyOf('azure', 'UKSouth')).toBe('europe');
    expect(geographyOf('gcp', 'southamerica-west1')).toBe('south-america');
    expect(geographyOf('gcp', 'mars-north1')).toBeUndefined();
    expect(regionsInGeography('aws', 'north-america')).toEqual([
      'ca-central-1',
      'us-east-1',
      'us-east-2',
      'us-west-1',
      'us-west-2',
    ]);
  });

  it('rejects a region listed twice, a missing region, a stale region and an undeclared geography', () => {
    const twice = clone();
    twice.providers.aws.geographies.europe.push('us-east-1');
    expect(() => buildGeographies(twice, gridKeys())).toThrow(
      /aws\/us-east-1: listed in both north-america and europe/
    );

    const missing = clone();
    missing.providers.gcp.geographies.africa = [];
    expect(() => buildGeographies(missing, gridKeys())).toThrow(/no geography for gcp\/africa-south1/);

    const stale = clone();
    stale.providers.azure.geographies.europe.push('atlantis');
    expect(() => buildGeographies(stale, gridKeys())).toThrow(/azure\/atlantis: not a region of grid-intensity.json/);

    const undeclared = clone();
    undeclared.providers.aws.geographies.oceania = undeclared.providers.aws.geographies['asia-pacific'];
    delete undeclared.providers.aws.geographies['asia-pacific'];
    expect(() => buildGeographies(undeclared, gridKeys())).toThrow(/aws.oceania: geography not declared/);

    const unsourced = clone();
    unsourced.providers.gcp.source = 'hearsay';
    expect(() => buildGeographies(unsourced, gridKeys())).toThrow(/source "hearsay" is not listed/);
  });
});
