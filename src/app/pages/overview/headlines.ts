/**
 * The headline numbers of the overview: which query gives each, when it can run, and how its frames add up.
 * Every number is a sum of the rows the backend returns, so it equals what a table panel of the same query sums.
 */
import { dateTimeFormat, type DataFrame, type Field, type QueryResultMetaNotice } from '@grafana/data';

import { summariseSettings } from '../../../datasource/settingsSummary';
import {
  ZOMBIE_DEFAULTS,
  type BillingSource,
  type CarbonDataSourceOptions,
  type CarbonQuery,
  type CloudEmissionsQuery,
  type NamespaceEnergyQuery,
  type ZombieInstancesQuery,
} from '../../../datasource/types';

export type HeadlineId = 'cloudAws' | 'cloudFocus' | 'k8sEnergy' | 'k8sCo2e' | 'idleWaste';

export interface HeadlinePlan {
  id: HeadlineId;
  title: string;
  /** The query, or why it cannot run: what to set up. */
  query?: CarbonQuery;
  notConfigured?: string;
}

interface DatasourceRef {
  uid: string;
  type: string;
  jsonData?: CarbonDataSourceOptions;
}

const GRAMS_PER_KG = 1000;

function cloudQuery(refId: HeadlineId, source: BillingSource, datasource: { uid: string; type: string }) {
  // groupBy provider: one row per cloud, which also says which clouds the bill covers.
  const query: CloudEmissionsQuery = {
    refId,
    datasource,
    queryType: 'cloudEmissions',
    source,
    metrics: ['co2e', 'cost'],
    groupBy: ['provider'],
    format: 'table',
  };
  return query;
}

/** One plan per number, in display order; each names what to set up when its source is missing. */
export function planHeadlines(ds: DatasourceRef): HeadlinePlan[] {
  const settings = summariseSettings(ds.jsonData);
  const datasource = { uid: ds.uid, type: ds.type };
  const energy = (refId: HeadlineId, metric: 'energy' | 'co2e'): NamespaceEnergyQuery => ({
    refId,
    datasource,
    queryType: 'namespaceEnergy',
    groupBy: 'namespace',
    metric,
  });
  const idle: ZombieInstancesQuery = {
    refId: 'idleWaste',
    datasource,
    queryType: 'zombieInstances',
    format: 'summary',
  };
  const PROMETHEUS = 'Set up Prometheus (with Kepler, Scaphandre --containers or DCGM) in the data source settings.';
  const plan = (id: HeadlineId, title: string, query: CarbonQuery, configured: boolean, needs: string) =>
    configured ? { id, title, query } : { id, title, notConfigured: needs };
  return [
    plan(
      'cloudAws',
      'Cloud, AWS Cost Explorer',
      cloudQuery('cloudAws', 'awsCostExplorer', datasource),
      settings.billingSources.awsCostExplorer,
      'Set up AWS Cost Explorer in the data source settings.'
    ),
    plan(
      'cloudFocus',
      'Cloud, FOCUS exports',
      cloudQuery('cloudFocus', 'focus', datasource),
      settings.billingSources.focus,
      'Add FOCUS export paths in the data source settings.'
    ),
    plan('k8sEnergy', 'Kubernetes energy (measured)', energy('k8sEnergy', 'energy'), settings.prometheus, PROMETHEUS),
    plan('k8sCo2e', 'Kubernetes CO2e (measured)', energy('k8sCo2e', 'co2e'), settings.prometheus, PROMETHEUS),
    plan(
      'idleWaste',
      'Idle resources',
      idle,
      settings.prometheus || settings.billingSources.awsCostExplorer,
      'Set up AWS Cost Explorer or Prometheus in the data source settings.'
    ),
  ];
}

const fieldNamed = (frames: DataFrame[], name: string): Field | undefined =>
  frames.flatMap((f) => f.fields).find((f) => f.name === name);

