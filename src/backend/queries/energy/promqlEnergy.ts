/**
 * promqlEnergy: the escape hatch for exporters the plugin does not know. The user's PromQL runs as
 * a range query on the integration window's steps (origin 'user': a syntax error is the user's
 * 400, with Prometheus's message), and its unit says what the numbers are:
 *
 * - `watts` / `microwatts`: power. Energy is step × value (a right Riemann sum): the value at t
 *   stands for the step (t − step, t], which is exact for `rate()` of an energy counter and for
 *   gauges that report the mean of the last interval (Scaphandre), and needs no point before the
 *   range. A trapezoid would shift each step by half a step for those. Steps without a value add
 *   nothing (a series that exists for part of the range counts for that part).
 * - `joules` / `microjoules`: a cumulative energy counter (`*_joules_total`, RAPL µJ counters). The
 *   plugin takes its increase per step itself (userPromql.ts: `irate` over two step-aligned points,
 *   × step), counter resets included, so the expression must not apply increase() or rate(); a
 *   top-level `sum` of counters is rewritten to sum their per-series increases.
 *
 * Series: power (W) or energy per step (J), one timeseries-multi frame per result series. Then one
 * numeric-long table, one row per series: Joules, kWh, gCO2e, region, grid factor and PUE. The
 * region is the query's, else the datasource's default; without either the query is refused.
 */
import type { ParsedQueryOf } from '../../../shared/queryTypes';
import { promqlEnergy } from '../../../shared/queryTypes/promqlEnergy';
import { defineHandler } from '../defineHandler';
import { JOULES_PER_KWH } from '../../../engine/measuredEnergy';
import type { Frame, FrameNotice } from '../../frames/frame';
import { openPrometheus } from '../../sources';
import type { MatrixSeries } from '../../sources/prometheus/promResponse';
import { addToMeta } from '../../frames/meta';
import { MEASURED } from '../../measured/provenance';
import { seriesFrame } from '../../frames/series';
import { numberColumn, stringColumn, tableFrame } from '../../frames/table';
import { UNIT } from '../../frames/units';
import { describeFactor, requireRegion, YearlyFactors } from '../../measured/energyRegion';
import { integrationWindow, type IntegrationWindow } from '../../measured/integrationWindow';
import { PromRun, withoutName } from '../../measured/promRun';
import { assertCounter, counterIncreasePerStep, withSentExpression } from './userPromql';

type Parsed = ParsedQueryOf<'promqlEnergy'>;

/** Factor to watts or Joules, and whether the unit is power. */
const UNITS: Record<Parsed['unit'], { scale: number; power: boolean; label: string }> = {
  watts: { scale: 1, power: true, label: 'W' },
  microwatts: { scale: 1e-6, power: true, label: 'µW' },
  joules: { scale: 1, power: false, label: 'J' },
  microjoules: { scale: 1e-6, power: false, label: 'µJ' },
};

export const promqlEnergyHandler = defineHandler(
  promqlEnergy,
  async (request) => {
    const query = request.query;
    const unit = UNITS[query.unit];
    const region = requireRegion(query.region, query.provider, request.settings, 'promqlEnergy');
    const factors = new YearlyFactors(region.record);
    const w = integrationWindow(request);
    const prom = new PromRun(await openPrometheus(request.instance).client());
    const expr = unit.power ? query.expr : counterIncreasePerStep(query.expr, w);
    const result = await prom.range(expr, w, 'user').catch((err: unknown) => {
      throw expr === query.expr ? err : withSentExpression(err, expr);
    });

    const rows: Row[] = [];
    const frames: Frame[] = [];
    let negative = false;
    for (const series of [...result].sort((a, b) => seriesName(a.labels).localeCompare(seriesName(b.labels)))) {
      const converted = convert(series, unit.scale, unit.power, w);
      negative ||= converted.negative;
      rows.push({ labels: series.labels, joules: converted.joules, grams: converted.grams(factors) });
      frames.push(resultSeries(series.labels, converted.times, converted.values, unit.power, w));
    }

    const factor = factors.at(w.endMs);
    const notices: FrameNotice[] = [
      {
        severity: 'info',
        text: unit.power
          ? `Energy = power × ${w.stepSeconds} s per step (the value at t stands for the step ending at t). ${describeFactor(factor)}.`
          : `Energy per step = the counter's increase over each ${w.stepSeconds} s step (counter resets included). ${describeFactor(factor)}.`,
      },
      ...(region.origin === 'default'
        ? [
            {
              severity: 'info' as const,
              text: `Region ${factor.provider}:${factor.region} is the datasource's default region.`,
            },
          ]
        : []),
      ...(negative
        ? [
            {
              severity: 'warning' as const,
              text: 'Some values are negative: they were counted as they are. Is the unit right?',
            },
          ]
        : []),
      ...(result.length === 0
        ? [{ severity: 'info' as const, text: 'The expression returned no series over this range.' }]
        : []),
      ...prom.notices,
    ];
    const table = totalsTable(rows, factor, region.record.provider);
    const all = [...frames, table];
    for (const frame of all) {
      addToMeta(frame, { executedQueryString: prom.executed, custom: { ...MEASURED } });
    }
    addToMeta(all[0], { notices });
    return all;
  },
  (parsed) => {
    if (!UNITS[parsed.unit].power) {
      assertCounter(
        parsed.expr,
        `An expression declared in ${parsed.unit}`,
        'Give the counter itself (e.g. node_rapl_package_joules_total), or declare rate() of it as watts.'
      );
    }
  }
);

