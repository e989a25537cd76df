/**
 * Each recommendation kind reads its own source (billing usage for region switch, Cost Explorer
 * rightsizing for rightsizing). One failing source must not hide the other's savings: its error
 * becomes a warning notice. Only when every kind failed does the query fail.
 */
import type { RecommendationKind } from '../../../datasource/types';
import type { FrameNotice } from '../../frames/frame';
import { downstreamError, QueryError } from '../../core/errors';
import type { KindResult } from './regionSwitchRows';

export type KindOutcome =
  ({ kind: RecommendationKind; ok: true } & KindResult) | { kind: RecommendationKind; ok: false; error: unknown };

export const KIND_LABELS: Record<RecommendationKind, string> = {
  regionSwitch: 'Region switch',
  rightsizing: 'Rightsizing',
};

/**
 * Runs one kind. A source may report its failure as an error notice instead of throwing (the
 * Cost Explorer rightsizing reader does, so zombieInstances can carry on): no rows plus an error
 * notice is a failure too.
 */
export async function settle(kind: RecommendationKind, run: () => Promise<KindResult>): Promise<KindOutcome> {
  let result: KindResult;
  try {
    result = await run();
  } catch (error) {
    return { kind, ok: false, error };
  }
  const errors = result.notices.filter((n) => n.severity === 'error');
  if (result.rows.length === 0 && errors.length > 0) {
    return { kind, ok: false, error: downstreamError(errors.map((n) => n.text).join('; ')) };
  }
  return { kind, ok: true, ...result };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The kinds that answered, their rows and notices; throws when none answered. */
export function combineOutcomes(outcomes: KindOutcome[]): { kinds: RecommendationKind[]; result: KindResult } {
  const answered = outcomes.filter((o): o is Extract<KindOutcome, { ok: true }> => o.ok);
  const failed = outcomes.filter((o): o is Extract<KindOutcome, { ok: false }> => !o.ok);
  if (answered.length === 0) {
    throw allFailed(failed);
  }
  const failureNotices: FrameNotice[] = failed.map((f) => ({
    severity: 'warning',
    text: `${KIND_LABELS[f.kind]} recommendations are missing: ${messageOf(f.error)}`,
  }));
  return {
    kinds: answered.map((o) => o.kind),
    result: {
      rows: answered.flatMap((o) => o.rows),
      notices: [...failureNotices, ...answered.flatMap((o) => o.notices)],
      executed: answered.flatMap((o) => o.executed),
    },
  };
}

/** One kind: its own error as is. Several: one message naming each, blamed downstream when any upstream failed. */
function allFailed(failed: Array<Extract<KindOutcome, { ok: false }>>): unknown {
  if (failed.length === 1) {
    return failed[0].error;
  }
  const message = failed.map((f) => `${KIND_LABELS[f.kind]}: ${messageOf(f.error)}`).join('; ');
  const errors = failed.map((f) => f.error);
  const downstream = errors.find((e) => e instanceof QueryError && e.source === 'downstream') as QueryError | undefined;
  if (downstream) {
    return new QueryError(message, downstream.status, 'downstream');
  }
  const plugin = errors.find((e): e is QueryError => e instanceof QueryError);
  return plugin ? new QueryError(message, plugin.status, 'plugin') : new Error(message);
}
