/**
 * Expected values for 2024 (the time range's year) come from Electricity Maps' yearly averages as
 * @tgwf/co2 0.19.0 ships them (dist/esm/data/electricity-maps/yearly_2024.js): eu-west-1 = IE 352,
 * us-east-1 = US-MIDA-PJM 403, eu-north-1 = SE-SE3 21 g/kWh; and AWS's own global PUE for 2024, 1.15.
 */
import { DatasourceInstance } from '../core/instance';
import { EMPTY_SETTINGS } from '../core/settings';
import { gridIntensityHandler } from './gridIntensity';
import { UNIT } from '../frames/units';
import type { QueryRequest } from './queryHandler';
import type { GridIntensityQuery, ParsedQueryOf } from '../../datasource/types';
import type { NumberField, StringField, TimeField } from '../frames/frame';

const HOUR = 3_600_000;
const FROM = Date.UTC(2024, 0, 1);

function request(
  query: Partial<GridIntensityQuery>,
  range = { from: FROM, to: FROM + 24 * HOUR }
): QueryRequest<ParsedQueryOf<'gridIntensity'>> {
  return {
    refId: 'A',
    query: gridIntensityHandler.parse({ refId: 'A', queryType: 'gridIntensity', ...query }),
    timeRange: range,
    intervalMs: HOUR,
    maxDataPoints: 1000,
    settings: EMPTY_SETTINGS,
    instance: new DatasourceInstance(EMPTY_SETTINGS),
  };
}

function field<T>(frame: { fields: any[] }, name: string): T {
  const f = frame.fields.find((x) => x.name === name);
  if (!f) {
    throw new Error(`no field ${name}`);
  }
  return f as T;
}

describe('gridIntensity query', () => {
  it('returns a numeric-long table with intensity, PUE, year and source per region', async () => {
    const [frame] = await gridIntensityHandler.run(
      request({ provider: 'aws', regions: ['eu-west-1', 'us-east-1', 'eu-north-1'] })
    );
    expect(frame.meta).toMatchObject({ type: 'numeric-long', typeVersion: [0, 1] });
    const regions = field<StringField>(frame, 'region').values;
    const intensity = field<NumberField>(frame, 'intensity');
    const byRegion = Object.fromEntries(regions.map((r, i) => [r, intensity.values[i]]));
    expect(byRegion['eu-west-1']).toBeCloseTo(352, 9);
    expect(byRegion['us-east-1']).toBeCloseTo(403, 9);
    expect(byRegion['eu-north-1']).toBeCloseTo(21, 9);
    expect(intensity.config?.unit).toBe(UNIT.intensity);
    expect(field<NumberField>(frame, 'pue').values).toEqual([1.15, 1.15, 1.15]);
    expect(field<StringField>(frame, 'provider').values).toEqual(['aws', 'aws', 'aws']);
    expect(field<StringField>(frame, 'source').values.every((s) => !!s && s.length > 3)).toBe(true);
    expect(field<NumberField>(frame, 'year').values.every((y) => y !== null && y >= 2015 && y <= 2026)).toBe(true);
  });

  it('returns one labelled series per region over the time range', async () => {
    const frames = await gridIntensityHandler.run(
      request({ provider: 'aws', regions: ['eu-west-1', 'us-east-1'], format: 'timeseries' })
    );
    expect(frames).toHaveLength(2);
    for (const frame of frames) {
      expect(frame.meta).toMatchObject({ type: 'timeseries-multi', typeVersion: [0, 1] });
      const time = field<TimeField>(frame, 'time');
      expect(time.values[0]).toBe(FROM);
      expect(time.values[time.values.length - 1]).toBe(FROM + 24 * HOUR);
      expect(time.values).toHaveLength(25);
    }
    const euWest = frames.find((f) => f.name === 'aws/eu-west-1')!;
    const value = field<NumberField>(euWest, 'intensity');
    expect(value.labels).toEqual({ provider: 'aws', region: 'eu-west-1' });
    expect(value.config?.unit).toBe(UNIT.intensity);
    expect(new Set(value.values)).toEqual(new Set([352]));
  });

  it('lists every region of every provider when nothing is selected', async () => {
    const [frame] = await gridIntensityHandler.run(request({}));
    const providers = new Set(field<StringField>(frame, 'provider').values);
    expect(providers).toEqual(new Set(['aws', 'gcp', 'azure']));
  });

  it('keeps the known regions and warns about unknown ones', async () => {
    const [frame] = await gridIntensityHandler.run(
      request({ provider: 'aws', regions: ['eu-west-1', 'mars-north-1'] })
    );
    expect(field<StringField>(frame, 'region').values).toEqual(['eu-west-1']);
    expect(frame.meta?.notices).toEqual([{ severity: 'warning', text: 'Unknown aws regions left out: "mars-north-1"' }]);
  });

  it('fails with an actionable message when no region is known', async () => {
    await expect(gridIntensityHandler.run(request({ provider: 'aws', regions: ['$region'] }))).rejects.toMatchObject({
      status: 400,
      source: 'plugin',
      message: expect.stringMatching(/No known aws region matches "\$region"\. Use region ids such as/),
    });
  });

  it('rejects malformed queries with the offending field named', () => {
    expect(() => gridIntensityHandler.parse({ queryType: 'gridIntensity', regions: 'eu-west-1' })).toThrow(
      /regions: Expected array/
    );
    expect(() => gridIntensityHandler.parse({ queryType: 'gridIntensity', provider: 'ibm' })).toThrow(
      /provider: Invalid enum value/
    );
    expect(() => gridIntensityHandler.parse({ queryType: 'gridIntensity', format: 'pie' })).toThrow(/format/);
    expect(() => gridIntensityHandler.parse({ queryType: 'gridIntensity', regions: [''] })).toThrow(
      /regions\.0: region ids cannot be empty/
    );
  });
});