const TABLE_COLUMNS = ['series', 'joules', 'kWh', 'co2e', 'provider', 'region', 'grid_intensity', 'pue'];

interface Row {
  labels: Record<string, string>;
  joules: number;
  grams: number;
}

/** Power or per-step energy in W or J, and the series' Joules over (start, end]. */
function convert(series: MatrixSeries, scale: number, power: boolean, w: IntegrationWindow) {
  const times: number[] = [];
  const values: Array<number | null> = [];
  const steps: Array<[number, number]> = [];
  let negative = false;
  series.timesMs.forEach((t, i) => {
    const raw = series.values[i];
    const v = Number.isFinite(raw) ? raw * scale : null;
    // The energy query's point at the start is the increase over the step before the range.
    if (!power && t <= w.startMs) {
      return;
    }
    times.push(t);
    values.push(v);
    if (v !== null && t > w.startMs) {
      negative ||= v < 0;
      steps.push([t, power ? v * w.stepSeconds : v]);
    }
  });
  return {
    times,
    values,
    negative,
    joules: steps.reduce((a, [, j]) => a + j, 0),
    grams: (factors: YearlyFactors) => steps.reduce((a, [t, j]) => a + factors.grams(j, t), 0),
  };
}

function seriesName(labels: Record<string, string>): string {
  const { __name__: name = '', ...rest } = labels;
  const pairs = Object.keys(rest)
    .sort()
    .map((k) => `${k}=${JSON.stringify(rest[k])}`);
  return pairs.length > 0 ? `${name}{${pairs.join(', ')}}` : name || 'value';
}

function resultSeries(
  labels: Record<string, string>,
  times: number[],
  values: Array<number | null>,
  power: boolean,
  w: IntegrationWindow
): Frame {
  const name = seriesName(labels);
  return seriesFrame({
    name,
    times,
    valueName: power ? 'power' : 'energy',
    values,
    labels: withoutName(labels),
    config: power
      ? { unit: UNIT.watt, displayNameFromDS: name }
      : {
          unit: UNIT.joule,
          displayNameFromDS: name,
          description: `Energy used in each ${w.stepSeconds} s step ending at the point's time.`,
        },
  });
}

function totalsTable(rows: Row[], factor: ReturnType<YearlyFactors['at']>, provider: string): Frame {
  // A label called like a column (say `region`) is still in `series`.
  const labelNames = [...new Set(rows.flatMap((r) => Object.keys(withoutName(r.labels))))]
    .filter((name) => !TABLE_COLUMNS.includes(name))
    .sort();
  const labelFields = labelNames.map((name) =>
    stringColumn(
      name,
      rows.map((r) => r.labels[name] ?? '')
    )
  );
  const n = rows.length;
  return tableFrame('promqlEnergy', [
    stringColumn(
      'series',
      rows.map((r) => seriesName(r.labels))
    ),
    ...labelFields,
    numberColumn(
      'joules',
      rows.map((r) => r.joules),
      UNIT.joule,
      'Energy (J)'
    ),
    numberColumn(
      'kWh',
      rows.map((r) => r.joules / JOULES_PER_KWH),
      UNIT.kWh,
      'Energy (kWh)',
      { description: 'As the expression measures it, taken as IT energy: PUE not included (it is in the CO2e)' }
    ),
    numberColumn(
      'co2e',
      rows.map((r) => r.grams),
      UNIT.grams,
      'CO2e'
    ),
    stringColumn('provider', Array(n).fill(provider)),
    stringColumn('region', Array(n).fill(factor.region)),
    numberColumn('grid_intensity', Array(n).fill(factor.gridGramsPerKWh), UNIT.intensity, 'Grid intensity', {
      description: `${factor.source}, ${factor.year}`,
    }),
    numberColumn('pue', Array(n).fill(factor.pue), undefined, 'PUE', { decimals: 3 }),
  ]);
}
