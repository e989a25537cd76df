/** Table columns that the backend, the frontend and the app pages read by name, declared once. */
/** Whether a table frame's column holds text or numbers (null where unknown). */
export type ColumnKind = 'string' | 'number';
/** One column of a table frame: its field name and kind. */
export type ColumnSpec = readonly [name: string, kind: ColumnKind];
/** The names of the columns of one kind (of every kind by default). */
export type ColumnName<C extends readonly ColumnSpec[], K extends ColumnKind = ColumnKind> = Extract<
  C[number],
  readonly [string, K]
>[0];
/** A table row as plain values: text columns as strings, number columns as numbers or null. */
export type ColumnRecord<C extends readonly ColumnSpec[]> = { [N in ColumnName<C, 'string'>]: string } & {
  [N in ColumnName<C, 'number'>]: number | null;
};
/**
 * `true` when Row has exactly the columns' names, strings in text columns and numbers (or null) in
 * number columns; `false` otherwise. With AssertTrue, a compile-time check beside a backend row type.
 */
export type RowMatchesColumns<Row, C extends readonly ColumnSpec[]> = [
  Exclude<keyof Row, ColumnName<C>>,
  Exclude<ColumnName<C>, keyof Row>,
] extends [never, never]
  ? Row extends { [N in ColumnName<C, 'string'>]: string } & { [N in ColumnName<C, 'number'>]?: number | null }
    ? true
    : false
  : false;
export type AssertTrue<T extends true> = T;

/** The column names of one kind, in frame order. */
export function columnNames<C extends readonly ColumnSpec[], K extends ColumnKind>(
  columns: C,
  kind: K
): Array<ColumnName<C, K>> {
  return columns.filter((column) => column[1] === kind).map((column) => column[0] as ColumnName<C, K>);
}

/**
 * Columns of the zombieInstances `table` frame, in frame order: the backend's ZombieRow has exactly
 * these fields, and the app's Recommendations page reads them by these names.
 */
export const ZOMBIE_TABLE_COLUMNS = [
  ['kind', 'string'],
  ['source', 'string'],
  ['provider', 'string'],
  ['account', 'string'],
  ['region', 'string'],
  ['resourceId', 'string'],
  ['name', 'string'],
  ['instanceType', 'string'],
  ['cluster', 'string'],
  ['namespace', 'string'],
  ['workload', 'string'],
  ['peakCpuPercent', 'number'],
  ['avgCpuPercent', 'number'],
  ['networkBytesPerDay', 'number'],
  ['windowDays', 'number'],
  ['idleDays', 'number'],
  ['monthlyCost', 'number'],
  ['currency', 'string'],
  ['monthlyKWh', 'number'],
  ['monthlyKgCO2e', 'number'],
  ['monthlyKgCO2eLow', 'number'],
  ['monthlyKgCO2eHigh', 'number'],
  ['windowKWh', 'number'],
  ['windowKgCO2e', 'number'],
  ['action', 'string'],
  ['method', 'string'],
] as const satisfies readonly ColumnSpec[];

/** Columns of the cloudRecommendations `table` frame, in frame order (the backend's RecommendationRow). */
export const RECOMMENDATION_TABLE_COLUMNS = [
  ['kind', 'string'],
  ['provider', 'string'],
  ['account', 'string'],
  ['region', 'string'],
  ['targetRegion', 'string'],
  ['geography', 'string'],
  ['resourceId', 'string'],
  ['instanceType', 'string'],
  ['targetInstanceType', 'string'],
  ['currentMonthlyKWh', 'number'],
  ['currentMonthlyKgCO2e', 'number'],
  ['projectedMonthlyKWh', 'number'],
  ['projectedMonthlyKgCO2e', 'number'],
  ['monthlyKWhSaved', 'number'],
  ['monthlyKgCO2eSaved', 'number'],
  ['monthlyCostSaved', 'number'],
  ['currency', 'string'],
  ['action', 'string'],
  ['method', 'string'],
] as const satisfies readonly ColumnSpec[];
