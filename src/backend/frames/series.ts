/** Series frames (timeseries-multi): one frame per series, a time field then one value field with the series' labels. */
import type { FieldConfig, Frame } from './frame';
import { type Provenance, seriesMeta } from './meta';

export interface Series {
  /** The frame's name. */
  name: string;
  times: number[];
  /** The value field's name (the same in every frame of a query, so panels and alerts can pick it). */
  valueName: string;
  values: Array<number | null>;
  labels?: Record<string, string>;
  config?: FieldConfig;
}

export function seriesFrame(
  { name, times, valueName, values, labels, config }: Series,
  provenance: Provenance = {}
): Frame {
  return {
    name,
    meta: seriesMeta(provenance),
    fields: [
      { name: 'time', kind: 'time', values: times },
      {
        name: valueName,
        kind: 'number',
        values,
        ...(labels !== undefined ? { labels } : {}),
        ...(config !== undefined ? { config } : {}),
      },
    ],
  };
}

/**
 * One series per group on a shared time grid, named after its label values (" / " between them),
 * NaN steps empty. No groups: one frame with no fields, which still carries the notices.
 */
export function seriesFrames(
  valueName: string,
  times: number[],
  groups: Array<{ labels: Record<string, string>; values: ArrayLike<number> }>,
  config: FieldConfig,
  provenance: Provenance = {}
): Frame[] {
  if (groups.length === 0) {
    return [{ name: valueName, meta: seriesMeta(provenance), fields: [] }];
  }
  return groups.map(({ labels, values }) => {
    const name = Object.values(labels).filter(Boolean).join(' / ') || valueName;
    return seriesFrame(
      {
        name,
        times,
        valueName,
        labels,
        values: Array.from(values, (v) => (Number.isNaN(v) ? null : v)),
        config: { ...config, displayNameFromDS: name },
      },
      provenance
    );
  });
}
