/**
 * The frame model query modules produce. It mirrors Grafana's data frame (fields with labels and
 * config, frame meta) without exposing Arrow, which only frameBuilder.ts touches.
 */
export type FieldKind = 'time' | 'number' | 'string';

export interface FieldConfig {
  unit?: string;
  displayNameFromDS?: string;
  description?: string;
  decimals?: number;
  min?: number;
  max?: number;
}

interface FieldBase {
  name: string;
  labels?: Record<string, string>;
  config?: FieldConfig;
  /** Defaults to "has a null value"; time fields are never nullable. */
  nullable?: boolean;
}

/** Times are epoch milliseconds; they are written as nanosecond timestamps. */
export interface TimeField extends FieldBase {
  kind: 'time';
  values: number[];
}
export interface NumberField extends FieldBase {
  kind: 'number';
  values: Array<number | null>;
}
export interface StringField extends FieldBase {
  kind: 'string';
  values: Array<string | null>;
}
export type FrameField = TimeField | NumberField | StringField;

export interface FrameNotice {
  severity: 'info' | 'warning' | 'error';
  text: string;
}

/** Grafana dataplane frame types we emit; typeVersion [0, 1] for all of them. */
export type FrameType = 'timeseries-multi' | 'timeseries-wide' | 'numeric-long' | 'numeric-multi' | 'table';

export interface FrameMeta {
  type?: FrameType;
  typeVersion?: [number, number];
  notices?: FrameNotice[];
  executedQueryString?: string;
  preferredVisualisationType?: 'graph' | 'table';
  custom?: Record<string, unknown>;
}

export interface Frame {
  name?: string;
  meta?: FrameMeta;
  fields: FrameField[];
}
