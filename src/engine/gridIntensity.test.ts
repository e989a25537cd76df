/**
 * Expected values are written out by hand from the upstream files (not computed from the JSON):
 * - CCF packages/core/src/FootprintEstimationConstants.ts: SERC 0.000379069, RFC 0.000410608, WECC 0.000322167, MRO 0.000426254 t/kWh
 * - CCF packages/aws/src/domain/AwsFootprintEstimationConstants.ts: eu-west-1 0.0002786, eu-north-1 0.0000088, eu-central-1 0.000311; PUE 1.135
 * - CCF packages/azure/src/domain/AzureFootprintEstimationConstants.ts: westeurope 0.0003284, swedencentral 0.00000567; PUE 1.185
 * - CCF GCP constants: PUE 1.1, us-central1 1.11, europe-west4 1.07
 * - GoogleCloudPlatform/region-carbon-info data/yearly/{2019..2025}.csv, grid carbon intensity column
 * - Electricity Maps yearly averages as @tgwf/co2 0.19.0 ships them (dist/esm/data/electricity-maps/
 *   yearly_{2021..2025}.js, carbonIntensity.value): US-MIDA-PJM 439, 434, 401, 403, 418; NL 377, 347,
 *   280, 251, 253; IE 373, 405, 403, 352, 301 g/kWh for 2021-2025
 * - PUE: AWS 1.15 (2023), 1.15 (2024), 1.14 (2025); Google 1.10 (2023), 1.09 (2024); Microsoft 1.18 (as of 2024)
 */
import gridData from './data/grid-intensity.json';
import pueData from './data/pue.json';
import {
  buildTables,
  isCcfSource,
  countRegions,
  factorForYear,
  findRegion,
  latestFactor,
  listRegions,
  Provider,
  pueFor,
  RegionRecord,
  sourceInfo,
} from './gridIntensity';

function region(provider: Provider, id: string): RegionRecord {
  const r = findRegion(provider, id);
  if (!r) {
    throw new Error(`${provider}/${id} missing`);
  }
  return r;
}

const clone = <T>(v: T): any => JSON.parse(JSON.stringify(v));

describe('CCF-derived factors (metric tons converted to grams, full precision)', () => {
  it.each<[Provider, string, number, number, string]>([
    ['aws', 'us-east-1', 379.069, 2020, 'ccf-egrid2020'],
    ['aws', 'us-east-2', 410.608, 2020, 'ccf-egrid2020'],
    ['aws', 'us-west-2', 322.167, 2020, 'ccf-egrid2020'],
    ['aws', 'eu-west-1', 278.6, 2020, 'ccf-eea'],
    ['aws', 'eu-north-1', 8.8, 2020, 'ccf-eea'],
    ['aws', 'eu-central-1', 311, 2020, 'ccf-eea'],
    ['aws', 'ap-south-1', 708.2, 2021, 'ccf-carbonfootprint-2021'],
    ['azure', 'westeurope', 328.4, 2020, 'ccf-eea'],
    ['azure', 'northeurope', 278.6, 2020, 'ccf-eea'],
    ['azure', 'eastus', 379.069, 2020, 'ccf-egrid2020'],
    ['azure', 'centralus', 426.254, 2020, 'ccf-egrid2020'],
    ['azure', 'swedencentral', 5.67, 2021, 'ccf-carbonfootprint-2021'],
  ])('%s %s = %p g/kWh (%p, %s)', (provider, id, g, year, source) => {
    expect(region(provider, id).factors.filter((f) => isCcfSource(f.source))).toEqual([
      { gCO2ePerKWh: g, year, source },
    ]);
  });

  it('keeps display names and names the zone of the current series', () => {
    expect(region('aws', 'us-east-1')).toMatchObject({ location: 'US East (N. Virginia)', gridZone: 'US-MIDA-PJM' });
    expect(region('azure', 'westeurope').location).toMatch(/^West Europe/);
  });
});

