/**
 * gridIntensity: the carbon intensity of the electricity behind cloud regions (gCO2e/kWh), with
 * the provider's PUE and each value's source and year. A table (numeric-long, one row per region,
 * values for the year at the end of the range) or one series per region (timeseries-multi) that
 * steps at year boundaries where dated values exist.
 */
import type { ParsedQueryOf } from '../../shared/queryTypes';
import { gridIntensity } from '../../shared/queryTypes/gridIntensity';
import { factorForYear, listRegions, pueFor, RegionRecord, sourceInfo } from '../../engine/gridIntensity';
import type { Frame, FrameNotice } from '../frames/frame';
import { seriesFrame } from '../frames/series';
import { numberColumn, stringColumn, tableFrame } from '../frames/table';
import { UNIT } from '../frames/units';
import { badQuery } from '../core/errors';
import { echo } from '../core/echo';
import { someOf } from '../frames/noticeText';
import { defineHandler } from './defineHandler';
import type { QueryRequest } from './queryHandler';
import { seriesTimestamps } from '../core/timeGrid';

type GridQuery = ParsedQueryOf<'gridIntensity'>;

export const gridIntensityHandler = defineHandler(gridIntensity, async (request) => {
  const { records, notices } = selectRegions(request.query);
  return request.query.format === 'timeseries'
    ? records.map((record) => regionSeries(record, request, notices))
    : [regionTable(records, request, notices)];
});

function selectRegions(query: GridQuery): { records: RegionRecord[]; notices: FrameNotice[] } {
  const candidates = listRegions(query.provider);
  if (!query.regions || query.regions.length === 0) {
    return { records: candidates, notices: [] };
  }
  const wanted = new Set(query.regions.map((r) => r.toLowerCase()));
  const records = candidates.filter((r) => wanted.has(r.region.toLowerCase()));
  const known = new Set(records.map((r) => r.region.toLowerCase()));
  const unknown = query.regions.filter((r) => !known.has(r.toLowerCase()));
  const scope = query.provider ? `${query.provider} ` : '';
  if (records.length === 0) {
    const examples = candidates
      .slice(0, 5)
      .map((r) => r.region)
      .join(', ');
    throw badQuery(
      `No known ${scope}region matches ${someOf(unknown.map((r) => echo(r)))}. Use region ids such as ${examples} ` +
        '(the region variable and the editor list every known region).'
    );
  }
  const notices: FrameNotice[] =
    unknown.length > 0
      ? [{ severity: 'warning', text: `Unknown ${scope}regions left out: ${someOf(unknown.map((r) => echo(r)))}` }]
      : [];
  return { records, notices };
}

function yearOf(ms: number): number {
  return new Date(ms).getUTCFullYear();
}

function regionTable(records: RegionRecord[], request: QueryRequest<GridQuery>, notices: FrameNotice[]): Frame {
  const year = yearOf(request.timeRange.to);
  const rows = records.map((record) => {
    const factor = factorForYear(record, year);
    const pue = pueFor(record.provider, record.region, year);
    return { record, factor, pue, source: sourceInfo(factor.source).title };
  });
  return tableFrame(
    'gridIntensity',
    [
      stringColumn(
        'provider',
        rows.map((r) => r.record.provider)
      ),
      stringColumn(
        'region',
        rows.map((r) => r.record.region)
      ),
      stringColumn(
        'location',
        rows.map((r) => r.record.location)
      ),
      numberColumn(
        'intensity',
        rows.map((r) => r.factor.gCO2ePerKWh),
        UNIT.intensity,
        'Grid intensity'
      ),
      numberColumn(
        'pue',
        rows.map((r) => r.pue.pue),
        undefined,
        'PUE',
        { decimals: 3 }
      ),
      numberColumn(
        'year',
        rows.map((r) => r.factor.year),
        undefined,
        'Year',
        { decimals: 0 }
      ),
      stringColumn(
        'source',
        rows.map((r) => r.source)
      ),
    ],
    { notices }
  );
}

function regionSeries(record: RegionRecord, request: QueryRequest<GridQuery>, notices: FrameNotice[]): Frame {
  const times = seriesTimestamps(request.timeRange, request.intervalMs, request.maxDataPoints);
  const factors = times.map((t) => factorForYear(record, yearOf(t)));
  const sources = [...new Set(factors.map((f) => `${sourceInfo(f.source).title} (${f.year})`))];
  return seriesFrame(
    {
      name: `${record.provider}/${record.region}`,
      times,
      valueName: 'intensity',
      values: factors.map((f) => f.gCO2ePerKWh),
      labels: { provider: record.provider, region: record.region },
      config: {
        unit: UNIT.intensity,
        displayNameFromDS: `${record.region} (${record.location})`,
        description: `Grid carbon intensity. Source: ${sources.join('; ')}`,
      },
    },
    { notices }
  );
}
