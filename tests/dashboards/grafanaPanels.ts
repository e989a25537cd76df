/**
 * What a panel shows of the frames the backend returned, computed with Grafana's own
 * @grafana/data: the panel's transformations, field display names, and which number fields the
 * visualisation draws. @grafana/data expects a browser, so it is loaded only when first needed,
 * on a jsdom window (after the backend and Prometheus have been queried).
 */
import { Type } from 'apache-arrow';

import type { CheckedFrame } from '../conformance/arrowRules';
import { declaredUnit, type Panel } from './dashboardModel';

type GrafanaData = typeof import('@grafana/data');
type DataFrame = import('@grafana/data').DataFrame;

let grafana: GrafanaData | undefined;

function loadGrafanaData(): GrafanaData {
  if (grafana) {
    return grafana;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { JSDOM } = require('jsdom');
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/' });
  const g = globalThis as Record<string, unknown>;
  for (const key of [
    'window',
    'document',
    'navigator',
    'localStorage',
    'HTMLElement',
    'Element',
    'Node',
    'getComputedStyle',
    'matchMedia',
  ]) {
    if (!(key in g)) {
      g[key] = key === 'window' ? dom.window : dom.window[key];
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const data: GrafanaData = require('@grafana/data');
  // The registry Grafana's app fills at start-up; transformers are registered once per id.
  data.standardTransformersRegistry.setInit(
    () =>
      [...new Map(Object.values(data.standardTransformers).map((t) => [t.id, t])).values()].map((t) => ({
        id: t.id,
        name: t.name,
        description: t.description,
        transformation: () => t,
        editor: () => null,
      })) as never
  );
  grafana = data;
  return data;
}

/** A decoded Arrow frame as the Grafana frontend holds it (times in ms). */
export function toDataFrame(frame: CheckedFrame): DataFrame {
  const { FieldType, createDataFrame } = loadGrafanaData();
  return createDataFrame({
    name: frame.name,
    refId: frame.refId,
    meta: frame.meta as DataFrame['meta'],
    fields: frame.fields.map((f) => {
      const isTime = f.typeId === Type.Timestamp;
      const isNumber = f.typeId === Type.Float || f.typeId === Type.Int;
      return {
        name: f.name,
        type: isTime
          ? FieldType.time
          : isNumber
            ? FieldType.number
            : f.typeId === Type.Bool
              ? FieldType.boolean
              : FieldType.string,
        values: isTime
          ? f.values.map((v) => Number((v as bigint) / 1_000_000n))
          : f.values.map((v) => (typeof v === 'bigint' ? Number(v) : v)),
        config: (f.config ?? {}) as never,
        labels: f.labels,
      };
    }),
  });
}

/** The panel's transformations applied to the frames, as Grafana applies them before drawing. */
export async function panelData(panel: Panel, frames: CheckedFrame[]): Promise<DataFrame[]> {
  const { transformDataFrame } = loadGrafanaData();
  const { lastValueFrom } = await import('rxjs');
  const input = frames.map(toDataFrame);
  return panel.transformations?.length
    ? lastValueFrom(transformDataFrame(panel.transformations as never, input))
    : input;
}

export interface ShownField {
  frame: string;
  name: string;
  displayName: string;
  /** The unit the backend put in the field's config. */
  dataUnit?: string;
  /** The unit the panel declares for it (matching override, else the panel default). */
  declared?: string;
  rows: number;
}

/**
 * The number fields the visualisation draws: for stat and bar gauge panels those matching
 * reduceOptions.fields (a display-name regex), otherwise every number field.
 */
export function shownNumberFields(panel: Panel, data: DataFrame[]): ShownField[] {
  const { FieldType, getFieldDisplayName, stringToJsRegex } = loadGrafanaData();
  const pattern = panel.options?.reduceOptions?.fields as string | undefined;
  const only = pattern ? stringToJsRegex(pattern) : undefined;
  return data.flatMap((frame) =>
    frame.fields
      .filter((f) => f.type === FieldType.number)
      .map((f) => {
        const displayName = getFieldDisplayName(f, frame, data);
        return {
          frame: frame.name ?? '',
          name: f.name,
          displayName,
          dataUnit: f.config?.unit,
          declared: declaredUnit(panel, [f.name, displayName]),
          rows: frame.length,
        };
      })
      .filter((f) => !only || only.test(f.displayName))
  );
}