describe('Google yearly data', () => {
  const usCentral1 = () => region('gcp', 'us-central1');

  it('carries every operational year for us-central1 as Google publishes it (2022 corrected from 445 to 460)', () => {
    // region-carbon-info data/yearly/2021-2024.csv (commit 49f3f26); 2019-2020 were lifecycle values, not kept.
    expect(usCentral1().factors.map((f) => [f.year, f.gCO2ePerKWh, f.cfe])).toEqual([
      [2021, 394, 0.97],
      [2022, 460, 0.92],
      [2023, 430, 0.95],
      [2024, 412.72, 0.87],
      [2025, 431.95, undefined],
    ]);
    expect(usCentral1().factors.every((f) => f.source === `google-${f.year}`)).toBe(true);
  });

  it('factorForYear picks the right year on both sides of a boundary', () => {
    expect(factorForYear(usCentral1(), 2023).gCO2ePerKWh).toBe(430);
    expect(factorForYear(usCentral1(), 2024)).toEqual({
      gCO2ePerKWh: 412.72,
      year: 2024,
      source: 'google-2024',
      cfe: 0.87,
    });
    expect(factorForYear(usCentral1(), 2031).year).toBe(2025);
  });

  it('factorForYear falls back to the earliest factor before the first year', () => {
    expect(factorForYear(usCentral1(), 2010)).toMatchObject({ gCO2ePerKWh: 394, year: 2021 });
    expect(factorForYear(region('gcp', 'europe-north2'), 2022)).toMatchObject({ gCO2ePerKWh: 2.73, year: 2024 });
    expect(factorForYear(region('aws', 'us-east-1'), 2015)).toMatchObject({ gCO2ePerKWh: 439, year: 2021 });
  });

  it('has the 2024 rows Google added later (me-central1, us-central2, us-east5)', () => {
    expect(factorForYear(region('gcp', 'me-central1'), 2024)).toMatchObject({
      gCO2ePerKWh: 366,
      year: 2024,
      cfe: 0.01,
    });
    expect(factorForYear(region('gcp', 'us-central2'), 2024)).toMatchObject({ gCO2ePerKWh: 372.23, year: 2024 });
    expect(factorForYear(region('gcp', 'us-east5'), 2024)).toMatchObject({ gCO2ePerKWh: 323.05, year: 2024 });
  });

  it('factorForYear rejects a non-finite year', () => {
    expect(() => factorForYear(usCentral1(), NaN)).toThrow(RangeError);
  });

  it('latestFactor is the newest year', () => {
    expect(latestFactor(usCentral1())).toEqual({ gCO2ePerKWh: 431.95, year: 2025, source: 'google-2025' });
    expect(latestFactor(region('gcp', 'europe-north1')).gCO2ePerKWh).toBe(29.84);
  });

  it('leaves out multi- and dual-region pseudo-regions', () => {
    for (const id of ['us', 'eu', 'europe', 'asia', 'nam4', 'eur4', 'asia1']) {
      expect(findRegion('gcp', id)).toBeUndefined();
    }
  });
});

describe('Electricity Maps yearly series for AWS and Azure (greenops), CCF kept for ccf', () => {
  it.each<[Provider, string, number[]]>([
    ['aws', 'us-east-1', [439, 434, 401, 403, 418]],
    ['aws', 'eu-west-1', [373, 405, 403, 352, 301]],
    ['azure', 'westeurope', [377, 347, 280, 251, 253]],
    ['azure', 'eastus', [439, 434, 401, 403, 418]],
  ])('%s %s: one series, 2021-2025, as published', (provider, id, values) => {
    const r = region(provider, id);
    expect(r.current.map((f) => [f.year, f.gCO2ePerKWh, f.source])).toEqual(
      values.map((g, i) => [2021 + i, g, 'electricitymaps-yearly'])
    );
  });

  it('picks the usage year inside the series and the nearest end outside it', () => {
    const usEast1 = region('aws', 'us-east-1');
    expect(factorForYear(usEast1, 2020)).toMatchObject({ gCO2ePerKWh: 439, year: 2021 }); // below
    expect(factorForYear(usEast1, 2021)).toMatchObject({ gCO2ePerKWh: 439, year: 2021 }); // first
    expect(factorForYear(usEast1, 2023)).toMatchObject({ gCO2ePerKWh: 401, year: 2023 });
    expect(factorForYear(usEast1, 2025)).toMatchObject({ gCO2ePerKWh: 418, year: 2025 }); // last
    expect(factorForYear(usEast1, 2026)).toMatchObject({ gCO2ePerKWh: 418, year: 2025 }); // above
    expect(latestFactor(region('azure', 'westeurope'))).toEqual({
      gCO2ePerKWh: 253,
      year: 2025,
      source: 'electricitymaps-yearly',
    });
  });

  it('never hands a CCF factor to greenops where a newer series exists, and keeps CCF-only regions', () => {
    const usEast1 = region('aws', 'us-east-1');
    expect(usEast1.factors).toContainEqual({ gCO2ePerKWh: 379.069, year: 2020, source: 'ccf-egrid2020' });
    expect(usEast1.current.some((f) => isCcfSource(f.source))).toBe(false);
    // GovCloud: AWS publishes no location closer than "US-East"/"US-West": CCF's factor only.
    expect(region('aws', 'us-gov-east-1').current).toEqual([
      { gCO2ePerKWh: 379.069, year: 2020, source: 'ccf-egrid2020' },
    ]);
  });
});

