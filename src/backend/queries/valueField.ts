/**
 * `valueField`: one number per row or series, for Grafana's alerting (server-side expressions take
 * a table only with exactly one number column, and every row must be told apart by its string
 * columns) and for stat panels. Generic over every query type: it reshapes the frames a handler
 * returned, so handlers need not know about alerting.
 */
import type { Frame } from '../frames/frame';
import { badQuery } from '../core/errors';
import { echo } from '../core/echo';

/** The option as given in the query JSON; undefined when absent. Throws when it is not a name. */
export function valueFieldOf(json: Record<string, unknown>): string | undefined {
  const value = json.valueField;
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw badQuery(`valueField must be the name of a number field, got ${echo(value)}.`);
  }
  return value;
}

/**
 * Frames reduced to `name` (plus time and string fields); frames without it are dropped. When both
 * a table and series carry it (energyPerUnit's total and its curve), the table wins: alerting takes
 * numbers or series in one response, not both, and a threshold wants the total.
 */
export function selectValueField(frames: Frame[], name: string): Frame[] {
  const withField = frames.filter((frame) => frame.fields.some((f) => f.kind === 'number' && f.name === name));
  const tables = withField.filter((frame) => !frame.fields.some((f) => f.kind === 'time'));
  const chosen = tables.length > 0 ? tables : withField;
  const kept = chosen.map((frame) => ({
    ...frame,
    fields: frame.fields.filter((f) => f.kind !== 'number' || f.name === name),
  }));
  if (kept.length === 0) {
    const available = [
      ...new Set(frames.flatMap((f) => f.fields.filter((x) => x.kind === 'number').map((x) => x.name))),
    ];
    throw badQuery(
      `valueField "${name}" is not a number field of this query's result. ` +
        (available.length ? `Use one of: ${available.join(', ')}.` : 'The result has no number fields.')
    );
  }
  return kept;
}