/** The sum of a number column over every frame, and how many rows had no value. */
export function sumField(frames: DataFrame[], name: string): { sum: number; missing: number; rows: number } {
  let sum = 0;
  let missing = 0;
  let rows = 0;
  for (const field of frames.flatMap((f) => f.fields).filter((f) => f.name === name)) {
    for (const v of field.values) {
      rows++;
      if (typeof v === 'number' && Number.isFinite(v)) {
        sum += v;
      } else {
        missing++;
      }
    }
  }
  return { sum, missing, rows };
}

/** The currency of a cost column, from its Grafana unit (`currencyUSD`, or `suffix: CHF` for other codes). */
export function currencyOf(frames: DataFrame[], name: string): string {
  const unit = fieldNamed(frames, name)?.config?.unit ?? '';
  return /^currency([A-Z]{3})$/.exec(unit)?.[1] ?? /^suffix:\s*(.+)$/.exec(unit)?.[1] ?? '';
}

/** Warnings the backend attached (several currencies summed, series limits): they qualify the number. */
export function warnings(frames: DataFrame[]): QueryResultMetaNotice[] {
  return frames.flatMap((f) => f.meta?.notices ?? []).filter((n) => n.severity !== 'info');
}

export interface Figure {
  label: string;
  value: number | null;
  unit: string;
  decimals: number;
  /** e.g. "1 namespace without a grid factor". */
  note?: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The headline's figures from its query's frames. */
export function figures(id: HeadlineId, frames: DataFrame[]): Figure[] {
  switch (id) {
    case 'cloudAws':
    case 'cloudFocus': {
      const providers = fieldNamed(frames, 'provider')?.values.filter(Boolean) ?? [];
      const clouds = providers.length ? `clouds: ${[...new Set(providers)].join(', ')}` : 'no usage in this range';
      return [
        { label: 'CO2e', value: sumField(frames, 'co2e').sum, unit: 'kgCO2e', decimals: 1, note: clouds },
        { label: 'Cost', value: sumField(frames, 'cost').sum, unit: currencyOf(frames, 'cost'), decimals: 2 },
      ];
    }
    case 'k8sEnergy': {
      const kWh = sumField(frames, 'kWh');
      return [{ label: 'Energy', value: kWh.sum, unit: 'kWh', decimals: 2, note: plural(kWh.rows, 'namespace') }];
    }
    case 'k8sCo2e': {
      const grams = sumField(frames, 'co2e');
      const unknown = grams.missing
        ? `${plural(grams.missing, 'namespace')} without a grid factor left out`
        : undefined;
      return [{ label: 'CO2e', value: grams.sum / GRAMS_PER_KG, unit: 'kgCO2e', decimals: 2, note: unknown }];
    }
    case 'idleWaste': {
      const count = sumField(frames, 'count').sum;
      return [
        {
          label: 'CO2e per month',
          value: sumField(frames, 'monthlyKgCO2e').sum,
          unit: 'kgCO2e',
          decimals: 1,
          note: plural(count, 'idle resource'),
        },
        {
          label: 'Cost per month',
          value: sumField(frames, 'monthlyCost').sum,
          unit: currencyOf(frames, 'monthlyCost'),
          decimals: 2,
        },
      ];
    }
  }
}

const day = (ms: number) => dateTimeFormat(ms, { format: 'YYYY-MM-DD HH:mm' });

/** Which period a headline covers: billing lags and the idle rule looks at its own window, so they differ. */
export function periodText(id: HeadlineId, range: { from: number; to: number }): string {
  const span = `${day(range.from)} to ${day(range.to)}`;
  switch (id) {
    case 'cloudAws':
      return `Usage billed ${span}. Cost Explorer lags up to a day: the latest day may be missing or still estimated.`;
    case 'cloudFocus':
      return `Usage charged ${span}, as far as the export files reach: exports usually lag a day or more.`;
    case 'k8sEnergy':
    case 'k8sCo2e':
      return `Measured ${span}, pods only: node idle power is left out.`;
    case 'idleWaste':
      return `Per month, at the rate seen over the ${ZOMBIE_DEFAULTS.windowDays} days to ${day(range.to)} (Cost Explorer: its own 14-day lookback).`;
  }
}