describe('findRegion', () => {
  it('is case-insensitive and ignores surrounding spaces', () => {
    expect(findRegion('azure', 'WestEurope')?.region).toBe('westeurope');
    expect(findRegion('aws', 'US-EAST-1')?.region).toBe('us-east-1');
    expect(findRegion('gcp', ' us-central1 ')?.region).toBe('us-central1');
  });

  it('does not cross providers or invent regions', () => {
    expect(findRegion('gcp', 'us-east-1')).toBeUndefined();
    expect(findRegion('aws', 'mars-north-1')).toBeUndefined();
  });
});

describe('pueFor', () => {
  it('gives provider-wide values', () => {
    expect(pueFor('aws').pue).toBe(1.135);
    expect(pueFor('azure').pue).toBe(1.185);
    expect(pueFor('gcp').pue).toBe(1.1);
    expect(pueFor('aws', 'us-east-1').pue).toBe(1.135);
  });

  it('prefers a region-specific GCP value, case-insensitively', () => {
    expect(pueFor('gcp', 'us-central1')).toEqual({ pue: 1.11, year: 2024, source: 'ccf-gcp-pue' });
    expect(pueFor('gcp', 'EUROPE-WEST4').pue).toBe(1.07);
  });

  it('falls back to the provider value for an unknown region', () => {
    expect(pueFor('gcp', 'no-such-region1').pue).toBe(1.1);
  });

  it("with a year, gives the provider's own fleet PUE of that year, the nearest year outside the series", () => {
    const aws = (year: number) => pueFor('aws', 'us-east-1', year);
    expect(aws(2022)).toEqual({ pue: 1.15, year: 2023, source: 'aws-pue' }); // below
    expect(aws(2023).pue).toBe(1.15);
    expect(aws(2024)).toEqual({ pue: 1.15, year: 2024, source: 'aws-pue' });
    expect(aws(2025)).toEqual({ pue: 1.14, year: 2025, source: 'aws-pue' }); // last
    expect(aws(2026)).toEqual({ pue: 1.14, year: 2025, source: 'aws-pue' }); // above
    expect(pueFor('gcp', 'us-central1', 2020)).toEqual({ pue: 1.1, year: 2023, source: 'google-pue' });
    expect(pueFor('gcp', 'us-central1', 2024)).toEqual({ pue: 1.09, year: 2024, source: 'google-pue' });
    expect(pueFor('gcp', undefined, 2030).pue).toBe(1.09);
    expect(pueFor('azure', 'westeurope', 2025)).toEqual({ pue: 1.18, year: 2024, source: 'microsoft-pue' });
    expect(() => pueFor('aws', undefined, NaN)).toThrow(RangeError);
  });
});

