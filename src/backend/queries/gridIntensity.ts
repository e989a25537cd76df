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
import { badQuery } from '../core/errors';
import { defineHandler } from './defineHandler';
import type { QueryRequest } from './queryHandler';
import { seriesTimestamps } from '../core/timeGrid';

export const INTENSITY_UNIT = 'suffix: gCO2e/kWh';

type GridQuery = ParsedQueryOf<'gridIntensity'>;

export const gridIntensityHandler = defineHandler(gridIntensity, async (request) => {
  const { records, notices } = selectRegions(request.query);
  return request.query.format === 'timeseries'
    ? records.map((record) => seriesFrame(record, request, notices))
    : [tableFrame(records, request, notices)];
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
      `No known ${scope}region matches ${unknown.join(', ')}. Use region ids such as ${examples} ` +
        '(the region variable and the editor list every known region).'
    );
  }
  const notices: FrameNotice[] =
    unknown.length > 0
      ? [{ severity: 'warning', text: `Unknown ${scope}regions left out: ${unknown.join(', ')}` }]
      : [];
  return { records, notices };
}

function yearOf(ms: number): number {
  return new Date(ms).getUTCFullYear();
}

function tableFrame(records: RegionRecord[], request: QueryRequest<GridQuery>, notices: FrameNotice[]): Frame {
  const year = yearOf(request.timeRange.to);
  const rows = records.map((record) => {
    const factor = factorForYear(record, year);
    const pue = pueFor(record.provider, record.region);
    return { record, factor, pue, source: sourceInfo(factor.source).title };
  });
  return {
    name: 'gridIntensity',
    meta: { type: 'numeric-long', typeVersion: [0, 1], preferredVisualisationType: 'table', notices },
    fields: [
      { name: 'provider', kind: 'string', values: rows.map((r) => r.record.provider) },
      { name: 'region', kind: 'string', values: rows.map((r) => r.record.region) },
      { name: 'location', kind: 'string', values: rows.map((r) => r.record.location) },
      {
        name: 'intensity',
        kind: 'number',
        values: rows.map((r) => r.factor.gCO2ePerKWh),
        config: { unit: INTENSITY_UNIT, displayNameFromDS: 'Grid intensity' },
      },
      {
        name: 'pue',
        kind: 'number',
        values: rows.map((r) => r.pue.pue),
        config: { displayNameFromDS: 'PUE', decimals: 3 },
      },
      {
        name: 'year',
        kind: 'number',
        values: rows.map((r) => r.factor.year),
        config: { displayNameFromDS: 'Year', decimals: 0 },
      },
      { name: 'source', kind: 'string', values: rows.map((r) => r.source) },
    ],
  };
}

function seriesFrame(record: RegionRecord, request: QueryRequest<GridQuery>, notices: FrameNotice[]): Frame {
  const times = seriesTimestamps(request.timeRange, request.intervalMs, request.maxDataPoints);
  const factors = times.map((t) => factorForYear(record, yearOf(t)));
  const sources = [...new Set(factors.map((f) => `${sourceInfo(f.source).title} (${f.year})`))];
  return {
    name: `${record.provider}/${record.region}`,
    meta: { type: 'timeseries-multi', typeVersion: [0, 1], notices },
    fields: [
      { name: 'time', kind: 'time', values: times },
      {
        name: 'intensity',
        kind: 'number',
        values: factors.map((f) => f.gCO2ePerKWh),
        labels: { provider: record.provider, region: record.region },
        config: {
          unit: INTENSITY_UNIT,
          displayNameFromDS: `${record.region} (${record.location})`,
          description: `Grid carbon intensity. Source: ${sources.join('; ')}`,
        },
      },
    ],
  };
}
