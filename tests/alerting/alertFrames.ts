/**
 * How Grafana's alerting reads a query's frames (grafana pkg/expr/dataplane.go and the dataplane
 * contract, grafana-plugin-sdk-go data/contract_docs): when frame 0 has a dataplane type, a
 * timeseries kind gives one series per value field (reduced to a number by a reduce expression),
 * a numeric kind gives one number per value field and row, labelled by the row's string fields.
 * ngalert then needs every result told apart by its labels alone ("frame cannot uniquely be
 * identified by its labels: has duplicate results with labels"), whatever the value fields' names.
 */
import { Type } from 'apache-arrow';

import type { CheckedFrame } from '../conformance/arrowRules';

export interface AlertItems {
  kind: 'series' | 'numbers';
  /** One per series or number: the value field's name and the labels alerting sees. */
  items: Array<{ name: string; labels: Record<string, string> }>;
  /** Why alerting could not use these frames; empty when it can. */
  problems: string[];
}

const isTime = (typeId: Type) => typeId === Type.Timestamp;
const isNumber = (typeId: Type) => typeId === Type.Float || typeId === Type.Int;

export function alertItems(frames: CheckedFrame[]): AlertItems {
  const problems: string[] = [];
  const type = frames[0]?.meta?.type;
  if (!frames.length || !type) {
    return { kind: 'numbers', items: [], problems: ['no frames, or frame 0 has no dataplane type (meta.type)'] };
  }
  if (type === 'timeseries-multi') {
    const items = frames
      .filter((f) => f.meta?.type === type)
      .flatMap((f) => {
        if (f.fields.filter((x) => isTime(x.typeId)).length !== 1) {
          problems.push(`frame "${f.name}" of a timeseries-multi response needs exactly one time field`);
        }
        return f.fields.filter((x) => isNumber(x.typeId)).map((x) => ({ name: x.name, labels: x.labels ?? {} }));
      });
    return { kind: 'series', items, problems: [...problems, ...duplicates(items)] };
  }
  if (type === 'numeric-long') {
    // Only frame 0 is read; frames of other types are remainder data.
    const f = frames[0];
    const dims = f.fields.filter((x) => x.typeId === Type.Utf8);
    const items = f.fields
      .filter((x) => isNumber(x.typeId))
      .flatMap((x) =>
        Array.from({ length: f.rowCount }, (_, row) => ({
          name: x.name,
          labels: Object.fromEntries(dims.map((d) => [d.name, String(d.values[row] ?? '')])),
        }))
      );
    if (f.rowCount > 1 && dims.length === 0) {
      problems.push('a numeric table with several rows needs string columns to tell them apart');
    }
    return { kind: 'numbers', items, problems: [...problems, ...duplicates(items)] };
  }
  return {
    kind: 'numbers',
    items: [],
    problems: [`frame type ${type} is not one alerting reads (timeseries-multi or numeric-long)`],
  };
}

function duplicates(items: AlertItems['items']): string[] {
  const byLabels = new Map<string, string[]>();
  for (const item of items) {
    const key = JSON.stringify(Object.entries(item.labels).sort());
    byLabels.set(key, [...(byLabels.get(key) ?? []), item.name]);
  }
  return [...byLabels.entries()]
    .filter(([, names]) => names.length > 1)
    .map(([key, names]) => `values ${names.join(', ')} share the labels ${key}`);
}