describe('whole data set', () => {
  const all = listRegions();

  it('counts regions per provider', () => {
    expect(countRegions()).toEqual({ aws: 27, gcp: 46, azure: 48 });
    expect(all).toHaveLength(27 + 46 + 48);
  });

  it('lists regions sorted by provider then region, and filters by provider', () => {
    const keys = all.map((r) => `${r.provider}/${r.region}`);
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b)));
    expect(listRegions('azure').every((r) => r.provider === 'azure')).toBe(true);
    expect(listRegions('azure')).toHaveLength(48);
  });

  it('covers every region CCF knows for AWS and GCP, and the Azure regions in the FOCUS sample', () => {
    const aws =
      'us-east-1 us-east-2 us-west-1 us-west-2 us-gov-east-1 us-gov-west-1 af-south-1 ap-east-1 ap-south-1 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-southeast-1 ap-southeast-2 ap-southeast-3 ca-central-1 cn-north-1 cn-northwest-1 eu-central-1 eu-west-1 eu-west-2 eu-west-3 eu-south-1 eu-north-1 me-south-1 me-central-1 sa-east-1';
    const gcp =
      'us-central1 us-central2 us-east1 us-east4 us-east5 us-west1 us-west2 us-west3 us-west4 us-south1 asia-east1 asia-east2 asia-northeast1 asia-northeast2 asia-northeast3 asia-south1 asia-south2 asia-southeast1 asia-southeast2 australia-southeast1 australia-southeast2 europe-central2 europe-north1 europe-southwest1 europe-west1 europe-west2 europe-west3 europe-west4 europe-west6 europe-west8 europe-west9 northamerica-northeast1 northamerica-northeast2 southamerica-east1 southamerica-west1';
    const azure = 'eastus eastus2 northeurope westus westus2';
    const missing = [
      ...aws.split(' ').filter((id) => !findRegion('aws', id)),
      ...gcp.split(' ').filter((id) => !findRegion('gcp', id)),
      ...azure.split(' ').filter((id) => !findRegion('azure', id)),
    ];
    expect(missing).toEqual([]);
  });

  it('gives every region a location and at least one factor, in ascending years', () => {
    for (const r of all) {
      expect(r.location.trim()).not.toBe('');
      expect(r.current.length).toBeGreaterThan(0);
      r.current.forEach((f, i) => i > 0 && expect(f.year).toBeGreaterThan(r.current[i - 1].year));
    }
  });

  it('ties every factor and PUE value to a listed source', () => {
    const used = new Set([...all.flatMap((r) => r.factors.map((f) => f.source))]);
    for (const id of used) {
      expect(sourceInfo(id)).toMatchObject({ id, url: expect.stringMatching(/^https:\/\//) });
    }
    expect(sourceInfo(pueFor('azure').source).licence).toBeTruthy();
    expect(() => sourceInfo('no-such-source')).toThrow(/Unknown data source/);
  });

  it('hands out read-only records', () => {
    const r = region('aws', 'us-east-1');
    expect(() => (r.factors as any).push({ gCO2ePerKWh: 1, year: 2030, source: 'ccf-eea' })).toThrow();
    expect(() => ((r as any).location = 'x')).toThrow();
  });
});

describe('validation at load', () => {
  const build = (edit: (grid: any, pue: any) => void) => () => {
    const grid = clone(gridData);
    const pue = clone(pueData);
    edit(grid, pue);
    return buildTables(grid, pue);
  };

  it('accepts the bundled data', () => {
    expect(build(() => {})().regions.length).toBe(121);
  });

  it.each<[string, (grid: any, pue: any) => void, RegExp]>([
    ['an unknown source', (g) => (g.regions[0].factors[0].source = 'nope'), /source "nope" is not listed/],
    ['a missing year', (g) => delete g.regions[0].factors[0].year, /missing or implausible year/],
    ['a NaN value', (g) => (g.regions[0].factors[0].gCO2ePerKWh = 'NaN'), /finite number/],
    ['a negative value', (g) => (g.regions[0].factors[0].gCO2ePerKWh = -1), /finite number >= 0/],
    ['no factors', (g) => (g.regions[0].factors = []), /at least one factor/],
    ['no location', (g) => (g.regions[0].location = ' '), /location: expected a non-empty string/],
    ['a duplicate year', (g) => g.regions[0].factors.push({ ...g.regions[0].factors[0] }), /two factors for year/],
    ['a duplicate region', (g) => g.regions.push(clone(g.regions[0])), /region listed twice/],
    [
      'two series in one region',
      (g) => g.regions[0].factors.push({ gCO2ePerKWh: 1, year: 2030, source: 'google-2024' }),
      /factors from 2 series .*: one series per region/,
    ],
    [
      'a duplicate year in the current series',
      (g) => g.regions[0].factors.push({ gCO2ePerKWh: 1, year: 2024, source: 'electricitymaps-yearly' }),
      /two factors for year 2024/,
    ],
    [
      'a published PUE given a region',
      (_g, p) => (p.values.find((v: any) => v.source === 'aws-pue').region = 'us-east-1'),
      /fleet-wide: no region/,
    ],
    [
      'two published PUE values for one year',
      (_g, p) => p.values.push({ provider: 'aws', pue: 1.2, year: 2024, source: 'aws-pue' }),
      /two published values for 2024/,
    ],
    ['an unknown provider', (g) => (g.regions[0].provider = 'ibm'), /unknown provider "ibm"/],
    ['a source without licence', (g) => delete g.sources['google-2024'].licence, /google-2024" licence/],
    ['a PUE without source', (_g, p) => delete p.values[0].source, /pue\.json values\[0\].*source/],
    ['an impossible PUE', (_g, p) => (p.values[0].pue = 0.9), /between 1 and 3/],
    [
      'no provider-wide PUE',
      (_g, p) => (p.values = p.values.filter((v: any) => v.provider !== 'azure')),
      /no provider-wide value for azure/,
    ],
  ])('rejects %s with a clear message', (_name, edit, message) => {
    expect(build(edit)).toThrow(message);
  });
});
