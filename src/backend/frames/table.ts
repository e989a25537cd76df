/** Frames of the energy queries: numeric-long tables and timeseries-multi series, with the PromQL sent. */
import type { FieldConfig, Frame, FrameField } from '../../frames/frame';
import type { EnergyContext } from '../../measured/energyContext';

/** Grafana unit ids. */
export const UNIT = {
  joule: 'joule',
  kWh: 'kwatth',
  watt: 'watt',
  grams: 'massg',
  usd: 'currencyUSD',
  ratio: 'percentunit',
  cores: 'suffix: cores',
  intensity: 'suffix: gCO2e/kWh',
} as const;

export type Column =
  | { name: string; kind: 'string'; values: Array<string | null> }
  | { name: string; kind: 'number'; values: Array<number | null>; config?: FieldConfig };

function meta(ctx: EnergyContext, type: 'numeric-long' | 'timeseries-multi') {
  return {
    type,
    typeVersion: [0, 1] as [number, number],
    notices: ctx.notices,
    executedQueryString: ctx.executed.join('\n\n'),
    ...(type === 'numeric-long' ? { preferredVisualisationType: 'table' as const } : {}),
  };
}

/** A number column of a table, with its Grafana unit and display name. */
export function numberColumn(name: string, values: Array<number | null>, unit: string, displayName: string): Column {
  return { name, kind: 'number', values, config: { unit, displayNameFromDS: displayName } };
}

/** A numeric-long table: string columns are the row keys, number columns the values. */
export function tableFrame(name: string, columns: Column[], ctx: EnergyContext): Frame {
  return { name, meta: meta(ctx, 'numeric-long'), fields: columns as FrameField[] };
}

/** One series per group: labels are the group keys. */
export function seriesFrames(
  ctx: EnergyContext,
  valueName: string,
  series: Array<{ labels: Record<string, string>; values: ArrayLike<number> }>,
  config: FieldConfig
): Frame[] {
  if (series.length === 0) {
    return [{ name: valueName, meta: meta(ctx, 'timeseries-multi'), fields: [] }];
  }
  return series.map(({ labels, values }) => {
    const display = Object.values(labels).filter(Boolean).join(' / ') || valueName;
    return {
      name: display,
      meta: meta(ctx, 'timeseries-multi'),
      fields: [
        { name: 'time', kind: 'time', values: ctx.times },
        {
          name: valueName,
          kind: 'number',
          labels,
          values: Array.from(values, (v) => (Number.isNaN(v) ? null : v)),
          config: { ...config, displayNameFromDS: display },
        },
      ],
    };
  });
}
