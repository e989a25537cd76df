/**
 * Frame meta for the two dataplane types the backend emits (https://grafana.com/developers/dataplane/):
 * numeric-long tables (string columns are a row's keys, number columns its values) and
 * timeseries-multi series (one frame per series, its labels on the value field). Both are contract
 * version 0.1. A frame also carries what its run reports: notices, and the queries it sent.
 */
import type { Frame, FrameMeta, FrameNotice } from './frame';

/**
 * What a query run reports with its frames. The notices array is held, not copied: a notice the
 * run adds after a frame is built still shows on it.
 */
export interface Provenance {
  notices?: FrameNotice[];
  /** The queries sent, for Grafana's query inspector. */
  executedQueryString?: string;
  /** What an estimate is (engine/provenance.ts): methodology and versions, accounting basis, GHG scope. */
  custom?: Record<string, unknown>;
}

/** A run that collects its notices and the queries it sent (the energy context, a zombie search). */
export interface RunRecord {
  notices: FrameNotice[];
  executed: readonly string[];
}

/** A run's notices and queries sent, one paragraph per query; `custom` for an estimate's provenance. */
export function runProvenance(run: RunRecord, custom?: object): Provenance {
  return {
    notices: run.notices,
    executedQueryString: run.executed.join('\n\n'),
    ...(custom ? { custom: { ...custom } } : {}),
  };
}

/** Only the keys given, notices first: absent keys stay out of the meta JSON. */
function provenanceKeys({ notices, executedQueryString, custom }: Provenance): Provenance {
  return {
    ...(notices !== undefined ? { notices } : {}),
    ...(executedQueryString !== undefined ? { executedQueryString } : {}),
    ...(custom !== undefined ? { custom } : {}),
  };
}

/**
 * Where the table hint goes among the keys of a table's meta. Grafana reads meta by key, so this
 * is cosmetic, but the encoder writes the meta's JSON as it is: the energy and zombie tables were
 * always encoded with the hint last, the others with it first, and both stay as they were.
 */
export type TableHintPosition = 'hintFirst' | 'hintLast';

/** Meta of a numeric-long frame, shown as a table. */
export function tableMeta(provenance: Provenance = {}, hint: TableHintPosition = 'hintFirst'): FrameMeta {
  return hint === 'hintFirst'
    ? { type: 'numeric-long', typeVersion: [0, 1], preferredVisualisationType: 'table', ...provenanceKeys(provenance) }
    : { type: 'numeric-long', typeVersion: [0, 1], ...provenanceKeys(provenance), preferredVisualisationType: 'table' };
}

/** Meta of a timeseries-multi frame. */
export function seriesMeta(provenance: Provenance = {}): FrameMeta {
  return { type: 'timeseries-multi', typeVersion: [0, 1], ...provenanceKeys(provenance) };
}

/** Adds what is known only once every frame is built (after the keys the meta already has). */
export function addToMeta(frame: Frame, more: Provenance): void {
  frame.meta = { ...frame.meta, ...provenanceKeys(more) };
}
