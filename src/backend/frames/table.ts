/** Table frames (numeric-long): string columns are a row's keys, number columns its values. */
import type { FieldConfig, Frame, FrameField, NumberField, StringField } from './frame';
import { type Provenance, type TableHintPosition, tableMeta } from './meta';

export function stringColumn(name: string, values: Array<string | null>): StringField {
  return { name, kind: 'string', values };
}

/**
 * A number column with its Grafana unit (frames/units.ts) and display name, then any further
 * config. A unit or name left undefined (or an empty unit) stays out of the config.
 */
export function numberColumn(
  name: string,
  values: Array<number | null>,
  unit: string | undefined,
  displayName?: string,
  more: Omit<FieldConfig, 'unit' | 'displayNameFromDS'> = {}
): NumberField {
  const config: FieldConfig = {
    ...(unit ? { unit } : {}),
    ...(displayName !== undefined ? { displayNameFromDS: displayName } : {}),
    ...more,
  };
  return { name, kind: 'number', values, config };
}

/** A numeric-long frame of `columns`, all of one length. */
export function tableFrame(
  name: string,
  columns: FrameField[],
  provenance: Provenance = {},
  hint: TableHintPosition = 'hintFirst'
): Frame {
  return { name, meta: tableMeta(provenance, hint), fields: columns };
}
